import { Alert, Autocomplete, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { adminQueries } from '../admin/queries';
import { allows, ROLES } from '../app/navigation';
import { SettingsNav } from '../app/SettingsNav';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { disputeRuleQueries, REASON_CODES, useCreateRule, useDeleteRule, useReplaceRule, type DisputeRule } from './rules';

const ANY = '';

/** Dispute routing: which validator group decides a dispute (by reason, entity, amount), in how long, and from which amount a second level. */
export function DisputeRulesPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { data: rules } = useSuspenseQuery(disputeRuleQueries.list());
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<DisputeRule | null>(null);
  const title = t('disputes.rules.title');
  const reason = (code: string | null) => (code ? t(`disputes.reason.${code}`) : t('disputes.rules.any'));
  // A rule's amounts are in its currency (it routes only disputes in it): shown with them.
  const range = (r: DisputeRule) => (r.minAmount || r.maxAmount ? `${r.minAmount ?? '0'} – ${r.maxAmount ?? '∞'} ${r.currency ?? ''}`.trim() : t('disputes.rules.any'));

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <SettingsNav />
      <Text c="dimmed"><FormattedMessage id="disputes.rules.intro" /></Text>
      {remove.error && <ErrorAlert error={remove.error} />}
      {rules.length === 0 ? <Text><FormattedMessage id="disputes.rules.empty" /></Text> : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['reason', 'entity', 'amounts', 'group', 'hours', 'secondLevel', 'actions'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`disputes.rules.col.${c}`} /></Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw={400}>{reason(r.reasonCode)}</Table.Th>
                  <Table.Td>{r.entity ?? t('disputes.rules.any')}</Table.Td>
                  <Table.Td>{range(r)}</Table.Td>
                  <Table.Td>{r.validatorGroup}</Table.Td>
                  <Table.Td>{r.resolutionHours}</Table.Td>
                  <Table.Td>{r.secondLevelFrom ? `${r.secondLevelFrom} ${r.currency ?? ''}`.trim() : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(r)}>{t('disputes.rules.edit', { reason: reason(r.reasonCode), group: r.validatorGroup })}</Button>
                      <Button size="xs" variant="default" onClick={() => remove.mutate(r.id)}>{t('disputes.rules.delete', { reason: reason(r.reasonCode), group: r.validatorGroup })}</Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RuleForm key={editing?.id ?? 'new'} rule={editing} onDone={() => setEditing(null)} />
    </Stack>
  );
}

function RuleForm({ rule, onDone }: { rule: DisputeRule | null; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const create = useCreateRule();
  const replace = useReplaceRule();
  const mutation = rule ? replace : create;
  const [reasonCode, setReasonCode] = useState<string>(rule?.reasonCode ?? ANY);
  const [entity, setEntity] = useState(rule?.entity ?? '');
  const [minAmount, setMin] = useState(rule?.minAmount ?? '');
  const [maxAmount, setMax] = useState(rule?.maxAmount ?? '');
  const [currency, setCurrency] = useState(rule?.currency ?? 'EUR');
  const [group, setGroup] = useState(rule?.validatorGroup ?? '');
  const groupChoices = useGroupChoices();
  const [hours, setHours] = useState<number>(rule?.resolutionHours ?? 72);
  const [secondLevel, setSecondLevel] = useState(rule?.secondLevelFrom ?? '');
  const [saved, setSaved] = useState(false);
  const fields = mutation.error instanceof ApiError ? mutation.error.fieldErrors : {};
  const opt = (v: string) => v.trim() || null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      reasonCode: (reasonCode || null) as (typeof REASON_CODES)[number] | null, entity: opt(entity), minAmount: opt(minAmount), maxAmount: opt(maxAmount),
      validatorGroup: group.trim(), resolutionHours: hours, secondLevelFrom: opt(secondLevel),
      currency: opt(currency)?.toUpperCase() ?? null,
    };
    const done = () => { setSaved(true); if (rule) onDone(); };
    if (rule) replace.mutate({ id: rule.id, body }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rule-form">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="rule-form"><FormattedMessage id={rule ? 'disputes.rules.editTitle' : 'disputes.rules.new'} /></Title>
          {saved && <Alert color="green" role="status"><FormattedMessage id="disputes.rules.saved" /></Alert>}
          {mutation.error && Object.keys(fields).length === 0 && <ErrorAlert error={mutation.error} />}
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <Select label={t('disputes.rules.reason')} allowDeselect={false} value={reasonCode} error={fields.reasonCode} onChange={(v) => setReasonCode(v ?? ANY)}
              data={[{ value: ANY, label: t('disputes.rules.anyReason') }, ...REASON_CODES.map((c) => ({ value: c, label: t(`disputes.reason.${c}`) }))]} />
            <TextInput label={t('disputes.rules.entity')} description={t('disputes.rules.entityHelp')} value={entity} error={fields.entity} onChange={(e) => setEntity(e.currentTarget.value)} />
            <TextInput label={t('disputes.rules.minAmount')} inputMode="decimal" value={minAmount} error={fields.minAmount} onChange={(e) => setMin(e.currentTarget.value)} />
            <TextInput label={t('disputes.rules.maxAmount')} inputMode="decimal" value={maxAmount} error={fields.maxAmount} onChange={(e) => setMax(e.currentTarget.value)} />
            <TextInput label={t('disputes.rules.currency')} description={t('disputes.rules.currencyHelp')} maxLength={3} value={currency} error={fields.currency}
              onChange={(e) => setCurrency(e.currentTarget.value)} />
            <Autocomplete label={t('disputes.rules.group')} description={t('disputes.rules.groupHelp')} required value={group} error={fields.validatorGroup}
              data={groupChoices} onChange={setGroup} />
            <NumberInput label={t('disputes.rules.hours')} required allowDecimal={false} min={1} max={8760} value={hours} error={fields.resolutionHours} onChange={(v) => setHours(typeof v === 'number' ? v : Number(v) || 1)} />
            <TextInput label={t('disputes.rules.secondLevel')} description={t('disputes.rules.secondLevelHelp')} inputMode="decimal" value={secondLevel} error={fields.secondLevelFrom} onChange={(e) => setSecondLevel(e.currentTarget.value)} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={mutation.isPending}><FormattedMessage id={rule ? 'disputes.rules.save' : 'disputes.rules.create'} /></Button>
            {rule && <Button variant="default" onClick={onDone}><FormattedMessage id="disputes.rules.cancel" /></Button>}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * The groups defined in the administration, offered as the validator group. Only admins may list
 * groups (with their members); anyone else types the code, as the help text says.
 */
function useGroupChoices(): string[] {
  const { data: session } = useQuery(sessionQuery);
  const { data: groups } = useQuery({ ...adminQueries.groups(), enabled: allows(session?.roles ?? [], ROLES.admin) });
  return (groups ?? []).map((g) => g.code);
}
