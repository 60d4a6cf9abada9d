import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { allows } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime, formatMoney } from '../ui/format';
import { TONES } from '../ui/tones';
import { WriteOffStatus } from './WriteOffStatus';
import { ledgerQueries, useRequestWriteOff, WRITE_OFF_REASONS, type WriteOff } from './queries';

/** Roles the API lets read write-offs and request one (the routes' `x-roles`). */
export const WRITE_OFF_READERS = ['credit_manager', 'collector', 'finance_manager', 'finance_director', 'cfo'] as const;
const WRITE_OFF_REQUESTERS = ['credit_manager'] as const;

/**
 * On the invoice page: the invoice's write-offs with their outcome, and for a credit manager the
 * write-off form (amount optional: everything still open). Up to the entity's threshold the API
 * writes off at once; above it, the write-off waits for a finance manager (/write-offs).
 */
export function WriteOffPanel({ invoice }: { invoice: Schemas['InvoiceResponse'] }) {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  if (!allows(session.roles, WRITE_OFF_READERS)) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="write-offs-title">
      <Title order={2} size="h3" id="write-offs-title" mb="sm"><FormattedMessage id="ledger.writeOff.title" /></Title>
      <Stack gap="md">
        <InvoiceWriteOffs invoiceId={invoice.id} />
        {allows(session.roles, WRITE_OFF_REQUESTERS) && invoice.status === 'open' && Number(invoice.openAmount) > 0 && (
          <WriteOffForm invoice={invoice} />
        )}
        {invoice.status === 'open' && Number(invoice.openAmount) > 0 ? null : (
          <Text size="sm" c="dimmed">{intl.formatMessage({ id: 'ledger.writeOff.nothingOpen' })}</Text>
        )}
      </Stack>
    </Paper>
  );
}

function InvoiceWriteOffs({ invoiceId }: { invoiceId: string }) {
  const intl = useIntl();
  const list = useQuery(ledgerQueries.invoiceWriteOffs(invoiceId));
  const caption = intl.formatMessage({ id: 'ledger.writeOff.list' });
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <Text><FormattedMessage id="app.loading" /></Text>;
  if (list.data.items.length === 0) return <Text c="dimmed"><FormattedMessage id="ledger.writeOff.none" /></Text>;
  return (
    <Table>
      <Table.Caption>{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {['requested', 'amount', 'applied', 'reason', 'status', 'decision'].map((c) => (
            <Table.Th key={c} scope="col"><FormattedMessage id={`ledger.writeOff.col.${c}`} /></Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.data.items.map((w) => (
          <Table.Tr key={w.id}>
            <Table.Th scope="row" fw={400}>
              {formatDateTime(w.createdAt, intl.locale)}
              <Text size="xs" c="dimmed">{w.requestedBy.name} — {w.comment}</Text>
            </Table.Th>
            <Table.Td>{formatMoney({ amount: w.amount, currency: w.currency }, intl.locale)}</Table.Td>
            <Table.Td>{w.appliedAmount === null ? '—' : formatMoney({ amount: w.appliedAmount, currency: w.currency }, intl.locale)}</Table.Td>
            <Table.Td><FormattedMessage id={`ledger.writeOff.reason.${w.reasonCode}`} /></Table.Td>
            <Table.Td><WriteOffStatus status={w.status} /></Table.Td>
            <Table.Td>
              {w.decision ? <FormattedMessage id="ledger.writeOff.decidedBy" values={{ name: w.decision.by.name ?? '—', comment: w.decision.comment ?? '' }} /> : '—'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function WriteOffForm({ invoice }: { invoice: Schemas['InvoiceResponse'] }) {
  const intl = useIntl();
  const request = useRequestWriteOff(invoice.id);
  const [amount, setAmount] = useState('');
  const [reasonCode, setReasonCode] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [done, setDone] = useState<WriteOff | null>(null);
  const fields = request.error instanceof ApiError ? request.error.fieldErrors : {};
  const title = intl.formatMessage({ id: 'ledger.writeOff.form' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    request.mutate(
      // The reason goes as chosen (even none: the API names the missing field); an empty amount means everything open.
      { ...(amount.trim() && { amount: amount.trim() }), reasonCode: (reasonCode ?? '') as WriteOff['reasonCode'], comment },
      { onSuccess: (w) => { setDone(w); setAmount(''); setComment(''); setReasonCode(null); } },
    );
  };

  return (
    <form onSubmit={submit} aria-label={title} noValidate>
      <Stack gap="xs">
        <Title order={3} size="h4">{title}</Title>
        <Group align="flex-start">
          <TextInput
            label={intl.formatMessage({ id: 'ledger.writeOff.amount' }, { currency: invoice.currency })} w={200} value={amount}
            description={intl.formatMessage({ id: 'ledger.writeOff.amountHelp' }, { open: formatMoney({ amount: invoice.openAmount, currency: invoice.currency }, intl.locale) })}
            error={fields.amount} onChange={(e) => setAmount(e.currentTarget.value)} inputMode="decimal"
          />
          <Select
            label={intl.formatMessage({ id: 'ledger.writeOff.reasonCode' })} w={240} required value={reasonCode} error={fields.reasonCode}
            data={WRITE_OFF_REASONS.map((r) => ({ value: r, label: intl.formatMessage({ id: `ledger.writeOff.reason.${r}` }) }))}
            onChange={setReasonCode}
          />
        </Group>
        <Textarea
          label={intl.formatMessage({ id: 'ledger.writeOff.comment' })} required autosize minRows={2} value={comment} error={fields.comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" variant="light" color={TONES.bad.color} loading={request.isPending}><FormattedMessage id="ledger.writeOff.submit" /></Button>
        </Group>
        {request.error && Object.keys(fields).length === 0 && <ErrorAlert error={request.error} />}
        {done && (
          <Alert color={done.status === 'applied' ? 'green' : 'yellow'} role="status">
            <FormattedMessage
              id={done.status === 'applied' ? 'ledger.writeOff.applied' : done.status === 'pending_approval' ? 'ledger.writeOff.pending' : 'ledger.writeOff.other'}
              values={{ amount: formatMoney({ amount: done.appliedAmount ?? done.amount, currency: done.currency }, intl.locale) }}
            />
          </Alert>
        )}
      </Stack>
    </form>
  );
}
