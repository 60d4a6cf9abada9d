import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { CreditNav } from './CreditNav';
import { APPROVER_ROLES, policyQueries, useSavePolicy, type CreditPolicy, type CreditPolicyForm } from './queries';

type RiskClass = CreditPolicyForm['orderCheck']['blockClasses'][number];
const CLASSES: readonly RiskClass[] = ['A', 'B', 'C', 'D', 'E'];

/** The credit policy of an entity (or the default one): order-check rules, exposure alerts, approval bands. */
export function PolicyPage() {
  const intl = useIntl();
  const [entityInput, setEntityInput] = useState('');
  const [entity, setEntity] = useState('');
  const policy = useQuery(policyQueries.of(entity));
  // Here, not in the form: a save reloads the policy, which remounts the form.
  const save = useSavePolicy();
  return (
    <Stack>
      <Title order={1}><FormattedMessage id="credit.policy.title" /></Title>
      <CreditNav />
      <form onSubmit={(e) => { e.preventDefault(); save.reset(); setEntity(entityInput.trim()); }}>
        <Group align="flex-end">
          <TextInput
            label={intl.formatMessage({ id: 'credit.policy.entity' })} description={intl.formatMessage({ id: 'credit.policy.entityHelp' })}
            maxLength={64} value={entityInput} onChange={(e) => setEntityInput(e.currentTarget.value)}
          />
          <Button type="submit" variant="default"><FormattedMessage id="credit.policy.load" /></Button>
        </Group>
      </form>
      {policy.error && <ErrorAlert error={policy.error} />}
      {policy.data && <PolicyForm key={`${entity}:${JSON.stringify(policy.data)}`} entity={entity} loaded={policy.data} save={save} />}
    </Stack>
  );
}

const thresholdsText = (t: Record<string, string>) => Object.entries(t).map(([c, a]) => `${c} ${a}`).join('\n');
const parseThresholds = (text: string) => Object.fromEntries(text.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2 && p[0]).map(([c, a]) => [c!.toUpperCase(), a!]));

function PolicyForm({ entity, loaded, save }: { entity: string; loaded: CreditPolicy; save: ReturnType<typeof useSavePolicy> }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { entity: _e, source, ...initial } = loaded;
  const [p, setP] = useState<CreditPolicyForm>(initial);
  const [thresholds, setThresholds] = useState(thresholdsText(initial.orderCheck.disputesAmountThresholds));
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const oc = p.orderCheck;
  const ap = p.approval;
  const setOc = (patch: Partial<CreditPolicyForm['orderCheck']>) => setP({ ...p, orderCheck: { ...oc, ...patch } });
  const setAp = (patch: Partial<CreditPolicyForm['approval']>) => setP({ ...p, approval: { ...ap, ...patch } });
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  const int = (field: string, label: string, value: number, onChange: (v: number) => void, max = 100) => (
    <NumberInput label={t(label)} required allowDecimal={false} min={0} max={max} value={value} error={fields[field]} onChange={(v) => onChange(num(v))} />
  );
  const decision = (field: string, label: string, value: string, onChange: (v: 'prepayment' | 'block') => void) => (
    <Select label={t(label)} allowDeselect={false} value={value} error={fields[field]} onChange={(v) => v && onChange(v as 'prepayment' | 'block')}
      data={['prepayment', 'block'].map((d) => ({ value: d, label: t(`credit.check.decision.${d}`) }))} />
  );
  const classes = (field: string, label: string, value: RiskClass[], onChange: (v: RiskClass[]) => void) => (
    <Checkbox.Group label={t(label)} value={value} error={fields[field]} onChange={(v) => onChange(CLASSES.filter((c) => v.includes(c)))}>
      <Group gap="sm" mt={4}>{CLASSES.map((c) => <Checkbox key={c} value={c} label={c} />)}</Group>
    </Checkbox.Group>
  );
  const shown = /^(orderCheck\.(warningSharePercent|overLimitDecision|overdueDaysPrepayment|overdueDaysBlock|prepaymentClasses|blockClasses|disputesSharePercent|disputesDecision)|exposureAlertSharePercent|approval\.(currency|reminderAfterHours|escalateAfterHours|escalationRole))$/;
  const others = Object.entries(fields).filter(([f]) => !shown.test(f));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...(entity ? { entity } : {}), ...p, orderCheck: { ...oc, disputesAmountThresholds: parseThresholds(thresholds) } });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-label={t('credit.policy.title')}>
        <Stack>
          <Text size="sm">{t(`credit.policy.source.${source ?? 'built-in'}`, { entity: entity || 'default' })}</Text>
          {save.isSuccess && <Alert color="green" role="status"><FormattedMessage id="credit.policy.saved" /></Alert>}
          {save.error && Object.keys(fields).length === 0 && <ErrorAlert error={save.error} />}
          {others.length > 0 && <Alert color="red" role="alert">{others.map(([f, m]) => <Text key={f} size="sm">{f}: {m}</Text>)}</Alert>}
          <Fieldset legend={t('credit.policy.orderCheck')}>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              {int('orderCheck.overdueDaysPrepayment', 'credit.policy.overdueDaysPrepayment', oc.overdueDaysPrepayment, (v) => setOc({ overdueDaysPrepayment: v }), 3650)}
              {int('orderCheck.overdueDaysBlock', 'credit.policy.overdueDaysBlock', oc.overdueDaysBlock, (v) => setOc({ overdueDaysBlock: v }), 3650)}
              {decision('orderCheck.overLimitDecision', 'credit.policy.overLimitDecision', oc.overLimitDecision, (v) => setOc({ overLimitDecision: v }))}
              {int('orderCheck.warningSharePercent', 'credit.policy.warningSharePercent', oc.warningSharePercent, (v) => setOc({ warningSharePercent: v }))}
              {classes('orderCheck.prepaymentClasses', 'credit.policy.prepaymentClasses', oc.prepaymentClasses, (v) => setOc({ prepaymentClasses: v }))}
              {classes('orderCheck.blockClasses', 'credit.policy.blockClasses', oc.blockClasses, (v) => setOc({ blockClasses: v }))}
              <Textarea label={t('credit.policy.disputesAmountThresholds')} description={t('credit.policy.disputesAmountThresholdsHelp')} autosize minRows={2}
                value={thresholds} error={Object.entries(fields).find(([f]) => f.startsWith('orderCheck.disputesAmountThresholds'))?.[1]} onChange={(e) => setThresholds(e.currentTarget.value)} />
              {int('orderCheck.disputesSharePercent', 'credit.policy.disputesSharePercent', oc.disputesSharePercent, (v) => setOc({ disputesSharePercent: v }))}
              {decision('orderCheck.disputesDecision', 'credit.policy.disputesDecision', oc.disputesDecision, (v) => setOc({ disputesDecision: v }))}
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('credit.policy.alerts')}>
            {int('exposureAlertSharePercent', 'credit.policy.exposureAlertSharePercent', p.exposureAlertSharePercent, (v) => setP({ ...p, exposureAlertSharePercent: v }))}
          </Fieldset>
          <Fieldset legend={t('credit.policy.approval')}>
            <Stack>
              <SimpleGrid cols={{ base: 1, md: 4 }}>
                <TextInput label={t('credit.policy.currency')} required maxLength={3} value={ap.currency} error={fields['approval.currency']} onChange={(e) => setAp({ currency: e.currentTarget.value.toUpperCase() })} />
                {int('approval.reminderAfterHours', 'credit.policy.reminderAfterHours', ap.reminderAfterHours, (v) => setAp({ reminderAfterHours: v }), 8760)}
                {int('approval.escalateAfterHours', 'credit.policy.escalateAfterHours', ap.escalateAfterHours, (v) => setAp({ escalateAfterHours: v }), 8760)}
                <Select label={t('credit.policy.escalationRole')} allowDeselect={false} value={ap.escalationRole} error={fields['approval.escalationRole']}
                  onChange={(v) => v && setAp({ escalationRole: v })} data={APPROVER_ROLES.map((r) => ({ value: r, label: t(`app.role.${r}`) }))} />
              </SimpleGrid>
              <Checkbox label={t('credit.policy.salesOpinion')} checked={ap.salesOpinion} onChange={(e) => setAp({ salesOpinion: e.currentTarget.checked })} />
              {ap.bands.map((band, i) => {
                const setBand = (patch: Partial<typeof band>) => setAp({ bands: ap.bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
                return (
                  <Group key={i} align="flex-end">
                    <TextInput
                      label={t('credit.policy.bandUpTo', { n: i + 1 })} description={t('credit.policy.bandUpToHelp')} inputMode="decimal" w={220}
                      value={band.upTo ?? ''} error={fields[`approval.bands[${i}].upTo`]} onChange={(e) => setBand({ upTo: e.currentTarget.value.trim() || null })}
                    />
                    <Checkbox.Group label={t('credit.policy.bandApprovers', { n: i + 1 })} value={band.approvers} error={fields[`approval.bands[${i}].approvers`]} onChange={(v) => setBand({ approvers: v })}>
                      <Group gap="sm" mt={4}>{APPROVER_ROLES.map((r) => <Checkbox key={r} value={r} label={t(`app.role.${r}`)} />)}</Group>
                    </Checkbox.Group>
                    <Button variant="default" size="xs" disabled={ap.bands.length === 1} onClick={() => setAp({ bands: ap.bands.filter((_, j) => j !== i) })}>
                      {t('credit.policy.bandRemove', { n: i + 1 })}
                    </Button>
                  </Group>
                );
              })}
              <div><Button variant="default" size="xs" onClick={() => setAp({ bands: [...ap.bands, { upTo: null, approvers: ['credit_manager'] }] })}><FormattedMessage id="credit.policy.bandAdd" /></Button></div>
            </Stack>
          </Fieldset>
          <Group><Button type="submit" loading={save.isPending}><FormattedMessage id="credit.policy.save" /></Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
