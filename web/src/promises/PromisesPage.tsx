import { Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { allows } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { PlansToDecide } from './PlansToDecide';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { TONES } from '../ui/tones';
import { addDays, localToday, PROMISE_STATUSES, promiseQueries, STATS_DAYS, type PromiseStatus, type PromiseView } from './queries';

/** Who decides payment plans above the approval amount (the decision route's roles). */
const PLAN_DECIDERS = ['credit_manager'] as const;

const STATUS_TONE = { open: TONES.watch, kept: TONES.good, broken: TONES.bad, cancelled: TONES.fair } as const;

/** Promises to pay: those due today, the kept rate and promised vs received, and every promise by status. */
export function PromisesPage() {
  const today = localToday();
  const { data: session } = useSuspenseQuery(sessionQuery);
  return (
    <Stack gap="lg">
      <Title order={1}><FormattedMessage id="promises.title" /></Title>
      <Stats from={addDays(today, 1 - STATS_DAYS)} to={today} />
      <DueToday today={today} />
      {allows(session.roles, PLAN_DECIDERS) && <PlansToDecide />}
      <AllPromises />
    </Stack>
  );
}

function Stats({ from, to }: { from: string; to: string }) {
  const intl = useIntl();
  const { data } = useSuspenseQuery(promiseQueries.stats(from, to));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="promise-stats-title">
      <Title order={2} size="h3" id="promise-stats-title" mb="xs"><FormattedMessage id="promises.stats.title" values={{ days: STATS_DAYS }} /></Title>
      {data.currencies.length === 0 ? <Text><FormattedMessage id="promises.stats.none" /></Text> : data.currencies.map((c) => (
        <SimpleGrid key={c.currency} cols={{ base: 2, md: 4 }} mt="xs">
          <Tile label={intl.formatMessage({ id: 'promises.stats.made' }, { currency: c.currency })} value={intl.formatNumber(c.made)}
            detail={intl.formatMessage({ id: 'promises.stats.breakdown' }, { kept: c.kept, keptLate: c.keptLate, broken: c.broken, open: c.open })} />
          <Tile label={intl.formatMessage({ id: 'promises.stats.keptRate' }, { currency: c.currency })}
            value={c.keptRatePercent === null ? '—' : intl.formatNumber(Number(c.keptRatePercent) / 100, { style: 'percent', maximumFractionDigits: 1 })} />
          <Tile label={intl.formatMessage({ id: 'promises.stats.promised' }, { currency: c.currency })} value={formatMoney({ amount: c.amountPromised, currency: c.currency }, intl.locale)} />
          <Tile label={intl.formatMessage({ id: 'promises.stats.received' }, { currency: c.currency })} value={formatMoney({ amount: c.amountReceived, currency: c.currency }, intl.locale)}
            detail={intl.formatMessage({ id: 'promises.stats.judged' }, { amount: formatMoney({ amount: c.amountPromisedJudged, currency: c.currency }, intl.locale) })} />
        </SimpleGrid>
      ))}
    </Paper>
  );
}

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={label}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="lg" fw={700}>{value}</Text>
      {detail && <Text size="xs" c="dimmed">{detail}</Text>}
    </Paper>
  );
}

function DueToday({ today }: { today: string }) {
  const intl = useIntl();
  const { data } = useSuspenseQuery(promiseQueries.dueOn(today));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="promise-due-title">
      <Title order={2} size="h3" id="promise-due-title" mb="xs"><FormattedMessage id="promises.due.title" values={{ date: formatDate(today, intl.locale) }} /></Title>
      {data.items.length === 0 ? <Text><FormattedMessage id="promises.due.none" /></Text>
        : <PromiseTable promises={data.items} caption={intl.formatMessage({ id: 'promises.due.caption' })} />}
    </Paper>
  );
}

function AllPromises() {
  const intl = useIntl();
  const search = useSearch({ from: '/_signedIn/promises' });
  const navigate = useNavigate({ from: '/promises' });
  const { data } = useSuspenseQuery(promiseQueries.list(search));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="promise-list-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="promise-list-title"><FormattedMessage id="promises.list.title" /></Title>
        <SegmentedControl aria-label={intl.formatMessage({ id: 'promises.list.filter' })} value={search.status ?? 'all'}
          data={[{ value: 'all', label: intl.formatMessage({ id: 'promises.status.all' }) }, ...PROMISE_STATUSES.map((s) => ({ value: s, label: intl.formatMessage({ id: `promises.status.${s}` }) }))]}
          onChange={(value) => void navigate({ search: { status: value === 'all' ? undefined : (value as PromiseStatus) } })} />
      </Group>
      <Text size="sm" c="dimmed" mb="xs"><FormattedMessage id="promises.list.count" values={{ count: data.total ?? data.items.length }} /></Text>
      {data.items.length > 0 && <PromiseTable promises={data.items} caption={intl.formatMessage({ id: 'promises.list.caption' })} />}
    </Paper>
  );
}

function PromiseTable({ promises, caption }: { promises: PromiseView[]; caption: string }) {
  const intl = useIntl();
  const money = (p: PromiseView, amount: string) => formatMoney({ amount, currency: p.currency }, intl.locale);
  return (
    <Table striped>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {['customer', 'invoices', 'amount', 'received', 'promisedFor', 'status', 'by'].map((c) => (
            <Table.Th key={c} scope="col">{intl.formatMessage({ id: `promises.column.${c}` })}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {promises.map((p) => (
          <Table.Tr key={p.id}>
            <Table.Th scope="row">
              {p.customer ? <AnchorLink to="/customers/$externalId" params={{ externalId: p.customer.externalId }} search={{ entity: p.entity }}>{p.customer.name}</AnchorLink> : '—'}
            </Table.Th>
            <Table.Td>
              {p.invoices.map((i, k) => (
                <span key={i.id}>{k > 0 && ', '}<AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: i.id }}>{i.externalId}</AnchorLink></span>
              ))}
            </Table.Td>
            <Table.Td>{money(p, p.amount)}</Table.Td>
            <Table.Td>{money(p, p.received)}</Table.Td>
            <Table.Td>
              {formatDate(p.promisedFor, intl.locale)}
              <Text size="xs" c="dimmed"><FormattedMessage id="promises.graceEnds" values={{ date: formatDate(p.graceEndsOn, intl.locale) }} /></Text>
            </Table.Td>
            <Table.Td>
              <Badge {...STATUS_TONE[p.status as keyof typeof STATUS_TONE]}><FormattedMessage id={`promises.status.${p.status}`} /></Badge>
              {p.keptLate && <Text size="xs"><FormattedMessage id="promises.keptLate" /></Text>}
            </Table.Td>
            <Table.Td>
              {p.createdBy}
              <Text size="xs" c="dimmed">{intl.formatMessage({ id: `promises.channel.${p.channel}`, defaultMessage: p.channel })}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
