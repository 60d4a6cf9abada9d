import { Alert, Button, Stack, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, type Schemas } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useAnswerDisputeInfo } from './queries';

/** A validator asked for information: the collector answers here, and the dispute goes back to its validator. */
export function InfoAnswerForm({ dispute }: { dispute: Schemas['DisputeResponse'] }) {
  const intl = useIntl();
  const [comment, setComment] = useState('');
  const answer = useAnswerDisputeInfo(dispute.id);
  const fields = answer.error instanceof ApiError ? answer.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer.mutate({ comment: comment.trim() });
  };
  return (
    <form onSubmit={submit} aria-labelledby="info-answer-title">
      <Stack maw={520}>
        <Title order={2} size="h3" id="info-answer-title"><FormattedMessage id="disputes.info.title" /></Title>
        <Alert color="yellow"><FormattedMessage id="disputes.info.asked" /></Alert>
        {answer.error && Object.keys(fields).length === 0 && <ErrorAlert error={answer.error} />}
        <Textarea label={intl.formatMessage({ id: 'disputes.info.comment' })} required autosize minRows={3} maxLength={4000}
          value={comment} error={fields.comment} onChange={(e) => setComment(e.currentTarget.value)} />
        <Button type="submit" loading={answer.isPending}><FormattedMessage id="disputes.info.submit" /></Button>
      </Stack>
    </form>
  );
}
