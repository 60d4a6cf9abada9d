import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { ledgerQueries } from './queries';

/** A credit note from the ERP: its amount, what it took off which invoices, and what stays as customer credit. */
export function CreditNotePage() {
  const intl = useIntl();
  const { creditNoteId } = useParams({ from: '/_signedIn/credit-notes/$creditNoteId' });
  const { data: note } = useSuspenseQuery(ledgerQueries.creditNote(creditNoteId));
  const money = (amount: string) => formatMoney({ amount, currency: note.currency }, intl.locale);
  const caption = intl.formatMessage({ id: 'ledger.creditNote.allocations' });
  const figures = [
    ['amount', money(note.amount)], ['unallocated', money(note.unallocatedAmount)], ['issued', formatDate(note.issueDate, intl.locale)],
  ] as const;

  return (
    <Stack gap="lg">
      <AnchorLink to="/customers/$externalId" params={{ externalId: note.customer.externalId }} search={{}}>
        <FormattedMessage id="ledger.creditNote.back" values={{ customer: note.customer.externalId }} />
      </AnchorLink>
      <Title order={1}><FormattedMessage id="ledger.creditNote.title" values={{ number: note.number }} /></Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {figures.map(([id, value]) => {
          const label = intl.formatMessage({ id: `ledger.creditNote.${id}` });
          return (
            <Paper key={id} withBorder p="md" component="section" aria-label={label}>
              <Text size="sm" c="dimmed">{label}</Text>
              <Text size="lg" fw={700}>{value}</Text>
            </Paper>
          );
        })}
      </SimpleGrid>
      <Paper withBorder p="md" component="section" aria-labelledby="credit-note-allocations">
        <Title order={2} size="h3" id="credit-note-allocations" mb="sm">{caption}</Title>
        {note.allocations.length === 0 ? <Text c="dimmed"><FormattedMessage id="ledger.creditNote.none" /></Text> : (
          <Table>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="ledger.creditNote.invoice" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="ledger.creditNote.allocated" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {note.allocations.map((a) => (
                <Table.Tr key={a.invoiceId}>
                  <Table.Th scope="row" fw={400}><AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: a.invoiceId }}>{a.invoiceExternalId}</AnchorLink></Table.Th>
                  <Table.Td>{money(a.amount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
