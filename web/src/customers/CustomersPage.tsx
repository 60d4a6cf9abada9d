import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { useCsvDownload } from '../ui/csv-download';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { useListFilters } from '../ui/list-filters';
import { ListPaging } from '../ui/ListPaging';
import { riskTone } from '../ui/tones';
import { customerQueries, exportCustomersCsv, RISK_CLASSES, type CustomerListSearch } from './queries';

const TEXT_FILTERS = ['q', 'segment'] as const;

/** Customers with their balances, filtered by name, segment, risk class and overdue; CSV export of the same filter. */
export function CustomersPage() {
  const intl = useIntl();
  const search = useSearch({ from: '/_signedIn/customers' });
  const navigate = useNavigate({ from: '/customers' });
  const list = useQuery(customerQueries.list(search));
  const filters = useListFilters(TEXT_FILTERS, search, (update) => void navigate({ search: update }));
  const { apply } = filters;
  const { download, error: exporting } = useCsvDownload(() => exportCustomersCsv(search), 'customers.csv');
  const title = intl.formatMessage({ id: 'customers.list.title' });
  const fieldErrors = list.error instanceof ApiError ? list.error.fieldErrors : {};

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        <Button variant="light" onClick={() => void download()}><FormattedMessage id="app.list.export" /></Button>
      </Group>
      {exporting !== null && <ErrorAlert error={exporting} />}
      <form onSubmit={filters.submit} role="search" aria-label={intl.formatMessage({ id: 'customers.list.filters' })}>
        <Group align="flex-end">
          <TextInput label={intl.formatMessage({ id: 'customers.filter.q' })} {...filters.field('q')} error={fieldErrors.q} w={260} />
          <TextInput label={intl.formatMessage({ id: 'customers.filter.segment' })} {...filters.field('segment')} error={fieldErrors.segment} w={180} />
          <Select
            label={intl.formatMessage({ id: 'customers.filter.riskClass' })} w={140} clearable
            data={RISK_CLASSES.map((c) => ({ value: c, label: c }))} value={search.riskClass ?? null}
            onChange={(value) => apply({ riskClass: (value ?? undefined) as CustomerListSearch['riskClass'] })}
          />
          <Checkbox
            label={intl.formatMessage({ id: 'customers.filter.overdue' })} checked={search.overdue === true} mb={8}
            onChange={(e) => apply({ overdue: e.currentTarget.checked ? true : undefined })}
          />
          <Button type="submit"><FormattedMessage id="app.list.apply" /></Button>
          <Button variant="subtle" onClick={filters.reset}><FormattedMessage id="app.list.reset" /></Button>
        </Group>
      </form>
      {list.error ? <ErrorAlert error={list.error} /> : !list.data ? <Text><FormattedMessage id="app.loading" /></Text> : (
        <>
          {list.data.items.length === 0 ? <Text><FormattedMessage id="customers.list.empty" /></Text> : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Caption>{title}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {['name', 'externalId', 'segment', 'riskClass', 'open', 'overdue', 'limitUse'].map((c) => (
                      <Table.Th key={c} scope="col"><FormattedMessage id={`customers.col.${c}`} /></Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Th scope="row" fw={400}>
                        <AnchorLink to="/customers/$externalId" params={{ externalId: c.externalId }} search={{ entity: c.entity }}>{c.name}</AnchorLink>
                      </Table.Th>
                      <Table.Td>{c.externalId}</Table.Td>
                      <Table.Td>{c.segment ?? '—'}</Table.Td>
                      <Table.Td>{c.riskClass ? <Badge {...riskTone(c.riskClass)}>{c.riskClass}</Badge> : '—'}</Table.Td>
                      <Table.Td>{c.balances.map((b) => <div key={b.currency}>{formatMoney({ amount: b.open, currency: b.currency }, intl.locale)}</div>)}</Table.Td>
                      <Table.Td>{c.balances.map((b) => <div key={b.currency}>{formatMoney({ amount: b.overdue, currency: b.currency }, intl.locale)}</div>)}</Table.Td>
                      <Table.Td>{c.limitUsePercent === null ? '—' : intl.formatMessage({ id: 'customers.percent' }, { value: intl.formatNumber(c.limitUsePercent) })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <ListPaging total={list.data.total} nextCursor={list.data.nextCursor} {...filters.paging} countMessage="customers.list.count" />
        </>
      )}
    </Stack>
  );
}
