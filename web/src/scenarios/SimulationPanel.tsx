import { Alert, Badge, Button, Group, List, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate } from '../ui/format';
import { PlannedActionCells, PlannedActionHeaders } from './PlannedActionCells';
import { useSimulate } from './queries';
import { TOTAL_KEYS, type Scenario } from './types';

/** The draft played forward over the entity's open invoices: what would go out, day by day, before anyone publishes it. */
export function SimulationPanel({ scenario, dirty }: { scenario: Scenario; dirty: boolean }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const simulate = useSimulate(scenario.id);
  const [horizon, setHorizon] = useState<number>(60);
  const fields = simulate.error instanceof ApiError ? simulate.error.fieldErrors : {};
  const result = simulate.data;
  const time = new Intl.DateTimeFormat(intl.locale, { timeStyle: 'short' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    simulate.mutate({ horizonDays: horizon });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="simulation-title">
      <Stack>
        <Title order={2} id="simulation-title"><FormattedMessage id="scenarios.simulation.title" /></Title>
        <Text size="sm" c="dimmed"><FormattedMessage id="scenarios.simulation.intro" /></Text>
        {dirty && <Alert color="yellow" role="status"><FormattedMessage id="scenarios.preview.unsaved" /></Alert>}
        <form onSubmit={submit}>
          <Group align="flex-end">
            <NumberInput
              label={t('scenarios.simulation.horizon')} required allowDecimal={false} min={1} max={366} w={220}
              value={horizon} error={fields.horizonDays} onChange={(v) => setHorizon(typeof v === 'number' ? v : Number(v) || 1)}
            />
            <Button type="submit" loading={simulate.isPending}><FormattedMessage id="scenarios.simulation.run" /></Button>
          </Group>
        </form>
        {simulate.error && Object.keys(fields).length === 0 && <ErrorAlert error={simulate.error} />}
        {result && (
          <Stack>
            <Text role="status">
              <FormattedMessage id="scenarios.simulation.summary" values={{
                invoices: result.invoices, from: formatDate(result.from, intl.locale), to: formatDate(result.to, intl.locale),
                actions: result.days.reduce((n, d) => n + d.actions.length, 0),
              }} />
            </Text>
            <Group gap="xs" aria-label={t('scenarios.simulation.totals')} role="list">
              {TOTAL_KEYS.filter((k) => result.totals[k] > 0).map((k) => (
                <Badge key={k} variant="light" role="listitem">{t(`scenarios.total.${k}`, { count: result.totals[k] })}</Badge>
              ))}
            </Group>
            {result.days.length === 0 ? <Text><FormattedMessage id="scenarios.simulation.nothing" /></Text> : (
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Caption>{t('scenarios.simulation.calendar')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col"><FormattedMessage id="scenarios.simulation.col.date" /></Table.Th>
                      <PlannedActionHeaders prefix="scenarios.simulation.col" />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {result.days.flatMap((day) => day.actions.map((a, i) => (
                      <Table.Tr key={`${day.date}-${a.invoiceId}-${a.stepKey}`}>
                        <Table.Th scope="row" fw={i === 0 ? 600 : 400}>{formatDate(day.date, intl.locale)} {time.format(new Date(a.at))}</Table.Th>
                        <PlannedActionCells action={a} />
                      </Table.Tr>
                    )))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <List size="xs" c="dimmed" aria-label={t('scenarios.simulation.assumptions')}>
              {result.assumptions.map((a) => <List.Item key={a}>{a}</List.Item>)}
            </List>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
