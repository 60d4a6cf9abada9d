import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { disputeQueries } from './queries';

/** The validator's inbox: disputes in review assigned to them, oldest first. */
export function InboxPage() {
  const intl = useIntl();
  const { data: inbox } = useSuspenseQuery(disputeQueries.inbox());
  const title = intl.formatMessage({ id: 'disputes.inbox.title' });
  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Text c="dimmed"><FormattedMessage id="disputes.inbox.count" values={{ count: inbox.length }} /></Text>
      {inbox.length === 0 ? <Text><FormattedMessage id="disputes.inbox.empty" /></Text> : (
        <Table striped highlightOnHover>
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {['reason', 'amount', 'invoices', 'status', 'opened', 'due'].map((c) => (
                <Table.Th key={c} scope="col"><FormattedMessage id={`disputes.col.${c}`} /></Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inbox.map((d) => {
              const reason = intl.formatMessage({ id: `disputes.reason.${d.reasonCode}` });
              const amount = formatMoney(d.amount, intl.locale);
              return (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <AnchorLink to="/disputes/$disputeId" params={{ disputeId: d.id }}
                      aria-label={intl.formatMessage({ id: 'disputes.open' }, { reason, amount })}>
                      {reason}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{amount}</Table.Td>
                  <Table.Td>{d.invoiceCount}</Table.Td>
                  <Table.Td><Badge variant="light"><FormattedMessage id={`disputes.status.${d.status}`} /></Badge></Table.Td>
                  <Table.Td>{formatDate(d.createdAt, intl.locale)}</Table.Td>
                  <Table.Td>{formatDate(d.dueAt, intl.locale)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
