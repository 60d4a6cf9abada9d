import { Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { useCsvDownload } from '../ui/csv-download';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { useListFilters } from '../ui/list-filters';
import { ListPaging } from '../ui/ListPaging';
import { exportPaymentsCsv, ledgerQueries, PAYMENT_SORTS, type PaymentListSearch } from './queries';

const TEXT_FILTERS = ['q', 'customer', 'entity', 'receivedFrom', 'receivedTo', 'currency', 'amountMin', 'amountMax'] as const;

/** Payments received, with what each settled (allocations link to their invoices) and what is left unapplied; CSV export. */
export function PaymentsPage() {
  const intl = useIntl();
  const search = useSearch({ from: '/_signedIn/payments' });
  const navigate = useNavigate({ from: '/payments' });
  const list = useQuery(ledgerQueries.payments(search));
  const filters = useListFilters(TEXT_FILTERS, search, (update) => void navigate({ search: update }));
  const { download, error: exporting } = useCsvDownload(() => exportPaymentsCsv(search), 'payments.csv');
  const title = intl.formatMessage({ id: 'ledger.payments.title' });
  const fieldErrors = list.error instanceof ApiError ? list.error.fieldErrors : {};

  const { apply } = filters;
  const money = (amount: string, currency: string) => formatMoney({ amount, currency }, intl.locale);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        <Button variant="light" onClick={() => void download()}><FormattedMessage id="app.list.export" /></Button>
      </Group>
      {exporting !== null && <ErrorAlert error={exporting} />}
      <form onSubmit={filters.submit} role="search" aria-label={intl.formatMessage({ id: 'ledger.payments.filters' })}>
        <Group align="flex-end">
          {TEXT_FILTERS.map((f) => (
            <TextInput
              key={f} label={intl.formatMessage({ id: `ledger.payments.filter.${f}` })} {...filters.field(f)} error={fieldErrors[f]}
              type={f === 'receivedFrom' || f === 'receivedTo' ? 'date' : undefined} w={f === 'q' ? 220 : f === 'currency' ? 100 : 150}
            />
          ))}
          <Checkbox
            label={intl.formatMessage({ id: 'ledger.payments.filter.unapplied' })} checked={search.unapplied === true} mb={8}
            onChange={(e) => apply({ unapplied: e.currentTarget.checked ? true : undefined })}
          />
          <Select
            label={intl.formatMessage({ id: 'ledger.payments.filter.sort' })} w={220} value={search.sort ?? '-receivedAt'} allowDeselect={false}
            data={PAYMENT_SORTS.map((s) => ({ value: s, label: intl.formatMessage({ id: `ledger.payments.sort.${s.replace('-', 'desc.')}` }) }))}
            onChange={(value) => apply({ sort: (value ?? undefined) as PaymentListSearch['sort'] })}
          />
          <Button type="submit"><FormattedMessage id="app.list.apply" /></Button>
          <Button variant="subtle" onClick={filters.reset}><FormattedMessage id="app.list.reset" /></Button>
        </Group>
      </form>
      {list.error ? <ErrorAlert error={list.error} /> : !list.data ? <Text><FormattedMessage id="app.loading" /></Text> : (
        <>
          {list.data.items.length === 0 ? <Text><FormattedMessage id="ledger.payments.empty" /></Text> : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Caption>{title}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {['reference', 'received', 'entity', 'amount', 'applied', 'unapplied', 'allocations'].map((c) => (
                      <Table.Th key={c} scope="col"><FormattedMessage id={`ledger.payments.col.${c}`} /></Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Th scope="row" fw={400}>{p.externalId}</Table.Th>
                      <Table.Td>{formatDateTime(p.receivedAt, intl.locale)}</Table.Td>
                      <Table.Td>{p.entity}</Table.Td>
                      <Table.Td>{money(p.amount, p.currency)}</Table.Td>
                      <Table.Td>{money(p.applied, p.currency)}</Table.Td>
                      <Table.Td>{money(p.unapplied, p.currency)}</Table.Td>
                      <Table.Td>
                        {p.allocations.length === 0 ? '—' : p.allocations.map((a) => (
                          <div key={a.invoiceId}>
                            <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: a.invoiceId }}>{a.invoiceNumber ?? a.invoiceExternalId ?? a.invoiceId}</AnchorLink>
                            {' '}{money(a.amount, p.currency)}
                            {a.customerExternalId && <Text span size="xs" c="dimmed"> · {a.customerExternalId}</Text>}
                          </div>
                        ))}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <ListPaging total={list.data.total} nextCursor={list.data.nextCursor} {...filters.paging} />
        </>
      )}
    </Stack>
  );
}
