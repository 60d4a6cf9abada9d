import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatMoney } from '../ui/format';
import {
  CALL_OUTCOMES, DISPUTE_REASONS, PROMISE_CHANNELS, useAddNote, useLogCall, useOpenDispute, usePauseCustomer, useRecordPromise,
  type CallOutcome, type DisputeReason, type PromiseChannel, type WorklistCustomer,
} from './queries';

export const CUSTOMER_ACTIONS = ['call', 'note', 'promise', 'pause', 'dispute'] as const;
export type CustomerAction = (typeof CUSTOMER_ACTIONS)[number];

/** One quick action on a worklist customer, in a dialog (focus kept inside, Escape closes it). */
export function CustomerActionDialog({ action, customer, today, onClose, onDone }: {
  action: CustomerAction | null; customer: WorklistCustomer; today: string; onClose: () => void; onDone: (message: string) => void;
}) {
  const intl = useIntl();
  const title = action ? intl.formatMessage({ id: `workspace.action.${action}.title` }, { customer: customer.customer.name }) : '';
  return (
    <Modal opened={action !== null} onClose={onClose} title={title} size="lg" closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'workspace.close' }) }}>
      {action === 'call' && <CallForm customer={customer} today={today} onDone={onDone} />}
      {action === 'note' && <NoteForm customer={customer} onDone={onDone} />}
      {action === 'promise' && <PromiseForm customer={customer} today={today} onDone={onDone} />}
      {action === 'pause' && <PauseForm customer={customer} onDone={onDone} />}
      {action === 'dispute' && <DisputeForm customer={customer} onDone={onDone} />}
    </Modal>
  );
}

const fieldErrors = (error: unknown) => (error instanceof ApiError ? error.fieldErrors : {});

/** The form's general error when no field carries it. */
function FormError({ error }: { error: unknown }) {
  if (!error || Object.keys(fieldErrors(error)).length > 0) return null;
  return <ErrorAlert error={error} />;
}

/** Field errors the form has no field for (e.g. `promise.invoiceExternalIds[0]`), shown under the form. */
function OtherFieldErrors({ error, shown }: { error: unknown; shown: readonly string[] }) {
  const rest = Object.entries(fieldErrors(error)).filter(([field]) => !shown.includes(field));
  if (rest.length === 0) return null;
  return <ErrorAlert error={new Error(rest.map(([field, message]) => `${field}: ${message}`).join(' · '))} />;
}

/** The customer's invoices to tick (all ticked at first). */
function InvoicePicker({ customer, value, onChange, error, label }: {
  customer: WorklistCustomer; value: string[]; onChange: (v: string[]) => void; error?: string; label: string;
}) {
  const intl = useIntl();
  if (customer.invoices.length === 0) return <Text size="sm" c="dimmed"><FormattedMessage id="workspace.invoices.none" /></Text>;
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <Stack gap={4} mt="xs">
        {customer.invoices.map((i) => (
          <Checkbox key={i.id} value={i.externalId} label={intl.formatMessage({ id: 'workspace.invoices.option' }, {
            number: i.number, amount: formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale),
          })} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function Submit({ pending, children }: { pending: boolean; children: ReactNode }) {
  return <Group justify="flex-end"><Button type="submit" loading={pending}>{children}</Button></Group>;
}

const currenciesOf = (customer: WorklistCustomer) => [...new Set([...customer.openAmounts.map((a) => a.currency), ...customer.invoices.map((i) => i.currency)])];

/** Promise terms shared by the call (outcome "promise") and the promise forms. */
function PromiseTerms({ customer, amount, setAmount, currency, setCurrency, date, setDate, today, errors, prefix }: {
  customer: WorklistCustomer; amount: string; setAmount: (v: string) => void; currency: string; setCurrency: (v: string) => void;
  date: string; setDate: (v: string) => void; today: string; errors: Record<string, string>; prefix: string;
}) {
  const intl = useIntl();
  const currencies = currenciesOf(customer);
  return (
    <Group grow align="flex-start">
      <TextInput label={intl.formatMessage({ id: 'workspace.promise.amount' })} required inputMode="decimal" placeholder="0.00"
        value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={errors[`${prefix}amount`]} />
      {currencies.length > 1
        ? <NativeSelect label={intl.formatMessage({ id: 'workspace.promise.currency' })} data={currencies} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} error={errors[`${prefix}currency`]} />
        : <TextInput label={intl.formatMessage({ id: 'workspace.promise.currency' })} readOnly value={currency} error={errors[`${prefix}currency`]} />}
      <TextInput type="date" label={intl.formatMessage({ id: 'workspace.promise.date' })} required min={today}
        value={date} onChange={(e) => setDate(e.currentTarget.value)} error={errors[`${prefix}promisedFor`]} />
    </Group>
  );
}

function CallForm({ customer, today, onDone }: { customer: WorklistCustomer; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  const call = useLogCall(customer.customer.externalId);
  const [outcome, setOutcome] = useState<CallOutcome>('reached');
  const [note, setNote] = useState('');
  const [invoices, setInvoices] = useState(customer.invoices.map((i) => i.externalId));
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(currenciesOf(customer)[0] ?? 'EUR');
  const [date, setDate] = useState(today);
  const [callBackOn, setCallBackOn] = useState(today);
  const errors = fieldErrors(call.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    call.mutate({
      outcome, note: note.trim() || undefined, invoiceExternalIds: invoices.length > 0 ? invoices : undefined,
      ...(outcome === 'promise' ? { promise: { amount: amount.trim(), currency, promisedFor: date, invoiceExternalIds: invoices.length > 0 ? invoices : undefined } } : {}),
      ...(outcome === 'call_back_on' ? { callBackOn } : {}),
    }, { onSuccess: () => onDone(intl.formatMessage({ id: outcome === 'promise' ? 'workspace.done.callPromise' : 'workspace.done.call' }, { customer: customer.customer.name })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.action.call.title' }, { customer: customer.customer.name })}>
      <Stack>
        <FormError error={call.error} />
        <NativeSelect label={intl.formatMessage({ id: 'workspace.call.outcome' })} required value={outcome} error={errors.outcome}
          data={CALL_OUTCOMES.map((o) => ({ value: o, label: intl.formatMessage({ id: `workspace.outcome.${o}` }) }))}
          onChange={(e) => setOutcome(e.currentTarget.value as CallOutcome)} />
        <InvoicePicker customer={customer} value={invoices} onChange={setInvoices} error={errors.invoiceExternalIds} label={intl.formatMessage({ id: 'workspace.call.invoices' })} />
        {outcome === 'promise' && (
          <PromiseTerms customer={customer} amount={amount} setAmount={setAmount} currency={currency} setCurrency={setCurrency}
            date={date} setDate={setDate} today={today} errors={errors} prefix="promise." />
        )}
        {outcome === 'call_back_on' && (
          <TextInput type="date" label={intl.formatMessage({ id: 'workspace.call.callBackOn' })} required min={today}
            value={callBackOn} onChange={(e) => setCallBackOn(e.currentTarget.value)} error={errors.callBackOn} />
        )}
        <Textarea label={intl.formatMessage({ id: 'workspace.call.note' })} autosize minRows={2} maxLength={4000} value={note} error={errors.note} onChange={(e) => setNote(e.currentTarget.value)} />
        <OtherFieldErrors error={call.error} shown={['outcome', 'invoiceExternalIds', 'promise.amount', 'promise.currency', 'promise.promisedFor', 'callBackOn', 'note']} />
        <Submit pending={call.isPending}><FormattedMessage id="workspace.call.submit" /></Submit>
      </Stack>
    </form>
  );
}

function NoteForm({ customer, onDone }: { customer: WorklistCustomer; onDone: (message: string) => void }) {
  const intl = useIntl();
  const add = useAddNote(customer.customer.externalId);
  const [body, setBody] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ body: body.trim() }, { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.note' }, { customer: customer.customer.name })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.action.note.title' }, { customer: customer.customer.name })}>
      <Stack>
        <FormError error={add.error} />
        <Textarea label={intl.formatMessage({ id: 'workspace.note.body' })} required autosize minRows={3} maxLength={10000}
          value={body} error={fieldErrors(add.error).body} onChange={(e) => setBody(e.currentTarget.value)} />
        <Submit pending={add.isPending}><FormattedMessage id="workspace.note.submit" /></Submit>
      </Stack>
    </form>
  );
}

function PromiseForm({ customer, today, onDone }: { customer: WorklistCustomer; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  const record = useRecordPromise();
  const [invoices, setInvoices] = useState(customer.invoices.map((i) => i.externalId));
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(currenciesOf(customer)[0] ?? 'EUR');
  const [date, setDate] = useState(today);
  const [channel, setChannel] = useState<PromiseChannel>('phone');
  const [note, setNote] = useState('');
  const errors = fieldErrors(record.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate({
      customerExternalId: customer.customer.externalId, invoiceExternalIds: invoices, amount: amount.trim(), currency, promisedFor: date, channel,
      note: note.trim() || undefined,
    }, { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.promise' }, { customer: customer.customer.name })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.action.promise.title' }, { customer: customer.customer.name })}>
      <Stack>
        <FormError error={record.error} />
        <InvoicePicker customer={customer} value={invoices} onChange={setInvoices} error={errors.invoiceExternalIds} label={intl.formatMessage({ id: 'workspace.promise.invoices' })} />
        <PromiseTerms customer={customer} amount={amount} setAmount={setAmount} currency={currency} setCurrency={setCurrency}
          date={date} setDate={setDate} today={today} errors={errors} prefix="" />
        <NativeSelect label={intl.formatMessage({ id: 'workspace.promise.channel' })} value={channel} error={errors.channel}
          data={PROMISE_CHANNELS.map((c) => ({ value: c, label: intl.formatMessage({ id: `workspace.channel.${c}` }) }))}
          onChange={(e) => setChannel(e.currentTarget.value as PromiseChannel)} />
        <Textarea label={intl.formatMessage({ id: 'workspace.promise.note' })} autosize minRows={2} maxLength={2000} value={note} error={errors.note} onChange={(e) => setNote(e.currentTarget.value)} />
        <OtherFieldErrors error={record.error} shown={['invoiceExternalIds', 'amount', 'currency', 'promisedFor', 'channel', 'note']} />
        <Submit pending={record.isPending}><FormattedMessage id="workspace.promise.submit" /></Submit>
      </Stack>
    </form>
  );
}

function PauseForm({ customer, onDone }: { customer: WorklistCustomer; onDone: (message: string) => void }) {
  const intl = useIntl();
  const pause = usePauseCustomer(customer.customer.externalId);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const errors = fieldErrors(pause.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A local date and time from the browser, sent as an instant with its offset.
    pause.mutate({ reason: reason.trim(), until: until ? new Date(until).toISOString() : undefined },
      { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.pause' }, { customer: customer.customer.name })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.action.pause.title' }, { customer: customer.customer.name })}>
      <Stack>
        <FormError error={pause.error} />
        <Text size="sm"><FormattedMessage id="workspace.pause.explain" /></Text>
        <TextInput label={intl.formatMessage({ id: 'workspace.pause.reason' })} required maxLength={500} value={reason} error={errors.reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <TextInput type="datetime-local" label={intl.formatMessage({ id: 'workspace.pause.until' })} value={until} error={errors.until} onChange={(e) => setUntil(e.currentTarget.value)} />
        <Submit pending={pause.isPending}><FormattedMessage id="workspace.pause.submit" /></Submit>
      </Stack>
    </form>
  );
}

function DisputeForm({ customer, onDone }: { customer: WorklistCustomer; onDone: (message: string) => void }) {
  const intl = useIntl();
  const open = useOpenDispute();
  const [invoiceId, setInvoiceId] = useState(customer.invoices[0]?.id ?? '');
  const [reasonCode, setReasonCode] = useState<DisputeReason>('price');
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const errors = fieldErrors(open.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate({ invoiceIds: [invoiceId], reasonCode, amount: amount.trim() || undefined, comment: comment.trim() },
      { onSuccess: () => onDone(intl.formatMessage({ id: 'workspace.done.dispute' }, { customer: customer.customer.name })) });
  };
  if (customer.invoices.length === 0) return <Text><FormattedMessage id="workspace.invoices.none" /></Text>;
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'workspace.action.dispute.title' }, { customer: customer.customer.name })}>
      <Stack>
        <FormError error={open.error} />
        <NativeSelect label={intl.formatMessage({ id: 'workspace.dispute.invoice' })} required value={invoiceId} error={errors.invoiceIds}
          data={customer.invoices.map((i) => ({ value: i.id, label: intl.formatMessage({ id: 'workspace.invoices.option' }, { number: i.number, amount: formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale) }) }))}
          onChange={(e) => setInvoiceId(e.currentTarget.value)} />
        <NativeSelect label={intl.formatMessage({ id: 'workspace.dispute.reason' })} required value={reasonCode} error={errors.reasonCode}
          data={DISPUTE_REASONS.map((r) => ({ value: r, label: intl.formatMessage({ id: `workspace.reason.${r}` }) }))}
          onChange={(e) => setReasonCode(e.currentTarget.value as DisputeReason)} />
        <TextInput label={intl.formatMessage({ id: 'workspace.dispute.amount' })} description={intl.formatMessage({ id: 'workspace.dispute.amountHelp' })}
          inputMode="decimal" placeholder="0.00" value={amount} error={errors.amount} onChange={(e) => setAmount(e.currentTarget.value)} />
        <Textarea label={intl.formatMessage({ id: 'workspace.dispute.comment' })} required autosize minRows={2} maxLength={4000} value={comment} error={errors.comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <OtherFieldErrors error={open.error} shown={['invoiceIds', 'reasonCode', 'amount', 'comment']} />
        <Submit pending={open.isPending}><FormattedMessage id="workspace.dispute.submit" /></Submit>
      </Stack>
    </form>
  );
}
