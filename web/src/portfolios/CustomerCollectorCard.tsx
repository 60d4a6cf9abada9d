import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { allows } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { portfolioQueries, useAssignCustomer, useUnassignCustomer } from './queries';

/** Roles that may move a customer to another collector (PUT /customers/{externalId}/collector). */
const ASSIGNERS = ['credit_manager'] as const;

/** Who works this customer and why (an explicit assignment, a rule, the fallback); a credit manager moves it. */
export function CustomerCollectorCard({ externalId, entity }: { externalId: string; entity: string }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { data: session } = useSuspenseQuery(sessionQuery);
  const canAssign = allows(session.roles, ASSIGNERS);
  const holder = useQuery(portfolioQueries.customer(externalId, entity));
  const holders = useQuery({ ...portfolioQueries.holders(), enabled: canAssign });
  const assign = useAssignCustomer(externalId, entity);
  const unassign = useUnassignCustomer(externalId, entity);
  const [choice, setChoice] = useState('');
  const [moved, setMoved] = useState<string | null>(null);
  // Roles outside receivables (sales, finance) do not see portfolios: no section for them.
  if (holder.error instanceof ApiError && holder.error.status === 403) return null;
  const fields = assign.error instanceof ApiError ? assign.error.fieldErrors : {};
  const current = holder.data;
  const report = (r: { collector: { name: string } | null; tasksMoved: number }) =>
    setMoved(t('portfolios.customer.moved', { collector: r.collector?.name ?? t('portfolios.customer.nobody'), tasks: r.tasksMoved }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMoved(null);
    if (choice) assign.mutate(choice, { onSuccess: report });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="customer-collector-title">
      <Title order={2} size="h3" id="customer-collector-title" mb="sm"><FormattedMessage id="portfolios.customer.title" /></Title>
      {holder.error && <ErrorAlert error={holder.error} />}
      {!current ? !holder.error && <Text><FormattedMessage id="app.loading" /></Text> : (
        <Stack gap="sm">
          <Group gap="sm">
            <Text fw={700}>{current.collector ? `${current.collector.name} <${current.collector.email}>` : t('portfolios.customer.nobody')}</Text>
            <Badge variant="light">{t(`portfolios.source.${current.source}`)}</Badge>
          </Group>
          <Text size="sm" c="dimmed">{current.reason}</Text>
          {moved && <Alert color="green" role="status">{moved}</Alert>}
          {(unassign.error ?? (assign.error && Object.keys(fields).length === 0 ? assign.error : null)) && <ErrorAlert error={unassign.error ?? assign.error} />}
          {canAssign && (
            <form onSubmit={submit} aria-label={t('portfolios.customer.form')}>
              <Group align="flex-end">
                <NativeSelect label={t('portfolios.customer.assignTo')} required value={choice} error={fields.collectorUserId} miw={320}
                  onChange={(e) => setChoice(e.currentTarget.value)}
                  data={[{ value: '', label: t('portfolios.rules.chooseCollector'), disabled: true }, ...(holders.data ?? []).map((h) => ({ value: h.id, label: `${h.name} <${h.email}>` }))]} />
                <Button type="submit" loading={assign.isPending}><FormattedMessage id="portfolios.customer.assign" /></Button>
                {current.source === 'explicit' && (
                  <Button variant="default" loading={unassign.isPending} onClick={() => { setMoved(null); unassign.mutate(undefined, { onSuccess: report }); }}>
                    <FormattedMessage id="portfolios.customer.unassign" />
                  </Button>
                )}
              </Group>
            </form>
          )}
        </Stack>
      )}
    </Paper>
  );
}
