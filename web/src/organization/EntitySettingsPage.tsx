import { Alert, Button, Checkbox, Fieldset, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { SettingsNav } from '../app/SettingsNav';
import { ErrorAlert } from '../ui/ErrorAlert';
import { entityQueries, useSaveEntitySettings, type EntitySettings } from './queries';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** A legal entity's settings: time zone, sending window, business calendar, late-payment penalties, write-off thresholds. */
export function EntitySettingsPage() {
  const intl = useIntl();
  const [codeInput, setCodeInput] = useState('default');
  const [code, setCode] = useState('default');
  const settings = useQuery(entityQueries.settings(code));
  const save = useSaveEntitySettings(code);
  return (
    <Stack>
      <Title order={1}><FormattedMessage id="organization.title" /></Title>
      <SettingsNav />
      <form onSubmit={(e) => { e.preventDefault(); save.reset(); setCode(codeInput.trim() || 'default'); }}>
        <Group align="flex-end">
          <TextInput label={intl.formatMessage({ id: 'organization.code' })} required maxLength={64} value={codeInput} onChange={(e) => setCodeInput(e.currentTarget.value)} />
          <Button type="submit" variant="default"><FormattedMessage id="organization.load" /></Button>
        </Group>
      </form>
      {settings.error && <ErrorAlert error={settings.error} />}
      {settings.data && <SettingsForm key={JSON.stringify(settings.data)} loaded={settings.data} save={save} />}
    </Stack>
  );
}

function SettingsForm({ loaded, save }: { loaded: EntitySettings; save: ReturnType<typeof useSaveEntitySettings> }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const [timeZone, setTimeZone] = useState(loaded.timeZone);
  const [window, setWindow] = useState(loaded.sendingWindow);
  const [calendar, setCalendar] = useState(loaded.businessCalendar);
  const [extra, setExtra] = useState(loaded.businessCalendar.extraHolidays.join('\n'));
  const [removed, setRemoved] = useState(loaded.businessCalendar.removedHolidays.join('\n'));
  const [penalties, setPenalties] = useState<Schemas['PenaltyPolicyDto']>(loaded.latePaymentPenalties);
  const [thresholds, setThresholds] = useState(loaded.writeOffApprovalThresholds.map((w) => `${w.currency} ${w.amount}`).join('\n'));
  const [payUrl, setPayUrl] = useState(loaded.paymentUrlTemplate ?? '');
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const num = (v: string | number) => (typeof v === 'number' ? v : Number(v) || 0);
  const fieldError = (prefix: string) => Object.entries(fields).filter(([f]) => f.startsWith(prefix)).map(([f, m]) => `${f}: ${m}`).join(' ') || undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      timeZone: timeZone.trim() || null,
      sendingWindow: window,
      businessCalendar: { ...calendar, extraHolidays: lines(extra), removedHolidays: lines(removed) },
      latePaymentPenalties: penalties,
      writeOffApprovalThresholds: lines(thresholds).map((l) => l.split(/\s+/)).map(([currency, amount]) => ({ currency: (currency ?? '').toUpperCase(), amount: amount ?? '' })),
      paymentUrlTemplate: payUrl.trim() || null,
    });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-label={t('organization.form', { name: loaded.name })}>
        <Stack>
          <Text size="sm"><FormattedMessage id="organization.summary" values={{ name: loaded.name, code: loaded.code, country: loaded.country }} /></Text>
          {save.isSuccess && <Alert color="green" role="status"><FormattedMessage id="organization.saved" /></Alert>}
          {save.error && Object.keys(fields).length === 0 && <ErrorAlert error={save.error} />}
          <Fieldset legend={t('organization.sending')}>
            <SimpleGrid cols={{ base: 1, md: 4 }}>
              <TextInput label={t('organization.timeZone')} placeholder="Europe/Paris" value={timeZone} error={fields.timeZone} onChange={(e) => setTimeZone(e.currentTarget.value)} />
              <NumberInput label={t('organization.startHour')} required allowDecimal={false} min={0} max={23} value={window.startHour} error={fields['sendingWindow.startHour']} onChange={(v) => setWindow({ ...window, startHour: num(v) })} />
              <NumberInput label={t('organization.endHour')} required allowDecimal={false} min={1} max={24} value={window.endHour} error={fields['sendingWindow.endHour']} onChange={(v) => setWindow({ ...window, endHour: num(v) })} />
              <Checkbox mt="lg" label={t('organization.businessDaysOnly')} checked={window.businessDaysOnly} onChange={(e) => setWindow({ ...window, businessDaysOnly: e.currentTarget.checked })} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('organization.calendar')}>
            <Stack>
              {fieldError('businessCalendar') && <Alert color="red" role="alert">{fieldError('businessCalendar')}</Alert>}
              <Group>
                <Select label={t('organization.holidays')} allowDeselect={false} value={calendar.country} w={260}
                  data={[{ value: 'FR', label: t('organization.holidays.FR') }, { value: 'none', label: t('organization.holidays.none') }]}
                  onChange={(v) => v && setCalendar({ ...calendar, country: v as 'FR' | 'none', alsaceMoselle: v === 'FR' && calendar.alsaceMoselle })} />
                <Checkbox mt="lg" label={t('organization.alsaceMoselle')} disabled={calendar.country !== 'FR'} checked={calendar.alsaceMoselle} onChange={(e) => setCalendar({ ...calendar, alsaceMoselle: e.currentTarget.checked })} />
              </Group>
              <Checkbox.Group label={t('organization.weekendDays')} value={calendar.weekendDays.map(String)} onChange={(v) => setCalendar({ ...calendar, weekendDays: v.map(Number) })}>
                <Group gap="sm" mt={4}>{WEEKDAYS.map((d) => <Checkbox key={d} value={String(d)} label={t(`organization.day.${d}`)} />)}</Group>
              </Checkbox.Group>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <Textarea label={t('organization.extraHolidays')} description={t('organization.datesHelp')} autosize minRows={2} value={extra} onChange={(e) => setExtra(e.currentTarget.value)} />
                <Textarea label={t('organization.removedHolidays')} description={t('organization.datesHelp')} autosize minRows={2} value={removed} onChange={(e) => setRemoved(e.currentTarget.value)} />
              </SimpleGrid>
            </Stack>
          </Fieldset>
          <Fieldset legend={t('organization.penalties')}>
            <SimpleGrid cols={{ base: 1, md: 4 }}>
              <NumberInput label={t('organization.marginBp')} allowDecimal={false} min={0} max={5000} value={penalties.marginBp ?? ''} error={fields['latePaymentPenalties.marginBp']}
                onChange={(v) => setPenalties({ ...penalties, marginBp: v === '' ? null : num(v) })} />
              <NumberInput label={t('organization.floorRateBp')} allowDecimal={false} min={0} max={5000} value={penalties.floorRateBp ?? ''} error={fields['latePaymentPenalties.floorRateBp']}
                onChange={(v) => setPenalties({ ...penalties, floorRateBp: v === '' ? null : num(v) })} />
              <TextInput label={t('organization.fixedIndemnity')} inputMode="decimal" value={penalties.fixedIndemnity ?? ''} error={fields['latePaymentPenalties.fixedIndemnity']}
                onChange={(e) => setPenalties({ ...penalties, fixedIndemnity: e.currentTarget.value.trim() || null })} />
              <Checkbox mt="lg" label={t('organization.businessToBusiness')} checked={penalties.businessToBusiness ?? true} onChange={(e) => setPenalties({ ...penalties, businessToBusiness: e.currentTarget.checked })} />
            </SimpleGrid>
          </Fieldset>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Textarea label={t('organization.writeOff')} description={t('organization.writeOffHelp')} autosize minRows={2} value={thresholds} error={fieldError('writeOffApprovalThresholds')} onChange={(e) => setThresholds(e.currentTarget.value)} />
            <TextInput label={t('organization.paymentUrl')} description={t('organization.paymentUrlHelp')} value={payUrl} error={fields.paymentUrlTemplate} onChange={(e) => setPayUrl(e.currentTarget.value)} />
          </SimpleGrid>
          <Group><Button type="submit" loading={save.isPending}><FormattedMessage id="organization.save" /></Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
