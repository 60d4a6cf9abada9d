import { Alert, Badge, Group, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate, formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { allows, ROLES } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { DecisionForm } from './DecisionForm';
import { InfoAnswerForm } from './InfoAnswerForm';
import { disputeQueries } from './queries';

const DECIDABLE = new Set(['open', 'in_review', 'info_requested']);

export function DisputePage() {
  const intl = useIntl();
  const { disputeId } = useParams({ from: '/_signedIn/disputes/$disputeId' });
  const { data: d } = useSuspenseQuery(disputeQueries.detail(disputeId));
  const { data: session } = useSuspenseQuery(sessionQuery);
  const decides = allows(session.roles, ROLES.disputeInbox);
  const answersInfo = d.status === 'info_requested' && allows(session.roles, ROLES.disputeInfo);
  // Shown above whatever follows the decision (the form again, or the dispute closed to decisions).
  const [decided, setDecided] = useState(false);
  const reason = intl.formatMessage({ id: `disputes.reason.${d.reasonCode}` });
  const money = (m: Parameters<typeof formatMoney>[0] | null) => (m ? formatMoney(m, intl.locale) : '—');

  return (
    <Stack>
      <AnchorLink to="/disputes"><FormattedMessage id="disputes.detail.back" /></AnchorLink>
      <Group>
        <Title order={1}><FormattedMessage id="disputes.detail.title" values={{ reason }} /></Title>
        <Badge size="lg" variant="light"><FormattedMessage id={`disputes.status.${d.status}`} /></Badge>
      </Group>
      <Text size="xl" fw={600}>{money(d.amount)}</Text>
      {d.acceptedAmount && <Text><FormattedMessage id="disputes.detail.accepted" values={{ amount: money(d.acceptedAmount) }} /></Text>}
      <Text c="dimmed"><FormattedMessage id="disputes.detail.openedBy" values={{ name: d.openedBy.name, date: formatDate(d.createdAt, intl.locale) }} /></Text>
      <Paper withBorder p="md">
        <Title order={2} size="h4"><FormattedMessage id="disputes.detail.comment" /></Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{d.comment}</Text>
      </Paper>
      <Title order={2} size="h3"><FormattedMessage id="disputes.detail.invoices" /></Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col"><FormattedMessage id="disputes.detail.invoice" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="disputes.detail.disputed" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="disputes.detail.open" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.invoices.map((i) => (
            <Table.Tr key={i.invoiceId}>
              <Table.Td>{i.number ?? i.externalId ?? i.invoiceId}</Table.Td>
              <Table.Td>{money(i.disputedAmount)}</Table.Td>
              <Table.Td>{money(i.openAmount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {decided && <Alert color="green" role="status"><FormattedMessage id="disputes.decide.done" /></Alert>}
      {answersInfo && <InfoAnswerForm dispute={d} />}
      {!DECIDABLE.has(d.status) ? <Text><FormattedMessage id="disputes.decide.closed" /></Text>
        : decides ? <DecisionForm key={d.status} dispute={d} onDecided={() => setDecided(true)} />
          : <Text><FormattedMessage id={d.status === 'info_requested' ? 'disputes.info.waitingForYou' : 'disputes.decide.awaited'} /></Text>}
      <Title order={2} size="h3"><FormattedMessage id="disputes.detail.history" /></Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {d.history.map((h, index) => (
          <Timeline.Item key={index} title={intl.formatMessage({ id: `disputes.event.${h.event}`, defaultMessage: h.event })}>
            <Text size="sm">{h.by.name} · {formatDateTime(h.at, intl.locale)}</Text>
            {h.comment && <Text size="sm" c="dimmed">{h.comment}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}
