import { Alert, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { PreviewPanel } from './PreviewPanel';
import { PublishPanel } from './PublishPanel';
import { scenarioQueries, useSaveDraft } from './queries';
import { ResultsPanel } from './ResultsPanel';
import { SimulationPanel } from './SimulationPanel';
import { cleanStep, StepEditor } from './StepEditor';
import type { StepDefinition } from './types';


/** Step errors by index, keyed by the path inside the step (`trigger.offsetDays`). */
function stepErrors(fields: Record<string, string>): Map<number, Record<string, string>> {
  const byStep = new Map<number, Record<string, string>>();
  for (const [field, message] of Object.entries(fields)) {
    const m = /^definition\.steps\[(\d+)\]\.?(.*)$/.exec(field);
    if (!m) continue;
    const index = Number(m[1]);
    byStep.set(index, { ...(byStep.get(index) ?? {}), [m[2] || 'step']: message });
  }
  return byStep;
}

/**
 * The scenario editor: the draft's steps, a preview of each message on a real
 * invoice in both languages, the simulation calendar, publishing with its
 * in-flight policy, then effectiveness and experiments.
 */
export function ScenarioPage() {
  const intl = useIntl();
  const { scenarioId } = useParams({ from: '/_signedIn/scenarios/$scenarioId' });
  const { data: scenario } = useSuspenseQuery(scenarioQueries.detail(scenarioId));
  const save = useSaveDraft(scenarioId);
  const [name, setName] = useState(scenario.name);
  const [steps, setSteps] = useState<StepDefinition[]>(scenario.definition.steps);
  const [saved, setSaved] = useState(false);
  // A revision saved elsewhere (or by this page) becomes the new starting point.
  useEffect(() => {
    setName(scenario.name);
    setSteps(scenario.definition.steps);
  }, [scenario.draftRevision, scenario.name, scenario.definition]);

  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const byStep = stepErrors(fields);
  const general = Object.entries(fields).filter(([f]) => !/^definition\.steps\[\d+\]/.test(f) && f !== 'name');
  const dirty = name !== scenario.name || JSON.stringify(steps.map(cleanStep)) !== JSON.stringify(scenario.definition.steps.map(cleanStep));

  const change = (index: number, step: StepDefinition) => {
    setSaved(false);
    setSteps(steps.map((s, i) => (i === index ? step : s)));
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...steps];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    setSteps(next);
  };
  const add = () => {
    const last = steps.at(-1);
    const offset = last?.trigger.kind === 'due_date' ? (last.trigger.offsetDays ?? 0) + 7 : 7;
    setSteps([...steps, { key: `step_${steps.length + 1}`, trigger: { kind: 'due_date', offsetDays: offset }, action: 'reminder', channels: ['email'] }]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate({ name, definition: { steps: steps.map(cleanStep) }, draftRevision: scenario.draftRevision }, { onSuccess: () => setSaved(true) });
  };

  return (
    <Stack>
      <AnchorLink to="/scenarios"><FormattedMessage id="scenarios.back" /></AnchorLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{scenario.name}</Title>
          <Text c="dimmed" size="sm">
            <FormattedMessage id="scenarios.detail.summary" values={{ entity: scenario.entity, revision: scenario.draftRevision, version: scenario.latestVersion ?? 0 }} />
          </Text>
        </div>
        <Group gap={4}>
          <Badge variant="light">{intl.formatMessage({ id: `scenarios.status.${scenario.status}` })}</Badge>
          {scenario.hasUnpublishedChanges && <Badge color="#fcc419" c="#000"><FormattedMessage id="scenarios.unpublished" /></Badge>}
        </Group>
      </Group>
      {scenario.versions.length > 0 && (
        <Text size="sm">
          {scenario.versions.map((v) => intl.formatMessage({ id: 'scenarios.detail.version' }, {
            version: v.version, date: formatDateTime(v.publishedAt, intl.locale), policy: intl.formatMessage({ id: `scenarios.policy.${v.inFlightPolicy}` }),
          })).join(' · ')}
        </Text>
      )}

      <form onSubmit={submit} aria-labelledby="draft-title">
        <Stack>
          <Title order={2} id="draft-title"><FormattedMessage id="scenarios.draft.title" /></Title>
          {save.error instanceof ApiError && save.error.code === 'SCENARIO_REVISION_CONFLICT' && (
            <Alert color="red" role="alert"><FormattedMessage id="scenarios.draft.conflict" /></Alert>
          )}
          {save.error && Object.keys(fields).length === 0 && !(save.error instanceof ApiError && save.error.code === 'SCENARIO_REVISION_CONFLICT') && <ErrorAlert error={save.error} />}
          {general.length > 0 && <Alert color="red" role="alert">{general.map(([f, m]) => <Text key={f} size="sm">{f}: {m}</Text>)}</Alert>}
          <TextInput label={intl.formatMessage({ id: 'scenarios.draft.name' })} required maxLength={200} value={name} error={fields.name} onChange={(e) => setName(e.currentTarget.value)} maw={480} />
          {steps.map((step, i) => (
            <StepEditor
              key={i} step={step} index={i} count={steps.length} errors={byStep.get(i) ?? {}}
              onChange={(s) => change(i, s)} onMove={(by) => move(i, by)} onRemove={() => setSteps(steps.filter((_, j) => j !== i))}
            />
          ))}
          <Group>
            <Button variant="default" onClick={add}><FormattedMessage id="scenarios.draft.add" /></Button>
            <Button type="submit" loading={save.isPending} disabled={!dirty}><FormattedMessage id="scenarios.draft.save" /></Button>
            {dirty && <Text size="sm" c="dimmed"><FormattedMessage id="scenarios.draft.dirty" /></Text>}
          </Group>
          {saved && !dirty && <Alert color="green" role="status"><FormattedMessage id="scenarios.draft.saved" values={{ revision: scenario.draftRevision }} /></Alert>}
        </Stack>
      </form>

      <PreviewPanel scenario={scenario} dirty={dirty} />
      <SimulationPanel scenario={scenario} dirty={dirty} />
      <PublishPanel scenario={scenario} dirty={dirty} />
      <ResultsPanel scenario={scenario} dirty={dirty} />
    </Stack>
  );
}
