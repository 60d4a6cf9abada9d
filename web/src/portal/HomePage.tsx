import { Anchor, Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { TONES } from '../ui/tones';
import { portalQueries } from './api';

/** The customer's account: what is owed, each open invoice (to open, dispute, promise or pay), disputes, the statement. */
export function HomePage() {
  const intl = useIntl();
  const account = useQuery(portalQueries.account());
  if (account.error) return <ErrorAlert error={account.error} />;
  if (!account.data) return null;
  const { balances, openItems, disputes, asOf } = account.data;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2"><FormattedMessage id="portal.home.title" /></Title>
          <Text c="dimmed"><FormattedMessage id="portal.home.asOf" values={{ date: formatDate(asOf, intl.locale) }} /></Text>
        </div>
        <Anchor href="/api/v1/portal/statement" download><FormattedMessage id="portal.home.statement" /></Anchor>
      </Group>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {balances.length === 0 && <Paper withBorder p="md"><Text><FormattedMessage id="portal.home.nothingDue" /></Text></Paper>}
        {balances.map((b) => (
          <Paper withBorder p="md" key={b.currency}>
            <Text size="sm" c="dimmed"><FormattedMessage id="portal.home.open" /></Text>
            <Text size="xl" fw={700}>{formatMoney({ amount: b.open, currency: b.currency }, intl.locale)}</Text>
            <Text size="sm"><FormattedMessage id="portal.home.overdue" values={{ amount: formatMoney({ amount: b.overdue, currency: b.currency }, intl.locale) }} /></Text>
          </Paper>
        ))}
      </SimpleGrid>

      <Paper withBorder p="md" component="section" aria-labelledby="portal-items">
        <Title order={2} size="h3" id="portal-items" mb="sm"><FormattedMessage id="portal.items.title" /></Title>
        {openItems.length === 0 ? <Text><FormattedMessage id="portal.items.empty" /></Text> : (
          <ScrollArea type="auto">
            <Table striped miw={520}>
              <Table.Caption><FormattedMessage id="portal.items.caption" /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="portal.items.number" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="portal.items.due" /></Table.Th>
                  <Table.Th scope="col" ta="right"><FormattedMessage id="portal.items.openAmount" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="portal.items.state" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {openItems.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <AnchorLink to="/portal/invoices/$invoiceId" params={{ invoiceId: i.id }}>
                        <FormattedMessage id="portal.items.open" values={{ number: i.number }} />
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{formatDate(i.dueDate, intl.locale)}</Table.Td>
                    <Table.Td ta="right">{formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale)}</Table.Td>
                    <Table.Td>
                      {i.disputed ? <Badge {...TONES.warn}><FormattedMessage id="portal.items.disputed" /></Badge>
                        : i.daysOverdue > 0 ? <Badge {...TONES.bad}><FormattedMessage id="portal.items.overdueDays" values={{ days: i.daysOverdue }} /></Badge>
                        : <Badge color="gray.8"><FormattedMessage id="portal.items.notDue" /></Badge>}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Paper>

      {disputes.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="portal-disputes">
          <Title order={2} size="h3" id="portal-disputes" mb="sm"><FormattedMessage id="portal.disputes.title" /></Title>
          <Stack gap="xs">
            {disputes.map((d) => (
              <Group key={d.id} justify="space-between" wrap="wrap">
                <Text>
                  <FormattedMessage id="portal.disputes.line" values={{
                    invoices: d.invoices.map((i) => i.number ?? '').join(', '),
                    reason: intl.formatMessage({ id: `portal.reason.${d.reasonCode}`, defaultMessage: d.reasonCode }),
                    amount: formatMoney({ amount: d.amount, currency: d.currency }, intl.locale),
                  }} />
                </Text>
                <Badge color="gray.8">{intl.formatMessage({ id: `portal.disputeStatus.${d.status}`, defaultMessage: d.status })}</Badge>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
