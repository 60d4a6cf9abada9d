import { Alert, Badge, Button, Group, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { CreditNav } from './CreditNav';
import { SalesOpinionCard } from './SalesOpinionCard';
import { creditQueries, useDecideLimitRequest, type CreditLimitRequest } from './queries';

/** Credit-limit requests waiting for the signed-in person's decision: approve, approve a lower amount (counter-offer), or reject. */
export function LimitRequestsPage() {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const { data: pending } = useSuspenseQuery(creditQueries.pending());
  const [decided, setDecided] = useState<string | null>(null);
  const mine = pending.filter((r) => r.pendingApprovers.some((a) => a.id === session.user.id));
  // A salesperson sees their customers' requests (the API keeps the others from them) and gives an opinion once.
  const awaitingOpinion = session.roles.includes('sales') ? pending.filter((r) => !r.salesOpinion) : [];
  const [opined, setOpined] = useState<string | null>(null);

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="credit.requests.title" /></Title>
      <CreditNav />
      <Text c="dimmed"><FormattedMessage id="credit.requests.count" values={{ count: mine.length }} /></Text>
      {decided && <Alert color="green" role="status"><FormattedMessage id="credit.decide.done" values={{ customer: decided }} /></Alert>}
      {mine.length === 0 ? <Text><FormattedMessage id="credit.requests.empty" /></Text>
        : mine.map((r) => <RequestCard key={r.id} request={r} onDecided={() => setDecided(r.customer.name)} />)}
      {pending.length > mine.length && (
        <Text size="sm" c="dimmed"><FormattedMessage id="credit.requests.others" values={{ count: pending.length - mine.length }} /></Text>
      )}
      <Text size="sm" c="dimmed">{intl.formatMessage({ id: 'credit.requests.note' })}</Text>
      {session.roles.includes('sales') && (
        <>
          <Title order={2}><FormattedMessage id="credit.opinions.title" /></Title>
          {opined && <Alert color="green" role="status"><FormattedMessage id="credit.opinions.done" values={{ customer: opined }} /></Alert>}
          {awaitingOpinion.length === 0 ? <Text><FormattedMessage id="credit.opinions.empty" /></Text>
            : awaitingOpinion.map((r) => <SalesOpinionCard key={r.id} request={r} onGiven={() => setOpined(r.customer.name)} />)}
        </>
      )}
    </Stack>
  );
}

const CHOICES = ['approve', 'counter', 'reject'] as const;
type Choice = (typeof CHOICES)[number];

function RequestCard({ request: r, onDecided }: { request: CreditLimitRequest; onDecided: () => void }) {
  const intl = useIntl();
  const money = (m: Schemas['MoneyResponse'] | null) => (m ? formatMoney(m, intl.locale) : '—');
  const decide = useDecideLimitRequest(r.id);
  const [choice, setChoice] = useState<Choice>('approve');
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const fields = decide.error instanceof ApiError ? decide.error.fieldErrors : {};
  const titleId = `request-${r.id}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['CreditLimitDecisionDto'] = choice === 'counter'
      ? { decision: 'approve', amount, comment }
      : { decision: choice, comment };
    decide.mutate(body, { onSuccess: onDecided });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3" id={titleId}>
            <FormattedMessage id="credit.request.title" values={{ customer: r.customer.name, amount: money(r.requested) }} />
          </Title>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="credit.request.by" values={{ name: r.requester.name, date: formatDate(r.createdAt, intl.locale) }} />
            {r.until && <> · <FormattedMessage id="credit.request.until" values={{ date: formatDate(r.until, intl.locale) }} /></>}
          </Text>
        </div>
        <AnchorLink to="/customers/$externalId" params={{ externalId: r.customer.externalId }} search={{}}>
          <FormattedMessage id="credit.request.customer" values={{ customer: r.customer.name }} />
        </AnchorLink>
      </Group>
      <Stack gap={4} my="sm">
        <Text><FormattedMessage id="credit.request.underDecision" values={{ amount: money(r.amountUnderDecision) }} /></Text>
        <Text><FormattedMessage id="credit.request.current" values={{ amount: money(r.customerLimit) }} /></Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}><FormattedMessage id="credit.request.reason" values={{ reason: r.reason }} /></Text>
        {r.salesOpinion && (
          <Text><FormattedMessage id="credit.request.salesOpinion" values={{ opinion: intl.formatMessage({ id: `credit.opinion.${r.salesOpinion.opinion}` }), comment: r.salesOpinion.comment ?? '' }} /></Text>
        )}
        <Group gap="xs">
          {r.levels.map((l) => (
            <Badge key={l.level} variant={l.state === 'pending' ? 'filled' : 'light'}>
              {intl.formatMessage({ id: 'credit.request.level' }, { level: l.level, role: intl.formatMessage({ id: `app.role.${l.role}` }), state: intl.formatMessage({ id: `credit.state.${l.state}` }) })}
            </Badge>
          ))}
        </Group>
      </Stack>
      <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'credit.decide.label' }, { customer: r.customer.name })}>
        <Stack maw={520}>
          {decide.error && Object.keys(fields).length === 0 && <ErrorAlert error={decide.error} />}
          <Radio.Group label={intl.formatMessage({ id: 'credit.decide.choice' })} value={choice} onChange={(v) => setChoice(v as Choice)} required>
            <Group gap="md" mt="xs">
              {CHOICES.map((c) => <Radio key={c} value={c} label={intl.formatMessage({ id: `credit.decide.${c}` })} />)}
            </Group>
          </Radio.Group>
          {choice === 'counter' && (
            <TextInput
              label={intl.formatMessage({ id: 'credit.decide.amount' }, { currency: r.requested.currency })}
              inputMode="decimal" required value={amount} error={fields.amount} placeholder="0.00"
              onChange={(e) => setAmount(e.currentTarget.value)}
            />
          )}
          <Textarea
            label={intl.formatMessage({ id: 'credit.decide.comment' })} required autosize minRows={2} maxLength={2000}
            value={comment} error={fields.comment} onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group><Button type="submit" loading={decide.isPending}><FormattedMessage id="credit.decide.submit" /></Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
