import { Alert, Button, Group, NumberInput, Paper, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { scenarioQueries, usePromote, useStartExperiment } from './queries';
import { IN_FLIGHT_POLICIES, type Experiment, type InFlightPolicy, type Interval, type Rate, type Scenario } from './types';

/** Which steps bring the cash in, per version, and the A/B test of two versions. */
export function ResultsPanel({ scenario, dirty }: { scenario: Scenario; dirty: boolean }) {
  if (scenario.latestVersion === null) return null;
  return (
    <>
      <EffectivenessSection scenario={scenario} />
      <ExperimentSection scenario={scenario} dirty={dirty} />
    </>
  );
}

function useFormats() {
  const intl = useIntl();
  const percent = (rate: number | null) => (rate === null ? '—' : intl.formatNumber(rate, { style: 'percent', maximumFractionDigits: 1 }));
  const interval = (ci: Interval | null, asPercent = true) => (ci
    ? intl.formatMessage({ id: 'scenarios.results.interval' }, {
      low: asPercent ? percent(ci.low) : intl.formatNumber(ci.low), high: asPercent ? percent(ci.high) : intl.formatNumber(ci.high),
    })
    : '');
  return { intl, percent, interval, rate: (r: Rate) => `${percent(r.rate)} (${r.paid}/${r.decided})` };
}

function EffectivenessSection({ scenario }: { scenario: Scenario }) {
  const { intl, rate } = useFormats();
  const figures = useQuery(scenarioQueries.effectiveness(scenario.id));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="effectiveness-title">
      <Stack>
        <Title order={2} id="effectiveness-title"><FormattedMessage id="scenarios.effectiveness.title" /></Title>
        {figures.error && <ErrorAlert error={figures.error} />}
        {figures.data && (
          <>
            <Text size="sm" c="dimmed"><FormattedMessage id="scenarios.effectiveness.asOf" values={{ date: formatDate(figures.data.asOf, intl.locale) }} /></Text>
            {figures.data.versions.every((v) => v.steps.length === 0) && <Text><FormattedMessage id="scenarios.effectiveness.none" /></Text>}
            {figures.data.versions.filter((v) => v.steps.length > 0).map((v) => (
              <Table.ScrollContainer key={v.version} minWidth={900}>
                <Table striped>
                  <Table.Caption>{intl.formatMessage({ id: 'scenarios.effectiveness.caption' }, { version: v.version, invoices: v.invoices })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {['step', 'invoices', 'sent', 'days7', 'days14', 'collected', 'promises', 'disputes'].map((c) => (
                        <Table.Th key={c} scope="col"><FormattedMessage id={`scenarios.effectiveness.col.${c}`} /></Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {v.steps.map((s) => (
                      <Table.Tr key={s.step}>
                        <Table.Th scope="row" fw={400}>{s.step}</Table.Th>
                        <Table.Td>{s.invoices}</Table.Td>
                        <Table.Td>{s.messages.sent}</Table.Td>
                        <Table.Td>{rate(s.paidWithin.days7)}</Table.Td>
                        <Table.Td>{rate(s.paidWithin.days14)}</Table.Td>
                        <Table.Td>{s.collected.map((m) => formatMoney(m, intl.locale)).join(' · ') || '—'}</Table.Td>
                        <Table.Td>{s.promises}</Table.Td>
                        <Table.Td>{s.disputes}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ExperimentSection({ scenario, dirty }: { scenario: Scenario; dirty: boolean }) {
  const { intl } = useFormats();
  const experiment = useQuery(scenarioQueries.experiment(scenario.id));
  const running = experiment.data?.status === 'running';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="experiment-title">
      <Stack>
        <Title order={2} id="experiment-title"><FormattedMessage id="scenarios.experiment.title" /></Title>
        {experiment.error && <ErrorAlert error={experiment.error} />}
        {experiment.data && <ExperimentFigures experiment={experiment.data} />}
        {running ? <PromoteForm scenario={scenario} experiment={experiment.data!} /> : experiment.isSuccess && <StartForm scenario={scenario} dirty={dirty} />}
        <Text size="xs" c="dimmed">{intl.formatMessage({ id: 'scenarios.experiment.help' })}</Text>
      </Stack>
    </Paper>
  );
}

function ExperimentFigures({ experiment: e }: { experiment: Experiment }) {
  const { intl, percent, interval } = useFormats();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const diff = e.difference.paidWithin14DaysRate;
  return (
    <Stack gap="xs">
      <Text>
        {t(`scenarios.experiment.status.${e.status === 'running' ? 'running' : 'ended'}`, { shareB: e.shareB, date: formatDate(e.startedAt, intl.locale), version: e.promotedVersion ?? '—' })}
      </Text>
      <Table>
        <Table.Caption>{t('scenarios.experiment.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {['arm', 'invoices', 'rate', 'days'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`scenarios.experiment.col.${c}`} /></Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.arms.map((a) => (
            <Table.Tr key={a.arm}>
              <Table.Th scope="row" fw={400}>{t('scenarios.experiment.arm', { arm: a.arm, version: a.version })}</Table.Th>
              <Table.Td>{a.invoices}</Table.Td>
              <Table.Td>{`${percent(a.paidWithin14Days.rate)} ${interval(a.paidWithin14Days.ci95)}`}</Table.Td>
              <Table.Td>{a.daysToPay.mean !== null ? `${intl.formatNumber(a.daysToPay.mean)} ${interval(a.daysToPay.ci95, false)}` : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {diff && (
        <Text size="sm">{t('scenarios.experiment.difference', { value: percent(diff.estimate), interval: interval(diff.ci95) })}</Text>
      )}
    </Stack>
  );
}

function StartForm({ scenario, dirty }: { scenario: Scenario; dirty: boolean }) {
  const intl = useIntl();
  const start = useStartExperiment(scenario.id);
  const [shareB, setShareB] = useState(50);
  const fields = start.error instanceof ApiError ? start.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate({ shareB });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'scenarios.experiment.start' })}>
      <Stack gap="xs">
        <Text size="sm"><FormattedMessage id="scenarios.experiment.startHelp" values={{ version: scenario.latestVersion ?? 0 }} /></Text>
        {start.error && Object.keys(fields).length === 0 && <ErrorAlert error={start.error} />}
        <Group align="flex-end">
          <NumberInput
            label={intl.formatMessage({ id: 'scenarios.experiment.shareB' })} required allowDecimal={false} min={1} max={99} w={260}
            value={shareB} error={fields.shareB} onChange={(v) => setShareB(typeof v === 'number' ? v : Number(v) || 1)}
          />
          <Button type="submit" variant="default" disabled={dirty || !scenario.hasUnpublishedChanges} loading={start.isPending}>
            <FormattedMessage id="scenarios.experiment.start" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PromoteForm({ scenario, experiment }: { scenario: Scenario; experiment: Experiment }) {
  const intl = useIntl();
  const promote = usePromote(scenario.id);
  const [arm, setArm] = useState<'A' | 'B'>('B');
  const [policy, setPolicy] = useState<InFlightPolicy>('migrate_at_next_step');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    promote.mutate({ arm, inFlightPolicy: policy });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'scenarios.experiment.promote' })}>
      <Stack gap="xs">
        {promote.data && <Alert color="green" role="status"><FormattedMessage id="scenarios.experiment.promoted" values={{ version: promote.data.promotedVersion ?? '—' }} /></Alert>}
        {promote.error && <ErrorAlert error={promote.error} />}
        <Radio.Group label={intl.formatMessage({ id: 'scenarios.experiment.winner' })} value={arm} onChange={(v) => setArm(v as 'A' | 'B')}>
          <Group mt={4}>
            {experiment.arms.map((a) => <Radio key={a.arm} value={a.arm} label={intl.formatMessage({ id: 'scenarios.experiment.arm' }, { arm: a.arm, version: a.version })} />)}
          </Group>
        </Radio.Group>
        <Radio.Group label={intl.formatMessage({ id: 'scenarios.publish.policy' })} value={policy} onChange={(v) => setPolicy(v as InFlightPolicy)}>
          <Group mt={4}>{IN_FLIGHT_POLICIES.map((p) => <Radio key={p} value={p} label={intl.formatMessage({ id: `scenarios.policy.${p}` })} />)}</Group>
        </Radio.Group>
        <div><Button type="submit" loading={promote.isPending}><FormattedMessage id="scenarios.experiment.promote" /></Button></div>
      </Stack>
    </form>
  );
}
