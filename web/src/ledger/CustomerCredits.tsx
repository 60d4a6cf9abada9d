import { Paper, Table, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Schemas } from '../api/client';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';

type Credit = Schemas['CustomerAccountResponse']['credits'][number];

/**
 * On the customer 360°: credit not yet allocated (credit notes and unapplied cash), oldest first,
 * each credit note linking to its page (what it was allocated to).
 */
export function CustomerCredits({ credits }: { credits: readonly Credit[] }) {
  const intl = useIntl();
  if (credits.length === 0) return null;
  const title = intl.formatMessage({ id: 'ledger.credits.title' });
  const money = (amount: string, currency: string) => formatMoney({ amount, currency }, intl.locale);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="customer-credits-title">
      <Title order={2} size="h3" id="customer-credits-title" mb="sm">{title}</Title>
      <Table>
        <Table.Caption>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {['reference', 'source', 'date', 'amount', 'unapplied'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`ledger.credits.col.${c}`} /></Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {credits.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" fw={400}>
                {c.source === 'credit_note'
                  ? <AnchorLink to="/credit-notes/$creditNoteId" params={{ creditNoteId: c.sourceId }}>{c.reference ?? c.sourceId}</AnchorLink>
                  : c.reference ?? '—'}
              </Table.Th>
              <Table.Td><FormattedMessage id={`ledger.credits.source.${c.source}`} /></Table.Td>
              <Table.Td>{formatDate(c.date, intl.locale)}</Table.Td>
              <Table.Td>{money(c.amount, c.currency)}</Table.Td>
              <Table.Td>{money(c.unapplied, c.currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
