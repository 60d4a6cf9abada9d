import { Badge, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatMoney } from '../ui/format';
import { TONES } from '../ui/tones';
import { CreditNav } from './CreditNav';
import { useOrderCheck, type OrderDecision } from './queries';

/** Rules whose value and threshold are amounts in the limit's currency. */
const MONEY_CODES = new Set(['CREDIT_LIMIT', 'CREDIT_LIMIT_WARNING', 'DISPUTES_AMOUNT']);

const DECISION_TONE: Record<OrderDecision, { color: string; c: string }> = { allow: TONES.good, prepayment: TONES.warn, block: TONES.bad };

/** What the ERP's order check would answer for an order now: the decision, the rules that fired, the exposure. Nothing is recorded. */
export function OrderCheckPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const check = useOrderCheck();
  const [customer, setCustomer] = useState('');
  const [entity, setEntity] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState('EUR');
  const fields = check.error instanceof ApiError ? check.error.fieldErrors : {};
  const r = check.data;
  const money = (amount: string | null) => (amount === null || !r ? '—' : formatMoney({ amount, currency: r.currency }, intl.locale));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    check.mutate({ externalId: customer.trim(), entity: entity.trim() || undefined, body: { amount: amount.trim(), currency: currency.trim().toUpperCase() } });
  };

  return (
    <Stack>
      <Title order={1}><FormattedMessage id="credit.check.title" /></Title>
      <CreditNav />
      <Text c="dimmed"><FormattedMessage id="credit.check.intro" /></Text>
      <Paper withBorder p="md">
        <form onSubmit={submit} aria-label={t('credit.check.title')}>
          <Stack>
            {check.error && Object.keys(fields).length === 0 && <ErrorAlert error={check.error} />}
            <SimpleGrid cols={{ base: 1, md: 4 }}>
              <TextInput label={t('credit.new.customer')} required value={customer} onChange={(e) => setCustomer(e.currentTarget.value)} />
              <TextInput label={t('credit.new.entity')} value={entity} onChange={(e) => setEntity(e.currentTarget.value)} />
              <TextInput label={t('credit.check.amount')} inputMode="decimal" placeholder="0.00" required value={amount} error={fields.amount} onChange={(e) => setAmount(e.currentTarget.value)} />
              <TextInput label={t('credit.new.currency')} required maxLength={3} value={currency} error={fields.currency} onChange={(e) => setCurrency(e.currentTarget.value)} />
            </SimpleGrid>
            <Group><Button type="submit" loading={check.isPending}><FormattedMessage id="credit.check.submit" /></Button></Group>
          </Stack>
        </form>
      </Paper>
      {r && (
        <Paper withBorder p="md" component="section" aria-labelledby="check-result">
          <Stack>
            <Group>
              <Title order={2} size="h3" id="check-result"><FormattedMessage id="credit.check.result" /></Title>
              <Badge size="lg" {...DECISION_TONE[r.decision]}>{t(`credit.check.decision.${r.decision}`)}</Badge>
            </Group>
            {r.reasons.length === 0 ? <Text><FormattedMessage id="credit.check.noReason" /></Text> : (
              <List aria-label={t('credit.check.reasons')}>
                {r.reasons.map((reason) => (
                  <List.Item key={reason.code}>
                    {t(`credit.check.reason.${reason.code}`, MONEY_CODES.has(reason.code) ? { value: money(reason.value), threshold: money(reason.threshold) } : { value: reason.value, threshold: reason.threshold })}
                    {' — '}{t(`credit.check.decision.${reason.decision}`)}
                  </List.Item>
                ))}
              </List>
            )}
            <Table maw={520}>
              <Table.Caption>{t('credit.check.exposure')}</Table.Caption>
              <Table.Tbody>
                {([
                  ['riskClass', r.riskClass ?? '—'], ['limit', money(r.limit)], ['receivables', money(r.exposure.receivables)],
                  ['openOrders', money(r.exposure.openOrders)], ['order', money(r.exposure.order)], ['afterOrder', money(r.exposure.afterOrder)],
                  ['headroom', money(r.headroom)],
                ] as const).map(([key, value]) => (
                  <Table.Tr key={key}><Table.Th scope="row">{t(`credit.check.${key}`)}</Table.Th><Table.Td>{value}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
