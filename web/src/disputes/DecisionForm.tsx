import { Button, Radio, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useDecideDispute } from './queries';

const CHOICES = ['accept', 'partial', 'reject', 'request_info'] as const;
type Choice = (typeof CHOICES)[number];

/** Accept in full or in part, reject, or ask for information; the workflow refuses what the dispute's state does not allow. */
export function DecisionForm({ dispute, onDecided }: { dispute: Schemas['DisputeResponse']; onDecided: () => void }) {
  const intl = useIntl();
  const [choice, setChoice] = useState<Choice>('accept');
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const decide = useDecideDispute(dispute.id, onDecided);
  const fields = decide.error instanceof ApiError ? decide.error.fieldErrors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Schemas['DisputeDecisionDto'] = choice === 'partial'
      ? { decision: 'accept', amount, comment }
      : { decision: choice, comment };
    decide.mutate(body);
  };

  return (
    <form onSubmit={submit} aria-labelledby="decision-title">
      <Stack maw={520}>
        <Title order={2} size="h3" id="decision-title"><FormattedMessage id="disputes.decide.title" /></Title>
        {decide.error && Object.keys(fields).length === 0 && <ErrorAlert error={decide.error} />}
        <Radio.Group label={intl.formatMessage({ id: 'disputes.decide.choice' })} value={choice} onChange={(v) => setChoice(v as Choice)} required>
          <Stack gap="xs" mt="xs">
            {CHOICES.map((c) => <Radio key={c} value={c} label={intl.formatMessage({ id: `disputes.decide.${c}` })} />)}
          </Stack>
        </Radio.Group>
        {choice === 'partial' && (
          <TextInput
            label={intl.formatMessage({ id: 'disputes.decide.amount' }, { currency: dispute.amount.currency })}
            inputMode="decimal" required value={amount} error={fields.amount} placeholder="0.00"
            onChange={(e) => setAmount(e.currentTarget.value)}
          />
        )}
        <Textarea
          label={intl.formatMessage({ id: 'disputes.decide.comment' })} required autosize minRows={3} maxLength={2000}
          value={comment} error={fields.comment} onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Button type="submit" loading={decide.isPending}><FormattedMessage id="disputes.decide.submit" /></Button>
      </Stack>
    </form>
  );
}
