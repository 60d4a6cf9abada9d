import { Button, Group, NumberInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { customerKeys } from './queries';

const fieldErrors = (error: unknown) => (error instanceof ApiError ? error.fieldErrors : {});

/**
 * What a credit manager decides on the risk card without a request workflow: the limit itself
 * (PUT …/credit-limit, as the ERP may) and a credit agency's score (POST …/external-score).
 */
export function RiskActions({ externalId, entity, currency, today }: { externalId: string; entity: string; currency: string; today: string }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: customerKeys.all });
  const path = { params: { path: { externalId }, query: { entity } } } as const;
  const limit = useMutation({
    mutationFn: (body: Schemas['MoneyDto']) => unwrap(api.PUT('/api/v1/customers/{externalId}/credit-limit', { ...path, body })),
    onSuccess: refresh,
  });
  const score = useMutation({
    mutationFn: (body: Schemas['ExternalScoreDto']) => unwrap(api.POST('/api/v1/customers/{externalId}/external-score', { ...path, body })),
    onSuccess: refresh,
  });
  const [amount, setAmount] = useState('');
  const [provider, setProvider] = useState('');
  const [value, setValue] = useState<number | string>('');
  const [asOf, setAsOf] = useState(today);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const limitErrors = fieldErrors(limit.error);
  const scoreErrors = fieldErrors(score.error);
  const setLimit = (event: FormEvent) => {
    event.preventDefault();
    limit.mutate({ amount: amount.trim(), currency }, { onSuccess: () => setAmount('') });
  };
  const recordScore = (event: FormEvent) => {
    event.preventDefault();
    score.mutate({ provider: provider.trim(), score: typeof value === 'number' ? value : Number(value), asOf }, { onSuccess: () => { setProvider(''); setValue(''); } });
  };
  return (
    <Stack gap="md" mt="md">
      <form onSubmit={setLimit} aria-labelledby="set-limit-title">
        <Stack gap="xs">
          <Title order={3} size="h5" id="set-limit-title"><FormattedMessage id="customers.riskActions.limitTitle" /></Title>
          {limit.error && Object.keys(limitErrors).length === 0 && <ErrorAlert error={limit.error} />}
          <Group align="flex-end">
            <TextInput label={t('customers.riskActions.limitAmount', { currency })} inputMode="decimal" placeholder="0.00" required
              value={amount} error={limitErrors.amount ?? limitErrors.currency} onChange={(e) => setAmount(e.currentTarget.value)} />
            <Button type="submit" variant="default" loading={limit.isPending}><FormattedMessage id="customers.riskActions.limitSubmit" /></Button>
          </Group>
        </Stack>
      </form>
      <form onSubmit={recordScore} aria-labelledby="external-score-title">
        <Stack gap="xs">
          <Title order={3} size="h5" id="external-score-title"><FormattedMessage id="customers.riskActions.scoreTitle" /></Title>
          {score.error && Object.keys(scoreErrors).length === 0 && <ErrorAlert error={score.error} />}
          <Group align="flex-end">
            <TextInput label={t('customers.riskActions.provider')} required value={provider} error={scoreErrors.provider} onChange={(e) => setProvider(e.currentTarget.value)} />
            <NumberInput label={t('customers.riskActions.score')} min={0} max={100} allowDecimal={false} required w={120}
              value={value} error={scoreErrors.score} onChange={setValue} />
            <TextInput type="date" label={t('customers.riskActions.asOf')} required value={asOf} error={scoreErrors.asOf} onChange={(e) => setAsOf(e.currentTarget.value)} />
            <Button type="submit" variant="default" loading={score.isPending}><FormattedMessage id="customers.riskActions.scoreSubmit" /></Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
