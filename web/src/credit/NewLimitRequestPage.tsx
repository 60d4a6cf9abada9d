import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { CreditNav } from './CreditNav';
import { useRequestLimit } from './queries';

/** A new credit-limit request: it runs its approval chain (the policy's bands) as a workflow. */
export function NewLimitRequestPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const request = useRequestLimit();
  const [customer, setCustomer] = useState('');
  const [entity, setEntity] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const fields = request.error instanceof ApiError ? request.error.fieldErrors : {};
  const made = request.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate({
      customerExternalId: customer.trim(), amount: amount.trim(), currency: currency.trim().toUpperCase(), reason,
      ...(entity.trim() ? { entity: entity.trim() } : {}), ...(until ? { until } : {}),
    });
  };

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="credit.new.title" /></Title>
      <CreditNav />
      {made && (
        <>
          <Alert color="green" role="status">
            <FormattedMessage id="credit.new.done" values={{
              customer: made.customer.name, amount: formatMoney(made.requested, intl.locale),
              approvers: made.pendingRoles.map((r) => intl.formatMessage({ id: `app.role.${r}` })).join(', ') || '—',
            }} />
          </Alert>
          <AnchorLink to="/customers/$externalId" params={{ externalId: made.customer.externalId }} search={{}}>
            <FormattedMessage id="credit.request.customer" values={{ customer: made.customer.name }} />
          </AnchorLink>
        </>
      )}
      <Paper withBorder p="md">
        <form onSubmit={submit} aria-label={t('credit.new.title')}>
          <Stack>
            {request.error && Object.keys(fields).length === 0 && <ErrorAlert error={request.error} />}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput label={t('credit.new.customer')} description={t('credit.new.customerHelp')} required maxLength={128} value={customer} error={fields.customerExternalId} onChange={(e) => setCustomer(e.currentTarget.value)} />
              <TextInput label={t('credit.new.entity')} description={t('credit.new.entityHelp')} maxLength={64} value={entity} error={fields.entity} onChange={(e) => setEntity(e.currentTarget.value)} />
              <TextInput label={t('credit.new.amount')} inputMode="decimal" placeholder="0.00" required value={amount} error={fields.amount} onChange={(e) => setAmount(e.currentTarget.value)} />
              <TextInput label={t('credit.new.currency')} required maxLength={3} value={currency} error={fields.currency} onChange={(e) => setCurrency(e.currentTarget.value)} />
              <TextInput label={t('credit.new.until')} description={t('credit.new.untilHelp')} type="date" value={until} error={fields.until} onChange={(e) => setUntil(e.currentTarget.value)} />
            </SimpleGrid>
            <Textarea label={t('credit.new.reason')} required autosize minRows={3} maxLength={2000} value={reason} error={fields.reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <Text size="sm" c="dimmed"><FormattedMessage id="credit.new.help" /></Text>
            <Group><Button type="submit" loading={request.isPending}><FormattedMessage id="credit.new.submit" /></Button></Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
