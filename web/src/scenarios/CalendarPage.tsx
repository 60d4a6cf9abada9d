import { Badge, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { allows, ROLES } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AnchorLink } from '../ui/links';
import { formatDate } from '../ui/format';
import { portfolioQueries } from '../portfolios/queries';
import { assignmentQueries, type CalendarFilters } from './assignments';
import { PlannedActionCells, PlannedActionHeaders } from './PlannedActionCells';
import { TOTAL_KEYS } from './types';

type Forecast = Schemas['ForecastResponse'];

/** The calendar page's search parameters (the URL keeps the filters shown). */
export type CalendarSearch = CalendarFilters;

/**
 * The coming days' dunning across the portfolio: what each invoice's scenario version will do, day by
 * day, already moved past the entity's non-working days and outside its sending window.
 */
export function CalendarPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const search = useSearch({ from: '/_signedIn/calendar' });
  const navigate = useNavigate({ from: '/calendar' });
  const query = useQuery({ ...assignmentQueries.calendar(search), placeholderData: keepPreviousData });
  const [from, setFrom] = useState(search.from ?? '');
  const [to, setTo] = useState(search.to ?? '');
  const [entity, setEntity] = useState(search.entity ?? '');
  const [collector, setCollector] = useState(search.collector ?? '');
  // Credit managers choose among the portfolio holders; a collector gets none, and picks "my portfolio" or all.
  const { data: holders = [] } = useQuery(portfolioQueries.holders());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ search: { from: from || undefined, to: to || undefined, entity: entity.trim() || undefined, collector: collector || undefined } });
  };
  const fields = query.error instanceof ApiError ? query.error.fieldErrors : {};
  const { data: session } = useSuspenseQuery(sessionQuery);

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="scenarios.calendar.title" /></Title>
      <Text c="dimmed"><FormattedMessage id="scenarios.calendar.intro" /></Text>
      {/* The non-working days that move these actions are the entity's settings: those who edit them get the way there. */}
      {allows(session.roles, ROLES.settings) && (
        <Text size="sm">
          <FormattedMessage id="scenarios.calendar.holidays" values={{ link: (chunks) => <AnchorLink to="/settings/entity">{chunks}</AnchorLink> }} />
        </Text>
      )}
      <form onSubmit={submit} aria-label={t('scenarios.calendar.period')}>
        <Group align="flex-end">
          <TextInput type="date" label={t('scenarios.calendar.from')} description={t('scenarios.calendar.fromHelp')} value={from} error={fields.from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('scenarios.calendar.to')} description={t('scenarios.calendar.toHelp')} value={to} error={fields.to} onChange={(e) => setTo(e.currentTarget.value)} />
          <TextInput label={t('scenarios.calendar.entity')} description={t('scenarios.calendar.entityHelp')} value={entity} error={fields.entity} onChange={(e) => setEntity(e.currentTarget.value)} />
          <NativeSelect label={t('scenarios.calendar.collector')} description={t('scenarios.calendar.collectorHelp')} value={collector} error={fields.collector}
            onChange={(e) => setCollector(e.currentTarget.value)}
            data={[
              { value: '', label: t('scenarios.calendar.allPortfolios') }, { value: 'me', label: t('scenarios.calendar.myPortfolio') },
              ...holders.map((h) => ({ value: h.id, label: `${h.name} <${h.email}>` })),
            ]} />
          <Button type="submit" variant="default"><FormattedMessage id="scenarios.calendar.show" /></Button>
        </Group>
      </form>
      {query.error && Object.keys(fields).length === 0 && <ErrorAlert error={query.error} />}
      {query.data ? <CalendarDays calendar={query.data} /> : !query.error && <Text><FormattedMessage id="app.loading" /></Text>}
    </Stack>
  );
}

function CalendarDays({ calendar }: { calendar: Forecast }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const time = new Intl.DateTimeFormat(intl.locale, { timeStyle: 'short' });
  const busy = calendar.days.filter((d) => d.actions.length > 0);
  return (
    <>
      <Text role="status">
        <FormattedMessage id="scenarios.calendar.summary" values={{
          invoices: calendar.invoices, from: formatDate(calendar.from, intl.locale), to: formatDate(calendar.to, intl.locale),
          actions: calendar.days.reduce((n, d) => n + d.actions.length, 0),
        }} />
      </Text>
      <Group gap="xs" aria-label={t('scenarios.calendar.totals')} role="list">
        {TOTAL_KEYS.filter((k) => calendar.totals[k] > 0).map((k) => (
          <Badge key={k} variant="light" role="listitem">{t(`scenarios.total.${k}`, { count: calendar.totals[k] })}</Badge>
        ))}
      </Group>
      {busy.length === 0 ? <Text><FormattedMessage id="scenarios.calendar.nothing" /></Text> : busy.map((day) => {
        const title = t('scenarios.calendar.day', { date: formatDate(day.date, intl.locale), count: day.actions.length });
        return (
          <Paper key={day.date} withBorder p="md" component="section" aria-label={title}>
            <Title order={2} size="h4" mb="xs">{title}</Title>
            <Table.ScrollContainer minWidth={860}>
              <Table striped>
                <Table.Caption>{title}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col"><FormattedMessage id="scenarios.calendar.col.time" /></Table.Th>
                    <PlannedActionHeaders prefix="scenarios.calendar.col" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {day.actions.map((a) => (
                    <Table.Tr key={`${a.invoiceId}-${a.stepKey}-${a.at}`}>
                      <Table.Th scope="row" fw={400}>{time.format(new Date(a.at))}</Table.Th>
                      <PlannedActionCells action={a} />
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        );
      })}
      <List size="xs" c="dimmed" aria-label={t('scenarios.calendar.assumptions')}>
        {calendar.assumptions.map((a) => <List.Item key={a}>{a}</List.Item>)}
      </List>
    </>
  );
}
