import { Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { Schemas } from '../api/client';
import { allows, ROLES } from '../app/navigation';
import { disputeQueries } from '../disputes/queries';
import { sessionQuery } from '../session/queries';
import { EChart, type ChartOption } from '../ui/EChart';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { localToday } from '../promises/queries';
import { CashForecastCard, PromisesDueCard } from './ForecastCards';
import { addDays, DASHBOARD_CURRENCIES, DASHBOARD_GROUPS, KPI_PERIOD_DAYS, reportQueries, type DashboardSearch, type GroupBy } from './queries';

type AgedBalance = Schemas['AgedBalanceResponse'];
type Bucket = AgedBalance['buckets'][number];
/** Green when not due, then warmer with age. */
const BUCKET_COLORS: Record<Bucket, string> = {
  current: '#2f9e44', '1-30': '#fab005', '31-60': '#fd7e14', '61-90': '#f76707', '91-120': '#e03131', '120+': '#a61e4d',
};

/** Figures that are not money: days, percents, hours (JSON numbers from the API). */
const number = (intl: IntlShape, value: number | null, digits = 1) =>
  value === null ? '—' : intl.formatNumber(value, { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Receivables, KPIs and disputes at a glance, for everyone who reads reports. */
export function DashboardPage() {
  const intl = useIntl();
  const navigate = useNavigate({ from: '/dashboard' });
  const { currency, groupBy } = useSearch({ from: '/_signedIn/dashboard' });
  const { data: session } = useSuspenseQuery(sessionQuery);
  const { data: aged } = useSuspenseQuery(reportQueries.agedBalance(currency, groupBy));
  const { data: kpis } = useSuspenseQuery(reportQueries.kpis(currency, addDays(aged.asOf, 1 - KPI_PERIOD_DAYS), aged.asOf));
  const { data: trend } = useSuspenseQuery(reportQueries.trend(currency));
  const money = (amount: string) => formatMoney({ amount, currency }, intl.locale);
  const days = (value: number | null) => (value === null ? '—' : intl.formatMessage({ id: 'reports.days' }, { days: number(intl, value) }));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}><FormattedMessage id="reports.dashboard.title" /></Title>
          <Text c="dimmed"><FormattedMessage id="reports.dashboard.asOf" values={{ date: formatDate(aged.asOf, intl.locale), currency }} /></Text>
        </div>
        <Select
          label={intl.formatMessage({ id: 'reports.currency' })} w={120} allowDeselect={false}
          data={[...DASHBOARD_CURRENCIES]} value={currency}
          onChange={(value) => value && void navigate({ search: (s) => ({ ...s, currency: value as DashboardSearch['currency'] }) })}
        />
      </Group>

      <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }}>
        <Tile label={intl.formatMessage({ id: 'reports.tile.receivables' })} value={money(aged.total.total)} />
        <Tile
          label={intl.formatMessage({ id: 'reports.tile.overdue' })} value={money(kpis.overdueAmount)}
          note={intl.formatMessage({ id: 'reports.tile.overdueCount' }, { count: kpis.overdueCount })}
        />
        <Tile label={intl.formatMessage({ id: 'reports.kpi.dso' })} value={days(kpis.dso)} />
        <Tile label={intl.formatMessage({ id: 'reports.kpi.bestPossibleDso' })} value={days(kpis.bestPossibleDso)} />
        <Tile label={intl.formatMessage({ id: 'reports.kpi.add' })} value={days(kpis.add)} />
        <Tile label={intl.formatMessage({ id: 'reports.kpi.cei' })} value={kpis.cei === null ? '—' : intl.formatMessage({ id: 'reports.percent' }, { value: number(intl, kpis.cei) })} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="reports.kpi.period" values={{ days: KPI_PERIOD_DAYS, from: formatDate(kpis.from, intl.locale), to: formatDate(kpis.to, intl.locale) }} />
      </Text>

      <AgedBalanceCard aged={aged} groupBy={groupBy} money={money} onGroupBy={(g) => void navigate({ search: (s) => ({ ...s, groupBy: g }) })} />
      <TrendCard trend={trend} />
      {allows(session.roles, ROLES.cashForecast) && <CashForecastCard currency={currency} />}
      {allows(session.roles, ROLES.worklist) && <PromisesDueCard today={localToday()} />}
      {allows(session.roles, ROLES.disputeFigures) && <DisputesCard />}
    </Stack>
  );
}

function Tile({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="xl" fw={700}>{value}</Text>
      {note && <Text size="sm" c="dimmed">{note}</Text>}
    </Paper>
  );
}

function AgedBalanceCard({ aged, groupBy, money, onGroupBy }: {
  aged: AgedBalance; groupBy: GroupBy; money: (amount: string) => string; onGroupBy: (g: DashboardSearch['groupBy']) => void;
}) {
  const intl = useIntl();
  const bucketName = (b: Bucket) => intl.formatMessage({ id: `reports.bucket.${b}` });
  const title = intl.formatMessage({ id: 'reports.aged.title' });
  // Bar lengths only: every figure shown as text is the API's decimal string.
  const option = useMemo((): ChartOption => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => intl.formatNumber(v) } },
    yAxis: { type: 'category', inverse: true, data: aged.groups.map((g) => g.label) },
    series: aged.buckets.map((b) => ({
      name: bucketName(b), type: 'bar', stack: 'total', barMaxWidth: 32, color: BUCKET_COLORS[b],
      data: aged.groups.map((g) => Number(g[b])),
      tooltip: { valueFormatter: (_: unknown, index: number) => money(aged.groups[index]![b]) },
    })),
  }), [aged, intl.locale]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="aged-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="aged-title">{title}</Title>
        <SegmentedControl
          aria-label={intl.formatMessage({ id: 'reports.aged.groupBy' })} value={groupBy}
          data={DASHBOARD_GROUPS.map((g) => ({ value: g, label: intl.formatMessage({ id: `reports.groupBy.${g}` }) }))}
          onChange={(value) => onGroupBy(value as DashboardSearch['groupBy'])}
        />
      </Group>
      {aged.groups.length === 0 ? <Text><FormattedMessage id="reports.aged.empty" /></Text> : (
        <>
          <EChart option={option} label={intl.formatMessage({ id: 'reports.aged.chart' })} height={Math.max(160, 60 + aged.groups.length * 36)} />
          <Table.ScrollContainer minWidth={720}>
            <Table striped>
              <Table.Caption>{intl.formatMessage({ id: 'reports.aged.caption' }, { group: intl.formatMessage({ id: `reports.groupBy.${groupBy}` }) })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id={`reports.groupBy.${groupBy}`} /></Table.Th>
                  {aged.buckets.map((b) => <Table.Th key={b} scope="col" ta="right">{bucketName(b)}</Table.Th>)}
                  <Table.Th scope="col" ta="right"><FormattedMessage id="reports.total" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {aged.groups.map((g) => (
                  <Table.Tr key={`${g.entity ?? ''}/${g.key ?? ''}`}>
                    <Table.Th scope="row" fw={400}>{g.label}</Table.Th>
                    {aged.buckets.map((b) => <Table.Td key={b} ta="right">{money(g[b])}</Table.Td>)}
                    <Table.Td ta="right" fw={600}>{money(g.total)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row"><FormattedMessage id="reports.total" /></Table.Th>
                  {aged.buckets.map((b) => <Table.Td key={b} ta="right" fw={600}>{money(aged.total[b])}</Table.Td>)}
                  <Table.Td ta="right" fw={700}>{money(aged.total.total)}</Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Paper>
  );
}

const TREND_SERIES = ['dso', 'bestPossibleDso', 'add'] as const;

function TrendCard({ trend }: { trend: Schemas['KpiTrendResponse'] }) {
  const intl = useIntl();
  const month = (m: string) => intl.formatDate(`${m}-15T12:00:00Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const option = useMemo((): ChartOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: trend.months.map((m) => month(m.month)) },
    yAxis: [
      { type: 'value', name: intl.formatMessage({ id: 'reports.trend.daysAxis' }), axisLabel: { formatter: (v: number) => intl.formatNumber(v) } },
      { type: 'value', name: 'CEI %', min: 0, max: 100 },
    ],
    series: [
      ...TREND_SERIES.map((k) => ({ name: intl.formatMessage({ id: `reports.kpi.${k}` }), type: 'line', data: trend.months.map((m) => m[k]) })),
      { name: intl.formatMessage({ id: 'reports.kpi.cei' }), type: 'line', yAxisIndex: 1, lineStyle: { type: 'dashed' }, data: trend.months.map((m) => m.cei) },
    ],
  }), [trend, intl.locale]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="trend-title">
      <Title order={2} size="h3" id="trend-title" mb="sm"><FormattedMessage id="reports.trend.title" values={{ months: trend.months.length }} /></Title>
      <EChart option={option} label={intl.formatMessage({ id: 'reports.trend.chart' })} height={280} />
      <details>
        <summary><FormattedMessage id="reports.trend.table" /></summary>
        <Table>
          <Table.Caption><FormattedMessage id="reports.trend.title" values={{ months: trend.months.length }} /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="reports.trend.month" /></Table.Th>
              {[...TREND_SERIES, 'cei' as const].map((k) => <Table.Th key={k} scope="col" ta="right"><FormattedMessage id={`reports.kpi.${k}`} /></Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trend.months.map((m) => (
              <Table.Tr key={m.month}>
                <Table.Th scope="row" fw={400}>{month(m.month)}</Table.Th>
                {TREND_SERIES.map((k) => <Table.Td key={k} ta="right">{number(intl, m[k])}</Table.Td>)}
                <Table.Td ta="right">{number(intl, m.cei)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </Paper>
  );
}

/** Disputes still open by reason (counts; amounts per currency, as the API sums them) and how fast they are resolved. */
function DisputesCard() {
  const intl = useIntl();
  const stats = useQuery(disputeQueries.stats());
  const hours = (value: number | null) => (value === null ? '—' : intl.formatMessage({ id: 'reports.hours' }, { hours: number(intl, value) }));
  const reason = (code: string) => intl.formatMessage({ id: `disputes.reason.${code}`, defaultMessage: code });
  const option = useMemo((): ChartOption | null => {
    if (!stats.data) return null;
    const reasons = [...new Set(stats.data.openByReason.map((r) => r.reasonCode))];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: reasons.map(reason) },
      series: [{
        name: intl.formatMessage({ id: 'reports.disputes.count' }), type: 'bar', barMaxWidth: 24, color: '#1971c2',
        data: reasons.map((code) => stats.data.openByReason.filter((r) => r.reasonCode === code).reduce((n, r) => n + r.count, 0)),
      }],
    };
  }, [stats.data, intl.locale]);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="disputes-title">
      <Title order={2} size="h3" id="disputes-title" mb="sm"><FormattedMessage id="reports.disputes.title" /></Title>
      {stats.error ? <ErrorAlert error={stats.error} /> : !stats.data ? <Text><FormattedMessage id="app.loading" /></Text> : (
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Tile label={intl.formatMessage({ id: 'reports.disputes.averageHours' })} value={hours(stats.data.averageResolutionHours)} />
            <Tile label={intl.formatMessage({ id: 'reports.disputes.p90Hours' })} value={hours(stats.data.p90ResolutionHours)} />
            <Tile
              label={intl.formatMessage({ id: 'reports.disputes.acceptance' })}
              value={stats.data.acceptanceRate === null ? '—' : intl.formatNumber(stats.data.acceptanceRate, { style: 'percent', maximumFractionDigits: 1 })}
              note={intl.formatMessage({ id: 'reports.disputes.resolved' }, { count: stats.data.resolved })}
            />
          </SimpleGrid>
          {stats.data.openByReason.length === 0 ? <Text><FormattedMessage id="reports.disputes.none" /></Text> : (
            <>
              {option && <EChart option={option} label={intl.formatMessage({ id: 'reports.disputes.chart' })} height={Math.max(140, 40 + stats.data.openByReason.length * 32)} />}
              <Table>
                <Table.Caption><FormattedMessage id="reports.disputes.caption" /></Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col"><FormattedMessage id="reports.disputes.reason" /></Table.Th>
                    <Table.Th scope="col" ta="right"><FormattedMessage id="reports.disputes.count" /></Table.Th>
                    <Table.Th scope="col" ta="right"><FormattedMessage id="reports.disputes.amount" /></Table.Th>
                    <Table.Th scope="col" ta="right"><FormattedMessage id="reports.disputes.pastSla" /></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {stats.data.openByReason.map((r) => (
                    <Table.Tr key={`${r.reasonCode}/${r.currency}`}>
                      <Table.Th scope="row" fw={400}>{reason(r.reasonCode)}</Table.Th>
                      <Table.Td ta="right">{r.count}</Table.Td>
                      <Table.Td ta="right">{formatMoney(r, intl.locale)}</Table.Td>
                      <Table.Td ta="right" c={r.pastSla > 0 ? 'red.8' : undefined}>{r.pastSla}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}
