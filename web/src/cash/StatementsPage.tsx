import { Alert, Badge, Button, Group, List, Modal, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { TONES } from '../ui/tones';
import { CashNav } from './CashNav';
import {
  cashQueries, LINE_STATUSES, UNDOABLE_STATUSES, useUnmatchLine, type BankLine, type BankLineStatus, type StatementSummary,
} from './queries';

export interface StatementsSearch {
  statement?: string;
  status?: BankLineStatus;
}

/** Mantine's gray 7 under white text (above 4.5:1): lines no one has to act on. */
const QUIET_TONE = { color: '#495057', c: '#fff' } as const;
const STATUS_TONES: Record<BankLineStatus, { color: string; c: string }> = {
  auto_applied: TONES.good, confirmed: TONES.good, suggested: TONES.watch, unmatched: TONES.warn, ignored: QUIET_TONE,
};

/** Whether an unmatch applies: an applied line (its payment is reversed) or a rejected credit (it comes back); never a debit. */
const undoable = (l: BankLine) => UNDOABLE_STATUSES.includes(l.status) && (l.status !== 'ignored' || (l.direction === 'credit' && !l.reversal));

/**
 * Imported bank statements and, for the one opened (`?statement=`), every line whatever its status: what each
 * applied line paid, and an unmatch that puts an applied or rejected line back in the review queue.
 */
export function StatementsPage() {
  const intl = useIntl();
  const { statement, status } = useSearch({ from: '/_signedIn/cash/statements' });
  const [done, setDone] = useState<string | null>(null);
  const { data: statements } = useInfiniteQuery(cashQueries.statements());
  const opened = statements?.pages.flatMap((p) => p.items).find((s) => s.id === statement);
  return (
    <Stack gap="lg">
      <Title order={1}><FormattedMessage id="cash.statements.title" /></Title>
      <CashNav />
      {done && <Alert color="green" role="status" withCloseButton closeButtonLabel={intl.formatMessage({ id: 'cash.close' })} onClose={() => setDone(null)}>{done}</Alert>}
      <StatementList opened={statement} />
      {statement && <StatementLines key={statement} statementId={statement} summary={opened} status={status} onDone={setDone} />}
    </Stack>
  );
}

/** Newest first, a page at a time (the same query as the page's, so one request). */
function StatementList({ opened }: { opened: string | undefined }) {
  const intl = useIntl();
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery(cashQueries.statements());
  if (error) return <ErrorAlert error={error} />;
  const statements = data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="cash-statements-list">
      <Stack>
        <Title order={2} size="h3" id="cash-statements-list"><FormattedMessage id="cash.statements.list" /></Title>
        {!data && <Text><FormattedMessage id="cash.loading" /></Text>}
        {data && statements.length === 0 && <Text><FormattedMessage id="cash.statements.none" /></Text>}
        {statements.length > 0 && (
          <Table striped>
            <Table.Caption><FormattedMessage id="cash.statements.caption" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['importedAt', 'account', 'period', 'lines', 'applied', 'toReview', 'ignored'].map((c) => (
                  <Table.Th key={c} scope="col"><FormattedMessage id={`cash.statements.column.${c}`} /></Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statements.map((s) => (
                <Table.Tr key={s.id} aria-current={s.id === opened ? 'true' : undefined}>
                  <Table.Th scope="row">
                    <AnchorLink to="/cash/statements" search={{ statement: s.id }}
                      aria-label={intl.formatMessage({ id: 'cash.statements.open' }, { account: s.account, date: formatDateTime(s.importedAt, intl.locale) })}>
                      {formatDateTime(s.importedAt, intl.locale)}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{s.account} <Text span size="xs" c="dimmed">{s.format}</Text></Table.Td>
                  <Table.Td>{period(s, intl.locale)}</Table.Td>
                  <Table.Td>{s.lines}</Table.Td>
                  <Table.Td>{s.statuses.auto_applied + s.statuses.confirmed}</Table.Td>
                  <Table.Td>{s.statuses.suggested + s.statuses.unmatched}</Table.Td>
                  <Table.Td>{s.statuses.ignored}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {hasNextPage && (
          <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} w="fit-content">
            <FormattedMessage id="cash.statements.more" />
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function period(s: StatementSummary, locale: string): string {
  if (!s.from || !s.to) return '—';
  return s.from === s.to ? formatDate(s.from, locale) : `${formatDate(s.from, locale)} – ${formatDate(s.to, locale)}`;
}

function StatementLines({ statementId, summary, status, onDone }: {
  statementId: string; summary: StatementSummary | undefined; status: BankLineStatus | undefined; onDone: (message: string) => void;
}) {
  const intl = useIntl();
  const navigate = useNavigate({ from: '/cash/statements' });
  const { data, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useInfiniteQuery(cashQueries.lines(statementId, status));
  const [unmatching, setUnmatching] = useState<BankLine | null>(null);
  const lines = data?.pages.flatMap((p) => p.items) ?? [];
  const title = summary
    ? intl.formatMessage({ id: 'cash.statement.title' }, { account: summary.account, period: period(summary, intl.locale) })
    : intl.formatMessage({ id: 'cash.statement.titleUnknown' });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="cash-statement-lines">
      <Stack>
        <Title order={2} size="h3" id="cash-statement-lines">{title}</Title>
        <NativeSelect label={intl.formatMessage({ id: 'cash.statement.status' })} w={280} value={status ?? ''}
          data={[{ value: '', label: intl.formatMessage({ id: 'cash.statement.allStatuses' }) },
            ...LINE_STATUSES.map((s) => ({ value: s, label: intl.formatMessage({ id: `cash.status.${s}` }) }))]}
          onChange={(e) => void navigate({ search: { statement: statementId, status: (e.currentTarget.value || undefined) as BankLineStatus | undefined } })} />
        {error && <ErrorAlert error={error} />}
        {!data && !error && <Text><FormattedMessage id="cash.loading" /></Text>}
        {data && lines.length === 0 && <Text><FormattedMessage id="cash.statement.none" /></Text>}
        {lines.length > 0 && (
          <Table striped>
            <Table.Caption><FormattedMessage id="cash.statement.caption" /></Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['date', 'counterparty', 'amount', 'status', 'appliedTo', 'actions'].map((c) => (
                  <Table.Th key={c} scope="col"><FormattedMessage id={`cash.statement.column.${c}`} /></Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{lines.map((l) => <LineRow key={l.id} line={l} onUnmatch={() => setUnmatching(l)} />)}</Table.Tbody>
          </Table>
        )}
        {hasNextPage && (
          <Button variant="default" onClick={() => void fetchNextPage()} loading={isFetchingNextPage} w="fit-content">
            <FormattedMessage id="cash.statement.more" />
          </Button>
        )}
      </Stack>
      <Modal opened={unmatching !== null} onClose={() => setUnmatching(null)} closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'cash.close' }) }}
        title={intl.formatMessage({ id: 'cash.unmatch.title' })}>
        {unmatching && <UnmatchConfirmation line={unmatching} onCancel={() => setUnmatching(null)} onDone={(message) => { setUnmatching(null); onDone(message); }} />}
      </Modal>
    </Paper>
  );
}

function LineRow({ line: l, onUnmatch }: { line: BankLine; onUnmatch: () => void }) {
  const intl = useIntl();
  const money = (amount: string) => formatMoney({ amount, currency: l.currency }, intl.locale);
  const payer = l.payerName ?? intl.formatMessage({ id: 'cash.line.unknownPayer' });
  const applied = l.status === 'auto_applied' || l.status === 'confirmed';
  return (
    <Table.Tr>
      <Table.Td>{formatDate(l.bookingDate, intl.locale)}</Table.Td>
      <Table.Th scope="row">
        {payer}
        {l.remittanceText && <Text size="xs" c="dimmed">{l.remittanceText}</Text>}
      </Table.Th>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{money(l.amount)}</Table.Td>
      <Table.Td><Badge {...STATUS_TONES[l.status]}>
        <FormattedMessage id={l.status === 'ignored' && (l.direction === 'debit' || l.reversal) ? 'cash.statement.debit' : `cash.status.${l.status}`} />
      </Badge></Table.Td>
      <Table.Td>
        {applied && l.allocations.length > 0 ? (
          <>
            {l.customer && <Text size="sm" fw={500}>{l.customer.name}</Text>}
            <List size="sm" aria-label={intl.formatMessage({ id: 'cash.statement.appliedLabel' }, { payer, amount: money(l.amount) })}>
              {l.allocations.map((a) => (
                <List.Item key={a.invoiceExternalId}><FormattedMessage id="cash.line.allocation" values={{ number: a.invoiceNumber, amount: money(a.amount) }} /></List.Item>
              ))}
            </List>
            {!/^0+(\.0+)?$/.test(l.unapplied) && <Text size="xs"><FormattedMessage id="cash.line.unapplied" values={{ amount: money(l.unapplied) }} /></Text>}
          </>
        ) : '—'}
      </Table.Td>
      <Table.Td>
        {undoable(l) && (
          <Button size="xs" variant="default" color="red" onClick={onUnmatch}
            aria-label={intl.formatMessage({ id: 'cash.unmatch.label' }, { payer, amount: money(l.amount) })}>
            <FormattedMessage id="cash.unmatch.action" />
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Says what the unmatch will do before doing it: an applied line's invoices reopen (and their reminders resume). */
function UnmatchConfirmation({ line: l, onCancel, onDone }: { line: BankLine; onCancel: () => void; onDone: (message: string) => void }) {
  const intl = useIntl();
  const unmatch = useUnmatchLine(l.id);
  const payer = l.payerName ?? intl.formatMessage({ id: 'cash.line.unknownPayer' });
  const amount = formatMoney({ amount: l.amount, currency: l.currency }, intl.locale);
  const invoices = l.allocations.map((a) => a.invoiceNumber).join(', ');
  return (
    <Stack>
      <Text>
        {l.status === 'ignored'
          ? <FormattedMessage id="cash.unmatch.explainRejected" values={{ payer, amount }} />
          : <FormattedMessage id="cash.unmatch.explainApplied" values={{ payer, amount, invoices: invoices || '—' }} />}
      </Text>
      {unmatch.error && <ErrorAlert error={unmatch.error} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}><FormattedMessage id="cash.unmatch.cancel" /></Button>
        <Button color="red" loading={unmatch.isPending}
          onClick={() => unmatch.mutate(undefined, { onSuccess: () => onDone(intl.formatMessage({ id: 'cash.done.unmatched' }, { payer, amount })) })}>
          <FormattedMessage id="cash.unmatch.confirm" />
        </Button>
      </Group>
    </Stack>
  );
}
