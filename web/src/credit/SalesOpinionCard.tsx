import { Button, Group, Paper, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatMoney } from '../ui/format';
import { useSalesOpinion, type CreditLimitRequest } from './queries';

const OPINIONS = ['favourable', 'unfavourable'] as const;
type Opinion = (typeof OPINIONS)[number];

/** A request on one of the salesperson's customers, waiting for their opinion. */
export function SalesOpinionCard({ request: r, onGiven }: { request: CreditLimitRequest; onGiven: () => void }) {
  const intl = useIntl();
  const give = useSalesOpinion(r.id);
  const [opinion, setOpinion] = useState<Opinion>('favourable');
  const [comment, setComment] = useState('');
  const fields = give.error instanceof ApiError ? give.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    give.mutate({ opinion, comment: comment.trim() }, { onSuccess: onGiven });
  };
  const titleId = `opinion-${r.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        <FormattedMessage id="credit.request.title" values={{ customer: r.customer.name, amount: formatMoney(r.requested, intl.locale) }} />
      </Title>
      <Text size="sm" c="dimmed"><FormattedMessage id="credit.request.by" values={{ name: r.requester.name, date: formatDate(r.createdAt, intl.locale) }} /></Text>
      <Text my="sm" style={{ whiteSpace: 'pre-wrap' }}><FormattedMessage id="credit.request.reason" values={{ reason: r.reason }} /></Text>
      <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'credit.opinionForm.label' }, { customer: r.customer.name })}>
        <Stack maw={520}>
          {give.error && Object.keys(fields).length === 0 && <ErrorAlert error={give.error} />}
          <Radio.Group label={intl.formatMessage({ id: 'credit.opinionForm.choice' })} value={opinion} onChange={(v) => setOpinion(v as Opinion)} required error={fields.opinion}>
            <Group gap="md" mt="xs">{OPINIONS.map((o) => <Radio key={o} value={o} label={intl.formatMessage({ id: `credit.opinion.${o}` })} />)}</Group>
          </Radio.Group>
          <Textarea label={intl.formatMessage({ id: 'credit.decide.comment' })} required autosize minRows={2} maxLength={2000}
            value={comment} error={fields.comment} onChange={(e) => setComment(e.currentTarget.value)} />
          <Group><Button type="submit" loading={give.isPending}><FormattedMessage id="credit.opinionForm.submit" /></Button></Group>
        </Stack>
      </form>
    </Paper>
  );
}
