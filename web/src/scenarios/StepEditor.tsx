import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useIntl } from 'react-intl';
import { ACTIONS, CHANNELS, CONTACT_ROLES, LANGUAGES, MESSAGE_ACTIONS, RISK_CLASSES, type Channel, type Language, type StepDefinition } from './types';

type Templates = NonNullable<StepDefinition['templates']>;

/** The fields the editor shows an API error on; any other error of the step is listed above them. */
const SHOWN = /^(key|action|channels|recipients|trigger(\.(kind|offsetDays|days))?|conditions\.(minOverdueAmount|segments|riskClasses)|checkpoint(\.(timeoutHours|onTimeout))?|templates\.(fr|en)\.(email|sms|letter)\.(subject|body))$/;

interface Props {
  step: StepDefinition;
  index: number;
  count: number;
  /** The API's field errors for this step, keyed by the path after `definition.steps[i].`. */
  errors: Record<string, string>;
  onChange: (step: StepDefinition) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of a scenario: timing, action, channels, contact roles, conditions, checkpoint and templates per language. */
export function StepEditor({ step, index, count, errors, onChange, onMove, onRemove }: Props) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const set = (patch: Partial<StepDefinition>) => onChange({ ...step, ...patch });
  const sendsMessages = MESSAGE_ACTIONS.includes(step.action);
  const channels = (step.channels ?? []) as Channel[];
  const conditions = step.conditions ?? {};
  const setConditions = (patch: Partial<NonNullable<StepDefinition['conditions']>>) => {
    const next = { ...conditions, ...patch };
    const empty = !next.minOverdueAmount && !next.segments?.length && !next.riskClasses?.length;
    set({ conditions: empty ? undefined : next });
  };
  const others = Object.entries(errors).filter(([field]) => !SHOWN.test(field));
  const legend = t('scenarios.step.legend', { n: index + 1, key: step.key || '—' });
  const triggerKind = step.trigger.kind === 'after_previous' ? 'after_previous' : 'due_date';

  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        {others.length > 0 && (
          <Alert color="red" role="alert">{others.map(([field, message]) => <Text key={field} size="sm">{field}: {message}</Text>)}</Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput
            label={t('scenarios.step.key')} description={t('scenarios.step.keyHelp')} required maxLength={64}
            value={step.key} error={errors.key} onChange={(e) => set({ key: e.currentTarget.value })}
          />
          <Select
            label={t('scenarios.step.action')} required allowDeselect={false} value={step.action} error={errors.action}
            data={ACTIONS.map((a) => ({ value: a, label: t(`scenarios.action.${a}`) }))}
            onChange={(a) => a && set({
              action: a,
              ...(MESSAGE_ACTIONS.includes(a) ? { channels: channels.length ? channels : ['email'] } : { channels: [], recipients: undefined, templates: undefined }),
            })}
          />
          <Select
            label={t('scenarios.step.trigger')} required allowDeselect={false} value={triggerKind} error={errors['trigger.kind'] ?? errors.trigger}
            data={['due_date', 'after_previous'].map((k) => ({ value: k, label: t(`scenarios.trigger.${k}`) }))}
            onChange={(k) => k && set({ trigger: k === 'due_date' ? { kind: k, offsetDays: 0 } : { kind: k, days: 1 } })}
          />
          {triggerKind === 'due_date' ? (
            <NumberInput
              label={t('scenarios.step.offsetDays')} description={t('scenarios.step.offsetDaysHelp')} required allowDecimal={false} min={-365} max={365}
              value={step.trigger.offsetDays ?? 0} error={errors['trigger.offsetDays']}
              onChange={(v) => set({ trigger: { kind: 'due_date', offsetDays: typeof v === 'number' ? v : Number(v) || 0 } })}
            />
          ) : (
            <NumberInput
              label={t('scenarios.step.days')} required allowDecimal={false} min={0} max={365}
              value={step.trigger.days ?? 0} error={errors['trigger.days']}
              onChange={(v) => set({ trigger: { kind: 'after_previous', days: typeof v === 'number' ? v : Number(v) || 0 } })}
            />
          )}
        </SimpleGrid>
        {sendsMessages && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Checkbox.Group label={t('scenarios.step.channels')} value={channels} error={errors.channels} onChange={(v) => set({ channels: v })}>
              <Group gap="md" mt={4}>{CHANNELS.map((c) => <Checkbox key={c} value={c} label={t(`scenarios.channel.${c}`)} />)}</Group>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('scenarios.step.recipients')} description={t('scenarios.step.recipientsHelp')} error={errors.recipients}
              value={step.recipients ?? []} onChange={(v) => set({ recipients: v.length ? v : undefined })}
            >
              <Group gap="sm" mt={4}>{CONTACT_ROLES.map((r) => <Checkbox key={r} value={r} label={t(`scenarios.role.${r}`)} />)}</Group>
            </Checkbox.Group>
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput
            label={t('scenarios.step.minOverdueAmount')} inputMode="decimal" placeholder="0.00" value={conditions.minOverdueAmount ?? ''}
            error={errors['conditions.minOverdueAmount']} onChange={(e) => setConditions({ minOverdueAmount: e.currentTarget.value.trim() || undefined })}
          />
          <TextInput
            label={t('scenarios.step.segments')} description={t('scenarios.step.segmentsHelp')} value={(conditions.segments ?? []).join(', ')}
            error={errors['conditions.segments']}
            onChange={(e) => setConditions({ segments: e.currentTarget.value.split(',').map((s) => s.trim()).filter(Boolean) })}
          />
          <Checkbox.Group
            label={t('scenarios.step.riskClasses')} value={conditions.riskClasses ?? []} error={errors['conditions.riskClasses']}
            onChange={(v) => setConditions({ riskClasses: v })}
          >
            <Group gap="sm" mt={4}>{RISK_CLASSES.map((c) => <Checkbox key={c} value={c} label={c} />)}</Group>
          </Checkbox.Group>
        </SimpleGrid>
        <Group align="flex-end">
          <Checkbox
            label={t('scenarios.step.checkpoint')} checked={!!step.checkpoint}
            onChange={(e) => set({ checkpoint: e.currentTarget.checked ? { timeoutHours: 48, onTimeout: 'proceed' } : undefined })}
          />
          {step.checkpoint && (
            <>
              <NumberInput
                label={t('scenarios.step.timeoutHours')} required allowDecimal={false} min={1} max={720} w={200}
                value={step.checkpoint.timeoutHours} error={errors['checkpoint.timeoutHours']}
                onChange={(v) => set({ checkpoint: { ...step.checkpoint!, timeoutHours: typeof v === 'number' ? v : Number(v) || 1 } })}
              />
              <Select
                label={t('scenarios.step.onTimeout')} allowDeselect={false} w={260} value={step.checkpoint.onTimeout} error={errors['checkpoint.onTimeout']}
                data={['proceed', 'skip'].map((o) => ({ value: o, label: t(`scenarios.onTimeout.${o}`) }))}
                onChange={(o) => o && set({ checkpoint: { ...step.checkpoint!, onTimeout: o } })}
              />
            </>
          )}
        </Group>
        {sendsMessages && channels.length > 0 && (
          <TemplatesEditor templates={step.templates ?? {}} channels={channels} errors={errors} onChange={(templates) => set({ templates })} />
        )}
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={index === 0} onClick={() => onMove(-1)}>{t('scenarios.step.up', { n: index + 1 })}</Button>
          <Button variant="default" size="xs" disabled={index === count - 1} onClick={() => onMove(1)}>{t('scenarios.step.down', { n: index + 1 })}</Button>
          <Button variant="default" size="xs" disabled={count === 1} onClick={onRemove}>{t('scenarios.step.remove', { n: index + 1 })}</Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Subject and body per language and channel; an empty body keeps the built-in text. */
function TemplatesEditor({ templates, channels, errors, onChange }: {
  templates: Templates; channels: Channel[]; errors: Record<string, string>; onChange: (t: Templates) => void;
}) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  // Kept as typed (a subject before its body); blank templates are dropped on save (cleanDefinition).
  const update = (language: Language, channel: Channel, field: 'subject' | 'body', value: string) => {
    const current = templates[language]?.[channel] ?? { body: '' };
    onChange({ ...templates, [language]: { ...(templates[language] ?? {}), [channel]: { ...current, [field]: value } } });
  };
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      {LANGUAGES.map((language) => (
        <Stack key={language} gap="xs">
          {channels.map((channel) => {
            const tpl = templates[language]?.[channel];
            const names = { language: t(`scenarios.language.${language}`), channel: t(`scenarios.channel.${channel}`) };
            const path = `templates.${language}.${channel}`;
            return (
              <Stack key={channel} gap={4}>
                {channel !== 'sms' && (
                  <TextInput
                    label={t('scenarios.template.subject', names)} value={tpl?.subject ?? ''} error={errors[`${path}.subject`]}
                    placeholder={t('scenarios.template.builtIn')} onChange={(e) => update(language, channel, 'subject', e.currentTarget.value)}
                  />
                )}
                <Textarea
                  label={t('scenarios.template.body', names)} autosize minRows={2} maxRows={10} value={tpl?.body ?? ''} error={errors[`${path}.body`]}
                  placeholder={t('scenarios.template.builtIn')} onChange={(e) => update(language, channel, 'body', e.currentTarget.value)}
                />
              </Stack>
            );
          })}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

/** What the API receives: blank templates and subjects left out, so the built-in text applies. */
export function cleanStep(step: StepDefinition): StepDefinition {
  const { templates, ...rest } = step;
  const cleaned: Templates = {};
  for (const language of LANGUAGES) {
    const byChannel: Record<string, { subject?: string; body: string }> = {};
    for (const channel of (step.channels ?? []) as Channel[]) {
      const tpl = templates?.[language]?.[channel];
      if (!tpl?.body?.trim()) continue;
      byChannel[channel] = tpl.subject?.trim() ? { subject: tpl.subject, body: tpl.body } : { body: tpl.body };
    }
    if (Object.keys(byChannel).length) cleaned[language] = byChannel;
  }
  return Object.keys(cleaned).length ? { ...rest, templates: cleaned } : rest;
}
