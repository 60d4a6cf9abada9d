import { Button, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError, unwrap } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { invoiceKeys } from './queries';

const notesKey = (id: string) => [...invoiceKeys.all, 'notes', id] as const;
const notesQuery = (id: string) => queryOptions({
  queryKey: notesKey(id),
  queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}/notes', { params: { path: { id } } })),
});

/** What collectors wrote about this invoice (a note on it also shows on the customer's timeline). */
export function InvoiceNotes({ invoiceId }: { invoiceId: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const notes = useQuery(notesQuery(invoiceId));
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: (text: string) => unwrap(api.POST('/api/v1/invoices/{id}/notes', { params: { path: { id: invoiceId } }, body: { body: text } })),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(body.trim());
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="invoice-notes-title">
      <Title order={2} size="h3" id="invoice-notes-title" mb="sm"><FormattedMessage id="invoices.notes.title" /></Title>
      {notes.error ? <ErrorAlert error={notes.error} /> : !notes.data ? <Text><FormattedMessage id="app.loading" /></Text>
        : notes.data.length === 0 ? <Text c="dimmed"><FormattedMessage id="invoices.notes.empty" /></Text> : (
          <Timeline bulletSize={12} lineWidth={2} mb="md">
            {notes.data.map((n) => (
              <Timeline.Item key={n.id} title={`${n.author.name} · ${formatDateTime(n.createdAt, intl.locale)}`}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      <form onSubmit={submit} aria-label={intl.formatMessage({ id: 'invoices.notes.add' })}>
        <Stack maw={560} gap="xs">
          {add.error && Object.keys(fields).length === 0 && <ErrorAlert error={add.error} />}
          <Textarea label={intl.formatMessage({ id: 'invoices.notes.body' })} required autosize minRows={2} maxLength={10000}
            value={body} error={fields.body} onChange={(e) => setBody(e.currentTarget.value)} />
          <Button type="submit" variant="default" loading={add.isPending} style={{ alignSelf: 'flex-start' }}><FormattedMessage id="invoices.notes.submit" /></Button>
        </Stack>
      </form>
    </Paper>
  );
}
