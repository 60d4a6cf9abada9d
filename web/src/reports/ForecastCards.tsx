import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { promiseQueries } from '../promises/queries';
import { EChart, type ChartOption } from '../ui/EChart';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { FORECAST_WEEKS, reportQueries } from './queries';

/** Expected receipts per ISO week from the payment predictions (GET /cash-forecast), in the dashboard's currency. */
export function CashForecastCard({ currency }: { currency: string }) {
  const intl = useIntl();
  const forecast = useQuery(reportQueries.cashForecast(currency));
  const figures = forecast.data?.currencies.find((c) => c.currency === currency);
  const money = (amount: string) => formatMoney({ amount, currency }, intl.locale);
  const week = (monday: string) => intl.formatMessage({ id: 'reports.forecast.week' }, { date: formatDate(monday, intl.locale) });
  // Bar lengths only: every figure shown as text is the API's decimal string.
  const option = useMemo((): ChartOption | null => (figures ? {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: figures.weeks.map((w) => formatDate(w.weekStart, intl.locale)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => intl.formatNumber(v) } },
    series: [{
      name: intl.formatMessage({ id: 'reports.forecast.expected' }), type: 'bar', barMaxWidth: 28, color: '#1971c2',
      data: figures.weeks.map((w) => Number(w.amount)), tooltip: { valueFormatter: (_: unknown, index: number) => money(figures.weeks[index]!.amount) },
    }],
  } : null), [figures, intl.locale]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="forecast-title">
      <Title order={2} size="h3" id="forecast-title" mb="xs"><FormattedMessage id="reports.forecast.title" values={{ weeks: FORECAST_WEEKS }} /></Title>
      {forecast.error ? <ErrorAlert error={forecast.error} /> : !forecast.data ? <Text><FormattedMessage id="app.loading" /></Text> : !figures ? (
        <Text><FormattedMessage id="reports.forecast.none" values={{ currency }} /></Text>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed"><FormattedMessage id="reports.forecast.explain" /></Text>
          {option && <EChart option={option} label={intl.formatMessage({ id: 'reports.forecast.chart' })} height={240} />}
          <details>
            <summary><FormattedMessage id="reports.forecast.show" /></summary>
            <Table striped>
              <Table.Caption><FormattedMessage id="reports.forecast.caption" values={{ currency }} /></Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="reports.forecast.weekColumn" /></Table.Th>
                  <Table.Th scope="col" ta="right"><FormattedMessage id="reports.forecast.expected" /></Table.Th>
                  <Table.Th scope="col" ta="right"><FormattedMessage id="reports.forecast.invoices" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {figures.weeks.map((w) => (
                  <Table.Tr key={w.weekStart}>
                    <Table.Th scope="row" fw={400}>{week(w.weekStart)}</Table.Th>
                    <Table.Td ta="right">{money(w.amount)}</Table.Td>
                    <Table.Td ta="right">{w.invoiceCount}</Table.Td>
                  </Table.Tr>
                ))}
                {([['later', figures.later], ['overdueWithoutPrediction', figures.overdueWithoutPrediction]] as const).map(([key, b]) => (
                  <Table.Tr key={key}>
                    <Table.Th scope="row" fw={400}><FormattedMessage id={`reports.forecast.${key}`} /></Table.Th>
                    <Table.Td ta="right">{money(b.amount)}</Table.Td>
                    <Table.Td ta="right">{b.invoiceCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </details>
        </Stack>
      )}
    </Paper>
  );
}

/** Open promises to pay falling due today (the browser's day), linking to the promises screen. */
export function PromisesDueCard({ today }: { today: string }) {
  const intl = useIntl();
  const due = useQuery(promiseQueries.dueOn(today));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="promises-due-title">
      <Title order={2} size="h3" id="promises-due-title" mb="xs"><FormattedMessage id="reports.promises.title" /></Title>
      {due.error ? <ErrorAlert error={due.error} /> : !due.data ? <Text><FormattedMessage id="app.loading" /></Text> : due.data.items.length === 0 ? (
        <Text><FormattedMessage id="reports.promises.none" /></Text>
      ) : (
        <Table striped>
          <Table.Caption><FormattedMessage id="reports.promises.caption" values={{ count: due.data.items.length }} /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="reports.promises.customer" /></Table.Th>
              <Table.Th scope="col" ta="right"><FormattedMessage id="reports.promises.amount" /></Table.Th>
              <Table.Th scope="col" ta="right"><FormattedMessage id="reports.promises.received" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row" fw={400}>
                  {p.customer ? <AnchorLink to="/customers/$externalId" params={{ externalId: p.customer.externalId }} search={{ entity: p.entity }}>{p.customer.name}</AnchorLink> : '—'}
                </Table.Th>
                <Table.Td ta="right">{formatMoney({ amount: p.amount, currency: p.currency }, intl.locale)}</Table.Td>
                <Table.Td ta="right">{formatMoney({ amount: p.received, currency: p.currency }, intl.locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AnchorLink to="/promises" search={{}} size="sm"><FormattedMessage id="reports.promises.all" /></AnchorLink>
    </Paper>
  );
}
