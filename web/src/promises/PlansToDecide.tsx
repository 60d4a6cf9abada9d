import { Alert, Button, Group, Paper, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, api, unwrap, type Schemas } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { planQueries, promiseKeys, type PaymentPlan } from './queries';

/** Payment plans above the entity's approval amount, waiting for a credit manager: approve or reject with a comment. */
export function PlansToDecide() {
  const { data } = useSuspenseQuery(planQueries.pending());
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="plans-title">
      <Title order={2} size="h3" id="plans-title" mb="xs"><FormattedMessage id="promises.plans.title" /></Title>
      {done && <Alert color="green" role="status" mb="sm">{done}</Alert>}
      {data.items.length === 0 ? <Text><FormattedMessage id="promises.plans.none" /></Text> : (
        <Stack>{data.items.map((p) => <PlanCard key={p.id} plan={p} onDone={setDone} />)}</Stack>
      )}
    </section>
  );
}

function PlanCard({ plan: p, onDone }: { plan: PaymentPlan; onDone: (message: string) => void }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const money = (amount: string) => formatMoney({ amount, currency: p.currency }, intl.locale);
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: (body: Schemas['PaymentPlanDecisionDto']) => unwrap(api.POST('/api/v1/payment-plans/{id}/decision', { params: { path: { id: p.id } }, body })),
    // Not awaited: the confirmation below must run before the refetch unmounts this card.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: promiseKeys.all }),
  });
  const fields = decide.error instanceof ApiError ? decide.error.fieldErrors : {};
  const customer = p.customer?.name ?? '—';
  const titleId = `plan-${p.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate({ decision, comment: comment.trim() }, {
      onSuccess: () => onDone(intl.formatMessage({ id: `promises.plans.done.${decision}` }, { customer })),
    });
  };
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Title order={3} size="h4" id={titleId}>
        <FormattedMessage id="promises.plans.plan" values={{ customer, total: money(p.total), count: p.instalments.length }} />
      </Title>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="promises.plans.by" values={{ name: p.createdBy, date: formatDateTime(p.createdAt, intl.locale), rate: p.annualInterestRate, fee: money(p.fee) }} />
      </Text>
      <Text size="sm">
        <FormattedMessage id="promises.plans.invoices" />{' '}
        {p.invoices.map((i, k) => <span key={i.id}>{k > 0 && ', '}<AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: i.id }}>{i.externalId}</AnchorLink></span>)}
      </Text>
      {p.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><FormattedMessage id="promises.plans.note" values={{ note: p.note }} /></Text>}
      <Table mt="xs" striped>
        <Table.Caption><FormattedMessage id="promises.plans.schedule" values={{ customer }} /></Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col"><FormattedMessage id="promises.plans.seq" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="promises.plans.due" /></Table.Th>
            <Table.Th scope="col" ta="right"><FormattedMessage id="promises.plans.amount" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.instalments.map((i) => (
            <Table.Tr key={i.seq}>
              <Table.Th scope="row" fw={400}>{i.seq}</Table.Th>
              <Table.Td>{formatDate(i.dueDate, intl.locale)}</Table.Td>
              <Table.Td ta="right">{money(i.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'promises.plans.decide' }, { customer })}>
        <Stack maw={520} mt="sm">
          {decide.error && Object.keys(fields).length === 0 && <ErrorAlert error={decide.error} />}
          <Radio.Group label={intl.formatMessage({ id: 'promises.plans.decision' })} value={decision} onChange={(v) => setDecision(v as 'approve' | 'reject')} required>
            <Group gap="md" mt="xs">
              <Radio value="approve" label={intl.formatMessage({ id: 'promises.plans.approve' })} />
              <Radio value="reject" label={intl.formatMessage({ id: 'promises.plans.reject' })} />
            </Group>
          </Radio.Group>
          <Textarea label={intl.formatMessage({ id: 'promises.plans.comment' })} required autosize minRows={2} maxLength={2000}
            value={comment} error={fields.comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Group><Button type="submit" loading={decide.isPending}><FormattedMessage id="promises.plans.submit" /></Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
