import { Alert, Anchor, Badge, Button, FileInput, Group, List, NumberInput, Paper, Select, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { TONES } from '../ui/tones';
import { PORTAL_REASONS, portalQueries, useDispute, usePay, usePaymentPlan, usePromise, type PortalInvoice } from './api';

const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.fieldErrors[field] : undefined);
/** A form's failure that is not about one field (field errors show under their field). */
const formError = (error: unknown) => (error && !(error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) ? error : null);

/** One invoice: its documents, and what the customer can do about it (pay, promise, dispute, ask for a plan). */
export function InvoicePage() {
  const intl = useIntl();
  const { invoiceId } = useParams({ from: '/portal/invoices/$invoiceId' });
  const invoice = useQuery(portalQueries.invoice(invoiceId));
  if (invoice.error) {
    const refused = invoice.error instanceof ApiError && invoice.error.status === 404;
    return (
      <Stack>
        <AnchorLink to="/portal"><FormattedMessage id="portal.invoice.back" /></AnchorLink>
        <Title order={1} size="h2"><FormattedMessage id="portal.invoice.unavailableTitle" /></Title>
        {refused ? <Alert color="red" role="alert"><FormattedMessage id="portal.invoice.refused" /></Alert> : <ErrorAlert error={invoice.error} />}
      </Stack>
    );
  }
  if (!invoice.data) return null;
  const i = invoice.data;
  const money = (amount: string) => formatMoney({ amount, currency: i.currency }, intl.locale);
  const open = i.status === 'open' && Number(i.openAmount) > 0;
  return (
    <Stack gap="lg">
      <AnchorLink to="/portal"><FormattedMessage id="portal.invoice.back" /></AnchorLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2"><FormattedMessage id="portal.invoice.title" values={{ number: i.number }} /></Title>
          <Text c="dimmed"><FormattedMessage id="portal.invoice.dates" values={{ issued: formatDate(i.issueDate, intl.locale), due: formatDate(i.dueDate, intl.locale) }} /></Text>
        </div>
        {i.disputed && <Badge {...TONES.warn} size="lg"><FormattedMessage id="portal.items.disputed" /></Badge>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md">
          <Text size="sm" c="dimmed"><FormattedMessage id="portal.invoice.amount" /></Text>
          <Text fw={700}>{money(i.amount)}</Text>
          <Text size="sm" c="dimmed" mt="xs"><FormattedMessage id="portal.invoice.openAmount" /></Text>
          <Text size="xl" fw={700}>{money(i.openAmount)}</Text>
          {i.canPay && <PayButton invoiceId={i.id} />}
        </Paper>
        <Paper withBorder p="md" component="section" aria-labelledby="portal-documents">
          <Title order={2} size="h4" id="portal-documents" mb="xs"><FormattedMessage id="portal.invoice.documents" /></Title>
          {i.documents.length === 0 ? <Text size="sm"><FormattedMessage id="portal.invoice.noDocuments" /></Text> : (
            <List>
              {i.documents.map((d) => (
                <List.Item key={d.url}>
                  <Anchor href={d.url} target="_blank" rel="noopener">
                    <FormattedMessage id={d.kind === 'invoice' ? 'portal.invoice.pdf' : 'portal.invoice.letter'} values={{ number: i.number, date: formatDate(d.date, intl.locale) }} />
                  </Anchor>
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      </SimpleGrid>
      {open && <Actions invoice={i} />}
    </Stack>
  );
}

function PayButton({ invoiceId }: { invoiceId: string }) {
  const pay = usePay();
  return (
    <Stack gap="xs" mt="md">
      <Button size="md" loading={pay.isPending} onClick={() => pay.mutate(invoiceId)}><FormattedMessage id="portal.pay.button" /></Button>
      {pay.error && <ErrorAlert error={pay.error} />}
    </Stack>
  );
}

function Actions({ invoice }: { invoice: PortalInvoice }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-actions">
      <Title order={2} size="h3" id="portal-actions" mb="sm"><FormattedMessage id="portal.actions.title" /></Title>
      <Tabs defaultValue="promise" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="promise"><FormattedMessage id="portal.promise.tab" /></Tabs.Tab>
          <Tabs.Tab value="dispute"><FormattedMessage id="portal.dispute.tab" /></Tabs.Tab>
          <Tabs.Tab value="plan"><FormattedMessage id="portal.plan.tab" /></Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="promise" pt="md"><PromiseForm invoice={invoice} /></Tabs.Panel>
        <Tabs.Panel value="dispute" pt="md"><DisputeForm invoice={invoice} /></Tabs.Panel>
        <Tabs.Panel value="plan" pt="md"><PlanForm invoice={invoice} /></Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function Done({ id, values }: { id: string; values?: Record<string, string> }) {
  return <Alert color="green" role="status"><FormattedMessage id={id} values={values} /></Alert>;
}

function PromiseForm({ invoice }: { invoice: PortalInvoice }) {
  const intl = useIntl();
  const promise = usePromise();
  const [amount, setAmount] = useState(invoice.openAmount);
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  if (promise.isSuccess) return <Done id="portal.promise.done" values={{ date: formatDate(date, intl.locale), amount: formatMoney({ amount, currency: invoice.currency }, intl.locale) }} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    promise.mutate({ invoiceIds: [invoice.id], amount: amount.trim().replace(',', '.'), promisedFor: date, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <Text size="sm"><FormattedMessage id="portal.promise.explain" /></Text>
        <TextInput label={intl.formatMessage({ id: 'portal.promise.date' })} type="date" min={today()} required value={date}
          onChange={(e) => setDate(e.currentTarget.value)} error={fieldError(promise.error, 'promisedFor')} />
        <TextInput label={intl.formatMessage({ id: 'portal.promise.amount' }, { currency: invoice.currency })} inputMode="decimal" required value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)} error={fieldError(promise.error, 'amount')} />
        <Textarea label={intl.formatMessage({ id: 'portal.promise.note' })} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
        {formError(promise.error) && <ErrorAlert error={promise.error} />}
        <Group><Button type="submit" loading={promise.isPending}><FormattedMessage id="portal.promise.submit" /></Button></Group>
      </Stack>
    </form>
  );
}

function DisputeForm({ invoice }: { invoice: PortalInvoice }) {
  const intl = useIntl();
  const dispute = useDispute();
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [amount, setAmount] = useState('');
  const [file, setFile] = useState<File | null>(null);
  if (dispute.isSuccess) return <Done id="portal.dispute.done" />;
  if (invoice.disputed) return <Text><FormattedMessage id="portal.dispute.already" /></Text>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    dispute.mutate({ invoiceId: invoice.id, reasonCode: reason ?? '', comment: comment.trim(), amount: amount.trim().replace(',', '.') || undefined, attachment: file });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <Text size="sm"><FormattedMessage id="portal.dispute.explain" /></Text>
        <Select label={intl.formatMessage({ id: 'portal.dispute.reason' })} required value={reason} onChange={setReason}
          data={PORTAL_REASONS.map((r) => ({ value: r, label: intl.formatMessage({ id: `portal.reason.${r}` }) }))}
          error={fieldError(dispute.error, 'reasonCode')} />
        <Textarea label={intl.formatMessage({ id: 'portal.dispute.comment' })} required value={comment} autosize minRows={3}
          onChange={(e) => setComment(e.currentTarget.value)} error={fieldError(dispute.error, 'comment')} />
        <TextInput label={intl.formatMessage({ id: 'portal.dispute.amount' }, { currency: invoice.currency })} inputMode="decimal"
          description={intl.formatMessage({ id: 'portal.dispute.amountHelp' })} value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)} error={fieldError(dispute.error, 'amount')} />
        <FileInput label={intl.formatMessage({ id: 'portal.dispute.attachment' })} description={intl.formatMessage({ id: 'portal.dispute.attachmentHelp' })}
          accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain" clearable value={file} onChange={setFile}
          clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'portal.dispute.removeAttachment' }) }}
          error={fieldError(dispute.error, 'attachment')} />
        {formError(dispute.error) && <ErrorAlert error={dispute.error} />}
        <Group><Button type="submit" loading={dispute.isPending}><FormattedMessage id="portal.dispute.submit" /></Button></Group>
      </Stack>
    </form>
  );
}

function PlanForm({ invoice }: { invoice: PortalInvoice }) {
  const intl = useIntl();
  const plan = usePaymentPlan();
  const [instalments, setInstalments] = useState<string | number>(3);
  const [first, setFirst] = useState('');
  const [note, setNote] = useState('');
  if (plan.isSuccess) return <Done id={plan.data.status === 'pending_approval' ? 'portal.plan.pending' : 'portal.plan.done'} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    plan.mutate({ invoiceIds: [invoice.id], instalments: Number(instalments), firstDueDate: first, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <Text size="sm"><FormattedMessage id="portal.plan.explain" /></Text>
        <NumberInput label={intl.formatMessage({ id: 'portal.plan.instalments' })} min={2} max={36} required value={instalments} onChange={setInstalments}
          error={fieldError(plan.error, 'instalments')} />
        <TextInput label={intl.formatMessage({ id: 'portal.plan.first' })} type="date" required value={first}
          onChange={(e) => setFirst(e.currentTarget.value)} error={fieldError(plan.error, 'firstDueDate')} />
        <Textarea label={intl.formatMessage({ id: 'portal.plan.note' })} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
        {formError(plan.error) && <ErrorAlert error={plan.error} />}
        <Group><Button type="submit" loading={plan.isPending}><FormattedMessage id="portal.plan.submit" /></Button></Group>
      </Stack>
    </form>
  );
}
