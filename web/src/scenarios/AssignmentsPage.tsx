import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { assignmentQueries, targetOf, useAssign, useRemoveAssignment, type Assignment, type Target } from './assignments';
import { scenarioQueries } from './queries';
import { ScenariosNav } from './ScenariosNav';
import { RISK_CLASSES } from './types';

type ScenarioSummary = Schemas['ScenarioSummaryResponse'];

type Describe = (rule: Assignment) => string;

/**
 * Which scenario drives which invoices: each entity's default, the segment and risk-class rules, and
 * customer overrides. The most specific matching rule wins (customer, segment + risk, segment, risk, default).
 */
export function AssignmentsPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { data: rules } = useSuspenseQuery(assignmentQueries.list());
  const { data: scenarios } = useSuspenseQuery(scenarioQueries.list());
  const remove = useRemoveAssignment();
  const [editing, setEditing] = useState<{ target: Target; scenarioId: string; n: number } | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const describe: Describe = (r) => {
    switch (r.kind) {
      case 'default': return t('scenarios.assignments.rule.default', { entity: r.entity });
      case 'customer': return t('scenarios.assignments.rule.customer', { customer: r.customerExternalId ?? '' });
      case 'segment': return t('scenarios.assignments.rule.segment', { segment: r.segment ?? '' });
      case 'risk': return t('scenarios.assignments.rule.risk', { riskClass: r.riskClass ?? '' });
      case 'segment_risk': return t('scenarios.assignments.rule.segmentRisk', { segment: r.segment ?? '', riskClass: r.riskClass ?? '' });
    }
  };
  const edit = (r: Assignment) => setEditing((e) => ({ target: targetOf(r), scenarioId: r.scenario.id, n: (e?.n ?? 0) + 1 }));
  const onRemove = (r: Assignment) => {
    setRemoved(null);
    remove.mutate(r, { onSuccess: () => setRemoved(describe(r)) });
  };
  const table = (kinds: readonly Assignment['kind'][]) => rules.filter((r) => kinds.includes(r.kind));

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="scenarios.assignments.title" /></Title>
      <ScenariosNav />
      <Text c="dimmed"><FormattedMessage id="scenarios.assignments.intro" /></Text>
      {removed && <Alert color="green" role="status"><FormattedMessage id="scenarios.assignments.removed" values={{ rule: removed }} /></Alert>}
      {remove.error && <ErrorAlert error={remove.error} />}
      <RuleTable id="default" rules={table(['default'])} describe={describe} onEdit={edit} onRemove={onRemove} />
      <RuleTable id="segments" rules={table(['segment_risk', 'segment', 'risk'])} describe={describe} onEdit={edit} onRemove={onRemove} />
      <RuleTable id="customers" rules={table(['customer'])} describe={describe} onEdit={edit} onRemove={onRemove} />
      <AssignForm key={editing?.n ?? 0} scenarios={scenarios} initial={editing} />
    </Stack>
  );
}

function RuleTable({ id, rules, describe, onEdit, onRemove }: {
  id: 'default' | 'segments' | 'customers'; rules: Assignment[]; describe: Describe; onEdit: (r: Assignment) => void; onRemove: (r: Assignment) => void;
}) {
  const intl = useIntl();
  const t = (key: string, values?: Record<string, string>) => intl.formatMessage({ id: key }, values);
  const title = t(`scenarios.assignments.${id}.title`);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`assignments-${id}`}>
      <Title order={2} size="h3" id={`assignments-${id}`} mb="sm">{title}</Title>
      {rules.length === 0 ? <Text>{t(`scenarios.assignments.${id}.empty`)}</Text> : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['rule', 'entity', 'scenario', 'updated', 'actions'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`scenarios.assignments.col.${c}`} /></Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={400}>
                    {r.kind === 'customer' && r.customerExternalId
                      ? <AnchorLink to="/customers/$externalId" params={{ externalId: r.customerExternalId }} search={{ entity: r.entity }}>{describe(r)}</AnchorLink>
                      : describe(r)}
                  </Table.Th>
                  <Table.Td>{r.entity}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <AnchorLink to="/scenarios/$scenarioId" params={{ scenarioId: r.scenario.id }}>{r.scenario.name}</AnchorLink>
                      {r.scenario.latestVersion !== null && <Badge variant="light">v{r.scenario.latestVersion}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.updatedAt, intl.locale)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => onEdit(r)}>{t('scenarios.assignments.change', { rule: describe(r) })}</Button>
                      <Button size="xs" variant="default" onClick={() => onRemove(r)}>{t('scenarios.assignments.remove', { rule: describe(r) })}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

const ANY = '';

/** One form for every kind of rule: PUT semantics, so it creates the rule or points it at another scenario. */
function AssignForm({ scenarios, initial }: { scenarios: ScenarioSummary[]; initial: { target: Target; scenarioId: string } | null }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const assign = useAssign();
  // Only a published scenario can drive invoices; its entity is the rule's.
  const published = scenarios.filter((s) => s.latestVersion !== null);
  const start = initial?.target;
  const [kind, setKind] = useState<Target['kind']>(start?.kind ?? 'segment');
  const [segment, setSegment] = useState(start?.kind === 'segment' ? start.segment ?? '' : '');
  const [riskClass, setRiskClass] = useState<string>(start?.kind === 'segment' ? start.riskClass ?? ANY : ANY);
  const [customer, setCustomer] = useState(start?.kind === 'customer' ? start.customerExternalId : '');
  const [scenarioId, setScenarioId] = useState(initial?.scenarioId ?? published[0]?.id ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const scenarioField = useRef<HTMLSelectElement>(null);
  // "Change" on a rule brings the keyboard here, on the one field to change.
  useEffect(() => { if (initial) scenarioField.current?.focus(); }, [initial]);
  const fields = assign.error instanceof ApiError ? assign.error.fieldErrors : {};
  // The scenario field carries the errors about it and about its entity (the rule's).
  const scenarioError = [fields.scenarioId, fields.entity].filter(Boolean).join(' ') || undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    const scenario = published.find((s) => s.id === scenarioId);
    const target: Target = kind === 'default' ? { kind }
      : kind === 'customer' ? { kind, customerExternalId: customer.trim() }
        : { kind, segment: segment === '' ? null : segment, riskClass: riskClass === ANY ? null : riskClass as (typeof RISK_CLASSES)[number] };
    assign.mutate({ target, entity: scenario?.entity ?? 'default', scenarioId }, {
      onSuccess: (rule) => setSaved(t('scenarios.assignments.saved', { scenario: rule.scenario.name, entity: rule.entity })),
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="assign-form">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="assign-form"><FormattedMessage id={initial ? 'scenarios.assignments.form.change' : 'scenarios.assignments.form.title'} /></Title>
          {saved && <Alert color="green" role="status">{saved}</Alert>}
          {assign.error && Object.keys(fields).length === 0 && <ErrorAlert error={assign.error} />}
          {published.length === 0 ? <Text><FormattedMessage id="scenarios.assignments.noPublished" /></Text> : (
            <>
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                <NativeSelect label={t('scenarios.assignments.kind')} value={kind} onChange={(e) => setKind(e.currentTarget.value as Target['kind'])}
                  data={(['default', 'segment', 'customer'] as const).map((k) => ({ value: k, label: t(`scenarios.assignments.kind.${k}`) }))} />
                {kind === 'segment' && (
                  <>
                    <TextInput label={t('scenarios.assignments.segment')} description={t('scenarios.assignments.segmentHelp')} maxLength={64}
                      value={segment} error={fields.segment} onChange={(e) => setSegment(e.currentTarget.value)} />
                    <NativeSelect label={t('scenarios.assignments.riskClass')} value={riskClass} error={fields.riskClass} onChange={(e) => setRiskClass(e.currentTarget.value)}
                      data={[{ value: ANY, label: t('scenarios.assignments.anyRisk') }, ...RISK_CLASSES.map((c) => ({ value: c, label: c }))]} />
                  </>
                )}
                {kind === 'customer' && (
                  <TextInput label={t('scenarios.assignments.customer')} description={t('scenarios.assignments.customerHelp')} required maxLength={200}
                    value={customer} error={fields.customerExternalId} onChange={(e) => setCustomer(e.currentTarget.value)} />
                )}
              </SimpleGrid>
              <NativeSelect ref={scenarioField} label={t('scenarios.assignments.scenario')} required value={scenarioId} error={scenarioError} maw={520}
                onChange={(e) => setScenarioId(e.currentTarget.value)}
                data={published.map((s) => ({ value: s.id, label: t('scenarios.assignments.scenarioOption', { name: s.name, entity: s.entity, version: String(s.latestVersion) }) }))} />
              <Group>
                <Button type="submit" loading={assign.isPending}><FormattedMessage id="scenarios.assignments.submit" /></Button>
              </Group>
            </>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
