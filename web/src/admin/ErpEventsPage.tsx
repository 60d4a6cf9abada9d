import { Alert, Button, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { AdminNav } from './AdminNav';
import { ERP_EVENT_LIMIT, erpEventQueries, RETRYABLE, useRetryErpEvent, WATCHED_STATUSES, type ErpEvent, type ErpEventStatus } from './erp-events';

/**
 * The events Relance owes the ERP and has not delivered: those the ERP refused (they wait for an operator,
 * who fixes the cause then sends them again), those on their way, and those the ERP has to pull.
 */
export function ErpEventsPage() {
  const intl = useIntl();
  const retry = useRetryErpEvent();
  const [notice, setNotice] = useState<string | null>(null);
  const onRetry = (event: ErpEvent) => {
    setNotice(null);
    retry.mutate(event.id, { onSuccess: () => setNotice(intl.formatMessage({ id: 'admin.erpEvents.retried' }, { type: event.type })) });
  };
  return (
    <Stack>
      <Title order={1}><FormattedMessage id="admin.erpEvents.title" /></Title>
      <AdminNav />
      <Text c="dimmed"><FormattedMessage id="admin.erpEvents.intro" /></Text>
      {notice && <Alert color="green" role="status">{notice}</Alert>}
      {retry.error && <ErrorAlert error={retry.error} />}
      {WATCHED_STATUSES.map((status) => (
        <EventTable key={status} status={status} onRetry={onRetry} retrying={retry.isPending ? retry.variables : undefined} />
      ))}
    </Stack>
  );
}

function EventTable({ status, onRetry, retrying }: { status: ErpEventStatus; onRetry: (e: ErpEvent) => void; retrying: string | undefined }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { data: events } = useSuspenseQuery(erpEventQueries.byStatus(status));
  const title = t(`admin.erpEvents.${status}.title`, { count: events.length });
  const canRetry = RETRYABLE.includes(status);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`erp-events-${status}`}>
      <Title order={2} size="h3" id={`erp-events-${status}`} mb="sm">{title}</Title>
      {events.length === 0 ? <Text>{t(`admin.erpEvents.${status}.empty`)}</Text> : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['type', 'created', 'attempts', 'error', 'data', ...(canRetry ? ['actions'] : [])].map((c) => (
                  <Table.Th key={c} scope="col"><FormattedMessage id={`admin.erpEvents.col.${c}`} /></Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={600}>{e.type}</Text>
                    <Text size="xs" c="dimmed">{e.idempotencyKey}</Text>
                  </Table.Th>
                  <Table.Td>{formatDateTime(e.createdAt, intl.locale)}</Table.Td>
                  <Table.Td>
                    {t('admin.erpEvents.attempts', { attempts: e.attempts, retries: e.operatorRetries })}
                  </Table.Td>
                  <Table.Td>
                    {e.lastError ?? '—'}
                    {e.lastResponse && (
                      <Text size="xs" c="dimmed">{t('admin.erpEvents.answer', { status: e.lastResponse.status, body: e.lastResponse.body ?? '' })}</Text>
                    )}
                    {e.failedAt && <Text size="xs" c="dimmed">{t('admin.erpEvents.failedAt', { date: formatDateTime(e.failedAt, intl.locale) })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <details>
                      <summary>{t('admin.erpEvents.showData', { type: e.type })}</summary>
                      <Code block maw={420}>{JSON.stringify(e.data, null, 2)}</Code>
                    </details>
                  </Table.Td>
                  {canRetry && (
                    <Table.Td>
                      <Button size="xs" variant="default" loading={retrying === e.id} onClick={() => onRetry(e)}
                        aria-label={t('admin.erpEvents.retryOf', { type: e.type, key: e.idempotencyKey })}>
                        <FormattedMessage id="admin.erpEvents.retry" />
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {events.length === ERP_EVENT_LIMIT && <Text size="sm" c="dimmed" mt="xs">{t('admin.erpEvents.more', { limit: ERP_EVENT_LIMIT })}</Text>}
    </Paper>
  );
}
