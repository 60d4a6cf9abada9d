import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { allows, ROLES } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { TONES } from '../ui/tones';
import { ledgerQueries, useDecideWriteOff, type WriteOff, type WriteOffListItem } from './queries';

/** Who decides a write-off above the threshold: a finance role held by the person (an admin alone does not; the API refuses it). */
const APPROVERS = ['finance_manager', 'finance_director', 'cfo'];

/** The write-offs waiting for a finance manager, oldest first; approving writes the invoice off, rejecting leaves it open. */
export function WriteOffsPage() {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const { data: pending } = useSuspenseQuery(ledgerQueries.pendingWriteOffs());
  const [decided, setDecided] = useState<WriteOff | null>(null);
  const approver = APPROVERS.some((r) => session.roles.includes(r));
  const readsInvoices = allows(session.roles, ROLES.invoices);

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="ledger.writeOffs.title" /></Title>
      <Text c="dimmed"><FormattedMessage id="ledger.writeOffs.intro" /></Text>
      {decided && (
        <Alert color={decided.status === 'rejected' ? 'gray' : 'green'} role="status">
          <FormattedMessage
            id={`ledger.writeOffs.done.${decided.status === 'applied' ? 'applied' : decided.status === 'rejected' ? 'rejected' : 'lapsed'}`}
            values={{ invoice: decided.invoice.externalId, amount: formatMoney({ amount: decided.appliedAmount ?? decided.amount, currency: decided.currency }, intl.locale) }}
          />
        </Alert>
      )}
      {pending.items.length === 0 ? <Text><FormattedMessage id="ledger.writeOffs.empty" /></Text> : (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {pending.items.map((w) => <PendingWriteOff key={w.id} writeOff={w} approver={approver} linkInvoice={readsInvoices} onDecided={setDecided} />)}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function PendingWriteOff({ writeOff: w, approver, linkInvoice, onDecided }: {
  writeOff: WriteOffListItem; approver: boolean; linkInvoice: boolean; onDecided(w: WriteOff): void;
}) {
  const intl = useIntl();
  const decide = useDecideWriteOff();
  const [comment, setComment] = useState('');
  const fields = decide.error instanceof ApiError ? decide.error.fieldErrors : {};
  const name = intl.formatMessage({ id: 'ledger.writeOffs.card' }, { invoice: w.invoice.number });
  // Through the promise: once decided, the write-off leaves the queue and this card unmounts, which would drop mutate's own callbacks.
  const send = (decision: 'approve' | 'reject') => void decide.mutateAsync({ id: w.id, decision, comment }).then(onDecided, () => undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send('approve');
  };

  return (
    <Paper withBorder p="md" component="section" aria-label={name}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {linkInvoice
              ? <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: w.invoice.id }}>{name}</AnchorLink>
              : name}
          </Title>
          <Text fw={700}>{formatMoney({ amount: w.amount, currency: w.currency }, intl.locale)}</Text>
        </Group>
        <Text size="sm">
          <FormattedMessage
            id="ledger.writeOffs.details"
            values={{ customer: w.customer?.name ?? '—', reason: intl.formatMessage({ id: `ledger.writeOff.reason.${w.reasonCode}` }), by: w.requestedBy.name, date: formatDateTime(w.createdAt, intl.locale) }}
          />
        </Text>
        <Text size="sm" fs="italic">« {w.comment} »</Text>
        {approver && (
          <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'ledger.writeOffs.decide' }, { invoice: w.invoice.number })} noValidate>
            <Stack gap="xs">
              <Textarea
                label={intl.formatMessage({ id: 'ledger.writeOffs.comment' })} required autosize minRows={2} value={comment} error={fields.comment}
                onChange={(e) => setComment(e.currentTarget.value)}
              />
              <Group>
                <Button type="submit" color={TONES.good.color} loading={decide.isPending && decide.variables?.decision === 'approve'}>
                  <FormattedMessage id="ledger.writeOffs.approve" />
                </Button>
                <Button variant="outline" color={TONES.bad.color} loading={decide.isPending && decide.variables?.decision === 'reject'} onClick={() => send('reject')}>
                  <FormattedMessage id="ledger.writeOffs.reject" />
                </Button>
              </Group>
              {decide.error && Object.keys(fields).length === 0 && <ErrorAlert error={decide.error} />}
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
