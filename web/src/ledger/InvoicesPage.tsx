import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { useCsvDownload } from '../ui/csv-download';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { useListFilters } from '../ui/list-filters';
import { ListPaging } from '../ui/ListPaging';
import { riskTone, TONES } from '../ui/tones';
import {
  COLLECTION_STAGES, exportInvoicesCsv, INVOICE_SORTS, INVOICE_STATUSES, ledgerQueries, RISK_CLASSES, type InvoiceListSearch,
} from './queries';

const TEXT_FILTERS = ['q', 'customer', 'entity', 'dueFrom', 'dueTo', 'currency', 'amountMin', 'amountMax'] as const;

/** Every invoice the person may read, with the API's filters, sort, cursor paging, total and CSV export of the same filter. */
export function InvoicesPage() {
  const intl = useIntl();
  const search = useSearch({ from: '/_signedIn/invoices' });
  const navigate = useNavigate({ from: '/invoices' });
  const list = useQuery(ledgerQueries.invoices(search));
  const filters = useListFilters(TEXT_FILTERS, search, (update) => void navigate({ search: update }));
  const { download, error: exporting } = useCsvDownload(() => exportInvoicesCsv(search), 'invoices.csv');
  const title = intl.formatMessage({ id: 'ledger.invoices.title' });
  const label = (id: string) => intl.formatMessage({ id: `ledger.invoices.filter.${id}` });
  // The API's field errors (e.g. an amount without its currency) go on the fields.
  const fieldErrors = list.error instanceof ApiError ? list.error.fieldErrors : {};

  const { apply } = filters;
  const text = (field: (typeof TEXT_FILTERS)[number], props: { w: number; type?: string; placeholder?: string }) => (
    <TextInput
      label={label(field)} {...filters.field(field)} error={fieldErrors[field]} {...props}
    />
  );
  const choice = (field: 'status' | 'collectionStage' | 'riskClass', values: readonly string[], labelOf: (v: string) => string) => (
    <Select
      label={label(field)} w={150} clearable data={values.map((v) => ({ value: v, label: labelOf(v) }))} value={(search[field] ?? null) as string | null}
      error={fieldErrors[field]} onChange={(value) => apply({ [field]: value ?? undefined } as Partial<InvoiceListSearch>)}
    />
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        <Button variant="light" onClick={() => void download()}><FormattedMessage id="app.list.export" /></Button>
      </Group>
      {exporting !== null && <ErrorAlert error={exporting} />}
      <form onSubmit={filters.submit} role="search" aria-label={intl.formatMessage({ id: 'ledger.invoices.filters' })}>
        <Stack gap="xs">
          <Group align="flex-end">
            {text('q', { w: 240 })}
            {text('customer', { w: 160 })}
            {text('entity', { w: 120 })}
            {choice('status', INVOICE_STATUSES, (v) => intl.formatMessage({ id: `ledger.invoice.status.${v}` }))}
            {choice('collectionStage', COLLECTION_STAGES, (v) => intl.formatMessage({ id: `ledger.invoice.stage.${v}` }))}
            {choice('riskClass', RISK_CLASSES, (v) => v)}
          </Group>
          <Group align="flex-end">
            {text('dueFrom', { w: 160, type: 'date' })}
            {text('dueTo', { w: 160, type: 'date' })}
            {text('currency', { w: 100, placeholder: 'EUR' })}
            {text('amountMin', { w: 130 })}
            {text('amountMax', { w: 130 })}
            <Select
              label={label('disputed')} w={150} clearable value={search.disputed === undefined ? null : String(search.disputed)}
              data={[{ value: 'true', label: intl.formatMessage({ id: 'ledger.invoices.disputed.yes' }) }, { value: 'false', label: intl.formatMessage({ id: 'ledger.invoices.disputed.no' }) }]}
              onChange={(value) => apply({ disputed: value === null ? undefined : value === 'true' })}
            />
            <Checkbox
              label={label('overdue')} checked={search.overdue === true} mb={8}
              onChange={(e) => apply({ overdue: e.currentTarget.checked ? true : undefined })}
            />
          </Group>
          <Group align="flex-end">
            <Select
              label={label('sort')} w={260} value={search.sort ?? 'dueDate'} allowDeselect={false}
              data={INVOICE_SORTS.map((s) => ({ value: s, label: intl.formatMessage({ id: `ledger.invoices.sort.${s.replace('-', 'desc.')}` }) }))}
              onChange={(value) => apply({ sort: (value ?? undefined) as InvoiceListSearch['sort'] })}
            />
            <Button type="submit"><FormattedMessage id="app.list.apply" /></Button>
            <Button variant="subtle" onClick={filters.reset}><FormattedMessage id="app.list.reset" /></Button>
          </Group>
        </Stack>
      </form>
      {list.error ? <ErrorAlert error={list.error} /> : !list.data ? <Text><FormattedMessage id="app.loading" /></Text> : (
        <>
          {list.data.items.length === 0 ? <Text><FormattedMessage id="ledger.invoices.empty" /></Text> : (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped highlightOnHover>
                <Table.Caption>{title}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {['number', 'customer', 'due', 'daysOverdue', 'amount', 'open', 'status', 'stage'].map((c) => (
                      <Table.Th key={c} scope="col"><FormattedMessage id={`ledger.invoices.col.${c}`} /></Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Th scope="row" fw={400}>
                        <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: i.id }}>{i.number}</AnchorLink>
                      </Table.Th>
                      <Table.Td>
                        <AnchorLink to="/customers/$externalId" params={{ externalId: i.customer.externalId }} search={{ entity: i.entity }}>{i.customer.name}</AnchorLink>
                        {i.customer.riskClass && <> <Badge size="xs" {...riskTone(i.customer.riskClass)}>{i.customer.riskClass}</Badge></>}
                      </Table.Td>
                      <Table.Td>{formatDate(i.dueDate, intl.locale)}</Table.Td>
                      <Table.Td>{i.daysOverdue !== null && i.daysOverdue > 0 ? i.daysOverdue : '—'}</Table.Td>
                      <Table.Td>{formatMoney({ amount: i.amount, currency: i.currency }, intl.locale)}</Table.Td>
                      <Table.Td>{formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale)}</Table.Td>
                      <Table.Td>
                        <FormattedMessage id={`ledger.invoice.status.${i.status}`} />
                        {i.disputed && <> <Badge size="xs" {...TONES.warn}><FormattedMessage id="ledger.invoices.disputedBadge" /></Badge></>}
                      </Table.Td>
                      <Table.Td><FormattedMessage id={`ledger.invoice.stage.${i.collectionStage}`} /></Table.Td>
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
