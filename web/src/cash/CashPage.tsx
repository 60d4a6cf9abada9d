import { Alert, Badge, Button, Group, List, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { formatReason } from '../ui/reasons';
import { TONES } from '../ui/tones';
import { AllocationRows, cleanRows, type AllocationRow } from './AllocationRows';
import { CashNav } from './CashNav';
import {
  cashQueries, useAllocateCredit, useIgnoreLine, useImportStatement, useMatchLine, WRITE_OFF_REASONS,
  type BankLine, type StatementImport, type Unapplied, type WriteOffReason,
} from './queries';

const fieldErrors = (error: unknown) => (error instanceof ApiError ? error.fieldErrors : {});
const isZero = (amount: string) => /^0+(\.0+)?$/.test(amount);

/** Cash application: import a bank statement, review the credits the engine could not apply alone, allocate unapplied cash. */
export function CashPage() {
  const [done, setDone] = useState<string | null>(null);
  const intl = useIntl();
  return (
    <Stack gap="lg">
      <Title order={1}><FormattedMessage id="cash.title" /></Title>
      <CashNav />
      {done && <Alert color="green" role="status" withCloseButton closeButtonLabel={intl.formatMessage({ id: 'cash.close' })} onClose={() => setDone(null)}>{done}</Alert>}
      <Upload />
      <Queue onDone={setDone} />
      <UnappliedCash onDone={setDone} />
    </Stack>
  );
}

function Upload() {
  const inputId = useId();
  const upload = useImportStatement();
  const [file, setFile] = useState<File | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="cash-upload-title">
      <Title order={2} size="h3" id="cash-upload-title" mb="sm"><FormattedMessage id="cash.upload.title" /></Title>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <div>
            <label htmlFor={inputId}><Text span fw={500} size="sm"><FormattedMessage id="cash.upload.file" /></Text></label>
            <Text size="xs" c="dimmed" id={`${inputId}-help`}><FormattedMessage id="cash.upload.help" /></Text>
            <input id={inputId} type="file" required aria-describedby={`${inputId}-help`} accept=".txt,.xml,.sta,.mt940,.cfonb,.120,text/plain,application/xml"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} style={{ marginTop: 6 }} />
          </div>
          <Group><Button type="submit" loading={upload.isPending} disabled={!file}><FormattedMessage id="cash.upload.submit" /></Button></Group>
          {upload.error && <ErrorAlert error={upload.error} />}
          {upload.data && <ImportSummary summary={upload.data} />}
        </Stack>
      </form>
    </Paper>
  );
}

function ImportSummary({ summary: s }: { summary: StatementImport }) {
  const intl = useIntl();
  return (
    <Alert color="blue" role="status" title={intl.formatMessage({ id: 'cash.upload.done' }, { format: s.format, account: s.account })}>
      <FormattedMessage id="cash.upload.summary" values={{
        lines: s.lines, duplicates: s.duplicates, credits: s.credits.count, amount: formatMoney({ amount: s.credits.amount, currency: s.currency }, intl.locale),
        auto: s.matched.auto, suggested: s.matched.suggested, unmatched: s.matched.unmatched,
      }} />
    </Alert>
  );
}

function Queue({ onDone }: { onDone: (message: string) => void }) {
  const { data: queue } = useSuspenseQuery(cashQueries.queue());
  return (
    <section aria-labelledby="cash-queue-title">
      <Title order={2} size="h3" id="cash-queue-title" mb="sm"><FormattedMessage id="cash.queue.title" /></Title>
      {queue.items.length === 0 ? <Text><FormattedMessage id="cash.queue.empty" /></Text> : (
        <Stack>{queue.items.map((l) => <LineCard key={l.id} line={l} onDone={onDone} />)}</Stack>
      )}
    </section>
  );
}

function LineCard({ line: l, onDone }: { line: BankLine; onDone: (message: string) => void }) {
  const intl = useIntl();
  const money = (amount: string) => formatMoney({ amount, currency: l.currency }, intl.locale);
  const match = useMatchLine(l.id);
  const ignore = useIgnoreLine(l.id);
  const [splitting, setSplitting] = useState(false);
  const titleId = `cash-line-${l.id}`;
  const payer = l.payerName ?? intl.formatMessage({ id: 'cash.line.unknownPayer' });
  const confirm = () => match.mutate({
    allocations: l.allocations.map((a) => ({ invoiceExternalId: a.invoiceExternalId, amount: a.amount })),
    unapplied: isZero(l.unapplied) ? undefined : l.unapplied,
  }, { onSuccess: () => onDone(intl.formatMessage({ id: 'cash.done.confirmed' }, { payer, amount: money(l.amount) })) });
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h4" id={titleId}>
            <FormattedMessage id="cash.line.title" values={{ payer, amount: money(l.amount), date: formatDate(l.bookingDate, intl.locale) }} />
          </Title>
          {l.remittanceText && <Text size="sm"><FormattedMessage id="cash.line.remittance" values={{ text: l.remittanceText }} /></Text>}
          {l.payerIban && <Text size="xs" c="dimmed">IBAN {l.payerIban}</Text>}
        </div>
        <Badge {...(l.status === 'suggested' ? TONES.watch : TONES.bad)}><FormattedMessage id={`cash.status.${l.status}`} /></Badge>
      </Group>
      {l.allocations.length > 0 ? (
        <Stack gap={4} mt="sm">
          <Text fw={600}>
            <FormattedMessage id="cash.line.suggestion" values={{
              customer: l.customer?.name ?? '—', confidence: l.confidence === null ? '—' : intl.formatNumber(l.confidence, { style: 'percent' }),
            }} />
          </Text>
          <List size="sm" aria-label={intl.formatMessage({ id: 'cash.line.allocations' })}>
            {l.allocations.map((a) => (
              <List.Item key={a.invoiceExternalId}><FormattedMessage id="cash.line.allocation" values={{ number: a.invoiceNumber, amount: money(a.amount) }} /></List.Item>
            ))}
          </List>
          {!isZero(l.unapplied) && <Text size="sm"><FormattedMessage id="cash.line.unapplied" values={{ amount: money(l.unapplied) }} /></Text>}
          {!isZero(l.shortfall) && <Text size="sm"><FormattedMessage id="cash.line.shortfall" values={{ amount: money(l.shortfall) }} /></Text>}
        </Stack>
      ) : <Text size="sm" mt="sm"><FormattedMessage id="cash.line.noSuggestion" /></Text>}
      {l.reasonDetails.length > 0 && (
        <List size="sm" mt="xs" aria-label={intl.formatMessage({ id: 'cash.line.reasons' }, { payer })}>
          {l.reasonDetails.map((r, k) => <List.Item key={k}>{formatReason(intl, `cash.why.${r.code}`, r.params, r.text)}</List.Item>)}
        </List>
      )}
      <Group mt="sm" gap="xs" role="group" aria-label={intl.formatMessage({ id: 'cash.line.actions' }, { payer })}>
        {l.allocations.length > 0 && <Button size="xs" loading={match.isPending} onClick={confirm}><FormattedMessage id="cash.line.confirm" /></Button>}
        <Button size="xs" variant="default" onClick={() => setSplitting(true)}><FormattedMessage id="cash.line.split" /></Button>
        <Button size="xs" variant="default" color="red" loading={ignore.isPending}
          onClick={() => ignore.mutate(undefined, { onSuccess: () => onDone(intl.formatMessage({ id: 'cash.done.ignored' }, { payer, amount: money(l.amount) })) })}>
          <FormattedMessage id="cash.line.reject" />
        </Button>
      </Group>
      {match.error && !splitting && <ErrorAlert error={match.error} />}
      {ignore.error && <ErrorAlert error={ignore.error} />}
      <Modal opened={splitting} onClose={() => setSplitting(false)} size="lg" closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'cash.close' }) }}
        title={intl.formatMessage({ id: 'cash.split.title' }, { payer, amount: money(l.amount) })}>
        <SplitForm line={l} onDone={(message) => { setSplitting(false); onDone(message); }} />
      </Modal>
    </Paper>
  );
}

/** Corrects or splits a line: allocations + unapplied = the line's amount; a short payment may be written off (a deduction dispute). */
function SplitForm({ line: l, onDone }: { line: BankLine; onDone: (message: string) => void }) {
  const intl = useIntl();
  const match = useMatchLine(l.id);
  const [rows, setRows] = useState<AllocationRow[]>(l.allocations.length > 0
    ? l.allocations.map((a) => ({ invoiceExternalId: a.invoiceExternalId, amount: a.amount })) : [{ invoiceExternalId: '', amount: l.amount }]);
  const [unapplied, setUnapplied] = useState(isZero(l.unapplied) ? '' : l.unapplied);
  const [writeOff, setWriteOff] = useState(isZero(l.shortfall) ? '' : l.shortfall);
  const [reason, setReason] = useState<WriteOffReason>('deduction');
  const errors = fieldErrors(match.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    match.mutate({
      allocations: cleanRows(rows), unapplied: unapplied.trim() || undefined,
      writeOff: writeOff.trim() ? { amount: writeOff.trim(), reasonCode: reason } : undefined,
    }, { onSuccess: () => onDone(intl.formatMessage({ id: 'cash.done.confirmed' }, { payer: l.payerName ?? '—', amount: formatMoney({ amount: l.amount, currency: l.currency }, intl.locale) })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'cash.split.label' })}>
      <Stack>
        {match.error && (errors.allocations || Object.keys(errors).length === 0) && <ErrorAlert error={match.error} />}
        <Text size="sm"><FormattedMessage id="cash.split.explain" values={{ currency: l.currency }} /></Text>
        <AllocationRows rows={rows} onChange={setRows} errors={errors} />
        <TextInput label={intl.formatMessage({ id: 'cash.split.unapplied' })} inputMode="decimal" placeholder="0.00" value={unapplied} error={errors.unapplied} onChange={(e) => setUnapplied(e.currentTarget.value)} />
        <Group grow align="flex-start">
          <TextInput label={intl.formatMessage({ id: 'cash.split.writeOff' })} inputMode="decimal" placeholder="0.00" value={writeOff}
            error={errors['writeOff.amount']} onChange={(e) => setWriteOff(e.currentTarget.value)} />
          <NativeSelect label={intl.formatMessage({ id: 'cash.split.writeOffReason' })} value={reason} error={errors['writeOff.reasonCode']}
            data={WRITE_OFF_REASONS.map((r) => ({ value: r, label: intl.formatMessage({ id: `cash.reason.${r}` }) }))}
            onChange={(e) => setReason(e.currentTarget.value as WriteOffReason)} />
        </Group>
        <Group justify="flex-end"><Button type="submit" loading={match.isPending}><FormattedMessage id="cash.split.submit" /></Button></Group>
      </Stack>
    </form>
  );
}

function UnappliedCash({ onDone }: { onDone: (message: string) => void }) {
  const intl = useIntl();
  const { data } = useSuspenseQuery(cashQueries.unapplied());
  const [customer, setCustomer] = useState<{ externalId: string; name: string } | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="cash-unapplied-title">
      <Title order={2} size="h3" id="cash-unapplied-title" mb="sm"><FormattedMessage id="cash.unapplied.title" /></Title>
      {data.totals.length === 0 ? <Text><FormattedMessage id="cash.unapplied.empty" /></Text> : (
        <Table striped>
          <Table.Caption><FormattedMessage id="cash.unapplied.caption" /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="cash.unapplied.customer" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="cash.unapplied.amount" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="cash.unapplied.oldest" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="cash.unapplied.actions" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.totals.map((t) => (
              <Table.Tr key={`${t.customerId}-${t.currency}`}>
                <Table.Th scope="row">{t.customer?.name ?? t.customerId}</Table.Th>
                <Table.Td>{formatMoney(t, intl.locale)} <Text span size="xs" c="dimmed"><FormattedMessage id="cash.unapplied.credits" values={{ count: t.credits }} /></Text></Table.Td>
                <Table.Td>{formatDate(t.oldestReceivedOn, intl.locale)}</Table.Td>
                <Table.Td>
                  {t.customer && (
                    <Button size="xs" variant="default" onClick={() => setCustomer(t.customer!)} aria-label={intl.formatMessage({ id: 'cash.unapplied.allocateLabel' }, { customer: t.customer.name })}>
                      <FormattedMessage id="cash.unapplied.allocate" />
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={customer !== null} onClose={() => setCustomer(null)} size="lg" closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'cash.close' }) }}
        title={customer ? intl.formatMessage({ id: 'cash.allocate.title' }, { customer: customer.name }) : ''}>
        {customer && <CustomerCredits externalId={customer.externalId} onDone={(message) => { setCustomer(null); onDone(message); }} />}
      </Modal>
    </Paper>
  );
}

function CustomerCredits({ externalId, onDone }: { externalId: string; onDone: (message: string) => void }) {
  const credits = useQuery(cashQueries.unappliedOf(externalId));
  if (credits.error) return <ErrorAlert error={credits.error} />;
  if (!credits.data) return <Text><FormattedMessage id="cash.loading" /></Text>;
  const open = (credits.data.credits ?? []).filter((c) => !isZero(c.unapplied));
  return <Stack>{open.map((c) => <AllocateCreditForm key={c.id} credit={c} onDone={onDone} />)}</Stack>;
}

function AllocateCreditForm({ credit: c, onDone }: { credit: NonNullable<Unapplied['credits']>[number]; onDone: (message: string) => void }) {
  const intl = useIntl();
  const allocate = useAllocateCredit(c.id);
  const [rows, setRows] = useState<AllocationRow[]>([{ invoiceExternalId: '', amount: c.unapplied }]);
  const errors = fieldErrors(allocate.error);
  const left = formatMoney({ amount: c.unapplied, currency: c.currency }, intl.locale);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    allocate.mutate({ allocations: cleanRows(rows) }, { onSuccess: () => onDone(intl.formatMessage({ id: 'cash.done.allocated' })) });
  };
  return (
    <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'cash.allocate.label' }, { amount: left, date: formatDate(c.receivedOn, intl.locale) })}>
      <Stack gap="xs">
        <Text fw={600}><FormattedMessage id="cash.allocate.credit" values={{ amount: left, date: formatDate(c.receivedOn, intl.locale) }} /></Text>
        {allocate.error && Object.keys(errors).length === 0 && <ErrorAlert error={allocate.error} />}
        <AllocationRows rows={rows} onChange={setRows} errors={errors} />
        <Group justify="flex-end"><Button type="submit" loading={allocate.isPending}><FormattedMessage id="cash.allocate.submit" /></Button></Group>
      </Stack>
    </form>
  );
}
