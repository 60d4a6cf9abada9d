import { Alert, Badge, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { SettingsNav } from '../app/SettingsNav';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PortfolioSection } from './PortfolioSection';
import { portfolioQueries, useCreateRule, useDeleteRule, useReplaceRule, type CollectorRule, type Holder } from './queries';

const RISK_CLASSES = ['A', 'B', 'C', 'D', 'E'] as const satisfies readonly NonNullable<CollectorRule['riskClass']>[];
const ANY = '';

/**
 * Portfolios: which collector works which customers. A rule names criteria (entity, segment, salesperson,
 * risk class, open-balance band); the most specific matching rule wins, a rule naming none is the fallback.
 */
export function CollectorRulesPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { data: rules } = useSuspenseQuery(portfolioQueries.rules());
  const { data: holders } = useSuspenseQuery(portfolioQueries.holders());
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<CollectorRule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Bumped after each save: the form starts again empty.
  const [round, setRound] = useState(0);
  const title = t('portfolios.rules.title');
  const any = t('portfolios.rules.any');
  const band = (r: CollectorRule) => (r.minAmount || r.maxAmount ? `${r.minAmount ?? '0'} – ${r.maxAmount ?? '∞'} ${r.currency ?? ''}`.trim() : any);
  const who = (r: CollectorRule) => r.collector.name ?? r.collector.email ?? t('portfolios.rules.goneUser');

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <SettingsNav />
      <Text c="dimmed"><FormattedMessage id="portfolios.rules.intro" /></Text>
      {notice && <Alert color="green" role="status">{notice}</Alert>}
      {remove.error && <ErrorAlert error={remove.error} />}
      {rules.length === 0 ? <Text><FormattedMessage id="portfolios.rules.empty" /></Text> : (
        <Table.ScrollContainer minWidth={980}>
          <Table striped>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['collector', 'entity', 'segment', 'salesperson', 'risk', 'band', 'actions'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`portfolios.rules.col.${c}`} /></Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={400}>
                    <Group gap={4}>{who(r)}{r.fallback && <Badge variant="light" size="sm"><FormattedMessage id="portfolios.rules.fallback" /></Badge>}</Group>
                  </Table.Th>
                  <Table.Td>{r.entity ?? any}</Table.Td>
                  <Table.Td>{r.segment ?? any}</Table.Td>
                  <Table.Td>{r.salespersonEmail ?? any}</Table.Td>
                  <Table.Td>{r.riskClass ?? any}</Table.Td>
                  <Table.Td>{band(r)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(r)} aria-label={t('portfolios.rules.edit', { collector: who(r), rule: r.description })}>
                        <FormattedMessage id="portfolios.rules.editShort" />
                      </Button>
                      <Button size="xs" variant="default" aria-label={t('portfolios.rules.delete', { collector: who(r), rule: r.description })}
                        onClick={() => { setNotice(null); remove.mutate(r.id, { onSuccess: () => setNotice(t('portfolios.rules.removed', { collector: who(r) })) }); }}>
                        <FormattedMessage id="portfolios.rules.deleteShort" />
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PortfolioSection holders={holders} />
      <RuleForm key={`${editing?.id ?? 'new'}-${round}`} rule={editing} holders={holders} onDone={() => { setEditing(null); setRound((n) => n + 1); }} onSaved={setNotice} />
    </Stack>
  );
}

function RuleForm({ rule, holders, onDone, onSaved }: { rule: CollectorRule | null; holders: Holder[]; onDone: () => void; onSaved: (notice: string | null) => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const create = useCreateRule();
  const replace = useReplaceRule();
  const mutation = rule ? replace : create;
  const [entity, setEntity] = useState(rule?.entity ?? '');
  const [segment, setSegment] = useState(rule?.segment ?? '');
  const [salesperson, setSalesperson] = useState(rule?.salespersonEmail ?? '');
  const [riskClass, setRiskClass] = useState<string>(rule?.riskClass ?? ANY);
  const [currency, setCurrency] = useState(rule?.currency ?? '');
  const [minAmount, setMin] = useState(rule?.minAmount ?? '');
  const [maxAmount, setMax] = useState(rule?.maxAmount ?? '');
  const [collector, setCollector] = useState(rule?.collector.id ?? '');
  const first = useRef<HTMLSelectElement>(null);
  // "Edit" on a rule brings the keyboard into its form.
  useEffect(() => { if (rule) first.current?.focus(); }, [rule]);
  const fields = mutation.error instanceof ApiError ? mutation.error.fieldErrors : {};
  const opt = (v: string) => v.trim() || null;
  // The holder no longer listed (deactivated, or lost the role) stays shown so the form says who it was.
  const options = holders.some((h) => h.id === collector) || !rule ? holders : [...holders, { id: rule.collector.id, name: rule.collector.name ?? rule.collector.id, email: rule.collector.email ?? '', roles: [] }];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSaved(null);
    const body = {
      entity: opt(entity), segment: opt(segment), salespersonEmail: opt(salesperson), riskClass: (riskClass || null) as CollectorRule['riskClass'],
      currency: opt(currency)?.toUpperCase() ?? null, minAmount: opt(minAmount), maxAmount: opt(maxAmount), collectorUserId: collector,
    };
    const done = (r: { tasksMoved: number; collector: { name: string | null; email: string | null } }) => {
      onSaved(t('portfolios.rules.saved', { collector: r.collector.name ?? r.collector.email ?? '', tasks: r.tasksMoved }));
      onDone();
    };
    if (rule) replace.mutate({ id: rule.id, body }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="collector-rule-form">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="collector-rule-form"><FormattedMessage id={rule ? 'portfolios.rules.editTitle' : 'portfolios.rules.new'} /></Title>
          {mutation.error && Object.keys(fields).length === 0 && <ErrorAlert error={mutation.error} />}
          <NativeSelect ref={first} label={t('portfolios.rules.collector')} required maw={420} value={collector} error={fields.collectorUserId}
            onChange={(e) => setCollector(e.currentTarget.value)}
            data={[{ value: '', label: t('portfolios.rules.chooseCollector'), disabled: true }, ...options.map((h) => ({ value: h.id, label: `${h.name} <${h.email}>` }))]} />
          <Text size="sm" c="dimmed"><FormattedMessage id="portfolios.rules.criteria" /></Text>
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <TextInput label={t('portfolios.rules.entity')} description={t('portfolios.rules.emptyAny')} maxLength={64} value={entity} error={fields.entity} onChange={(e) => setEntity(e.currentTarget.value)} />
            <TextInput label={t('portfolios.rules.segment')} description={t('portfolios.rules.emptyAny')} maxLength={64} value={segment} error={fields.segment} onChange={(e) => setSegment(e.currentTarget.value)} />
            <TextInput label={t('portfolios.rules.salesperson')} description={t('portfolios.rules.emptyAny')} type="email" maxLength={320} value={salesperson} error={fields.salespersonEmail} onChange={(e) => setSalesperson(e.currentTarget.value)} />
            <NativeSelect label={t('portfolios.rules.riskClass')} value={riskClass} error={fields.riskClass} onChange={(e) => setRiskClass(e.currentTarget.value)}
              data={[{ value: ANY, label: t('portfolios.rules.anyRisk') }, ...RISK_CLASSES.map((c) => ({ value: c, label: c }))]} />
            <TextInput label={t('portfolios.rules.currency')} description={t('portfolios.rules.currencyHelp')} maxLength={3} value={currency} error={fields.currency} onChange={(e) => setCurrency(e.currentTarget.value)} />
            <TextInput label={t('portfolios.rules.minAmount')} inputMode="decimal" value={minAmount} error={fields.minAmount} onChange={(e) => setMin(e.currentTarget.value)} />
            <TextInput label={t('portfolios.rules.maxAmount')} description={t('portfolios.rules.maxHelp')} inputMode="decimal" value={maxAmount} error={fields.maxAmount} onChange={(e) => setMax(e.currentTarget.value)} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={mutation.isPending}><FormattedMessage id={rule ? 'portfolios.rules.save' : 'portfolios.rules.create'} /></Button>
            {rule && <Button variant="default" onClick={onDone}><FormattedMessage id="portfolios.rules.cancel" /></Button>}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
