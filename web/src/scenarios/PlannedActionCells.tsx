import { Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { AnchorLink } from '../ui/links';

/** A dunning action a simulation or the calendar plans (both answer the same fields). */
export interface PlannedAction {
  invoiceId: string; invoiceNumber: string; customerName: string; stepKey: string;
  action: string; channels: string[]; unreachableChannels: string[]; outcome: string;
}

const COLUMNS = ['invoice', 'customer', 'step', 'action', 'channels', 'outcome'] as const;

/** The column headers after the row's own header (its date or time), under `prefix` (e.g. scenarios.calendar.col). */
export function PlannedActionHeaders({ prefix }: { prefix: string }) {
  return COLUMNS.map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`${prefix}.${c}`} /></Table.Th>);
}

/** A planned action's cells after the row header: invoice, customer, step, action, channels (unreachable ones flagged), outcome. */
export function PlannedActionCells({ action: a }: { action: PlannedAction }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const channels = (list: string[]) => list.map((c) => t(`scenarios.channel.${c}`)).join(', ');
  return (
    <>
      <Table.Td><AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: a.invoiceId }}>{a.invoiceNumber}</AnchorLink></Table.Td>
      <Table.Td>{a.customerName}</Table.Td>
      <Table.Td>{a.stepKey}</Table.Td>
      <Table.Td>{t(`scenarios.action.${a.action}`)}</Table.Td>
      <Table.Td>
        {channels(a.channels) || '—'}
        {a.unreachableChannels.length > 0 && (
          <Text size="xs" c="red.8">{t('scenarios.simulation.unreachable', { channels: channels(a.unreachableChannels) })}</Text>
        )}
      </Table.Td>
      <Table.Td>{t(`scenarios.outcome.${a.outcome}`)}</Table.Td>
    </>
  );
}
