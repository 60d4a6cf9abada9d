import { ActionIcon, Button, Group, Stack, TextInput } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

export interface AllocationRow {
  invoiceExternalId: string;
  amount: string;
}

/** Editable invoice / amount rows (a split over several invoices); field errors keyed as the API names them (`allocations[0].amount`). */
export function AllocationRows({ rows, onChange, errors, prefix = 'allocations' }: {
  rows: AllocationRow[]; onChange: (rows: AllocationRow[]) => void; errors: Record<string, string>; prefix?: string;
}) {
  const intl = useIntl();
  const set = (index: number, patch: Partial<AllocationRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <Stack gap="xs">
      {rows.map((r, i) => (
        <Group key={i} align="flex-start" grow={false}>
          <TextInput label={intl.formatMessage({ id: 'cash.split.invoice' }, { n: i + 1 })} required value={r.invoiceExternalId} w={240}
            error={errors[`${prefix}[${i}].invoiceExternalId`]} onChange={(e) => set(i, { invoiceExternalId: e.currentTarget.value })} />
          <TextInput label={intl.formatMessage({ id: 'cash.split.amount' }, { n: i + 1 })} required inputMode="decimal" placeholder="0.00" value={r.amount} w={160}
            error={errors[`${prefix}[${i}].amount`]} onChange={(e) => set(i, { amount: e.currentTarget.value })} />
          {rows.length > 1 && (
            <ActionIcon mt={26} variant="subtle" color="red" aria-label={intl.formatMessage({ id: 'cash.split.remove' }, { n: i + 1 })}
              onClick={() => onChange(rows.filter((_, k) => k !== i))}>×</ActionIcon>
          )}
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="default" onClick={() => onChange([...rows, { invoiceExternalId: '', amount: '' }])}><FormattedMessage id="cash.split.add" /></Button>
      </Group>
    </Stack>
  );
}

export const cleanRows = (rows: AllocationRow[]) => rows.map((r) => ({ invoiceExternalId: r.invoiceExternalId.trim(), amount: r.amount.trim() }));
