import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { formatReason } from '../ui/reasons';
import { TONES } from '../ui/tones';
import { allows, ROLES } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { WriteOffPanel } from '../ledger/WriteOffPanel';
import { InvoiceNotes } from './InvoiceNotes';
import { invoiceQueries, usePauseInvoice, type Invoice } from './queries';

/** One invoice: amounts, next dunning step, prediction with its explanation, pauses, messages and timeline. */
export function InvoicePage() {
  const intl = useIntl();
  const { invoiceId } = useParams({ from: '/_signedIn/invoices/$invoiceId' });
  const { data: invoice } = useSuspenseQuery(invoiceQueries.detail(invoiceId));
  const { data: session } = useSuspenseQuery(sessionQuery);
  const money = (amount: string) => formatMoney({ amount, currency: invoice.currency }, intl.locale);

  return (
    <Stack gap="lg">
      <AnchorLink to="/customers/$externalId" params={{ externalId: invoice.customer.externalId }} search={{ entity: invoice.entity }}>
        <FormattedMessage id="invoices.back" values={{ customer: invoice.customer.name }} />
      </AnchorLink>
      <Group>
        <Title order={1}><FormattedMessage id="invoices.title" values={{ number: invoice.number }} /></Title>
        <Badge size="lg" variant="light"><FormattedMessage id={`invoices.status.${invoice.status}`} /></Badge>
        {invoice.paused && <Badge size="lg" {...TONES.warn}><FormattedMessage id="invoices.paused" /></Badge>}
      </Group>
      {invoice.document && allows(session.roles, ROLES.invoiceDocument) && <InvoiceDocumentLink invoice={invoice} document={invoice.document} />}
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label={intl.formatMessage({ id: 'invoices.amount' })} value={money(invoice.amount)} />
        <Figure label={intl.formatMessage({ id: 'invoices.openAmount' })} value={money(invoice.openAmount)} />
        <Figure label={intl.formatMessage({ id: 'invoices.issued' })} value={formatDate(invoice.issueDate, intl.locale)} />
        <Figure label={intl.formatMessage({ id: 'invoices.due' })} value={formatDate(invoice.dueDate, intl.locale)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Dunning invoice={invoice} />
        <Prediction invoice={invoice} />
      </SimpleGrid>
      <WriteOffPanel invoice={invoice} />
      <Messages invoiceId={invoice.id} />
      {allows(session.roles, ROLES.notes) && <InvoiceNotes invoiceId={invoice.id} />}
      <Paper withBorder p="md" component="section" aria-labelledby="invoice-timeline-title">
        <Title order={2} size="h3" id="invoice-timeline-title" mb="sm"><FormattedMessage id="invoices.timeline.title" /></Title>
        <Timeline bulletSize={12} lineWidth={2}>
          {invoice.timeline.map((e, index) => (
            <Timeline.Item key={index} title={intl.formatMessage({ id: `invoices.event.${e.type}`, defaultMessage: e.type.replace(/_/g, ' ') })}>
              <Text size="xs" c="dimmed">{formatDateTime(e.at, intl.locale)}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Paper>
    </Stack>
  );
}

/** The PDF the ERP stored for the invoice, downloaded as it was sent. */
function InvoiceDocumentLink({ invoice, document }: { invoice: Invoice; document: NonNullable<Invoice['document']> }) {
  const intl = useIntl();
  return (
    <Text size="sm">
      <Anchor href={`/api/v1/invoices/${invoice.id}/document`} download={`${invoice.number}.pdf`} fw={600}>
        <FormattedMessage id="invoices.document.link" />
      </Anchor>{' '}
      <Text span c="dimmed" size="sm">
        <FormattedMessage id="invoices.document.details" values={{
          size: intl.formatNumber(document.sizeBytes / 1024, { maximumFractionDigits: 1 }),
          date: formatDateTime(document.uploadedAt, intl.locale),
        }} />
      </Text>
    </Text>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={label}>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="lg" fw={700}>{value}</Text>
    </Paper>
  );
}

/** The next step of the scenario, the pauses, and pausing or resuming dunning with a reason. */
function Dunning({ invoice }: { invoice: Invoice }) {
  const intl = useIntl();
  const { pause, resume } = usePauseInvoice(invoice.id);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    pause.mutate({ reason: reason.trim() }, { onSuccess: () => setReason('') });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="dunning-title">
      <Title order={2} size="h3" id="dunning-title" mb="sm"><FormattedMessage id="invoices.dunning.title" /></Title>
      <Stack gap="sm">
        {invoice.nextAction
          ? <Text><FormattedMessage id="invoices.dunning.next" values={{ step: invoice.nextAction.step, date: formatDateTime(invoice.nextAction.at, intl.locale) }} /></Text>
          : <Text c="dimmed"><FormattedMessage id="invoices.dunning.none" /></Text>}
        {invoice.pauses.map((p) => (
          <Alert key={p.id} color="orange" styles={{ title: { color: '#9c3a06' } }} title={intl.formatMessage({ id: `invoices.dunning.pause.${p.scope === 'customer' ? 'customer' : 'invoice'}` })}>
            <FormattedMessage id="invoices.dunning.pausedSince" values={{ reason: p.reason, date: formatDateTime(p.since, intl.locale) }} />
            {p.until && <> <FormattedMessage id="invoices.dunning.until" values={{ date: formatDateTime(p.until, intl.locale) }} /></>}
          </Alert>
        ))}
        {invoice.status === 'open' && (invoice.pauses.some((p) => p.scope !== 'customer') ? (
          <Group><Button variant="light" loading={resume.isPending} onClick={() => resume.mutate()}><FormattedMessage id="invoices.dunning.resume" /></Button></Group>
        ) : (
          <form onSubmit={submit}>
            <Group align="flex-end">
              <TextInput label={intl.formatMessage({ id: 'invoices.dunning.reason' })} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} w={280} error={pause.error instanceof Error ? pause.error.message : undefined} />
              <Button type="submit" variant="light" color="#9c3a06" loading={pause.isPending}><FormattedMessage id="invoices.dunning.pause" /></Button>
            </Group>
          </form>
        ))}
        {resume.error && <ErrorAlert error={resume.error} />}
      </Stack>
    </Paper>
  );
}

function Prediction({ invoice }: { invoice: Invoice }) {
  const intl = useIntl();
  const p = invoice.prediction;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="prediction-title">
      <Title order={2} size="h3" id="prediction-title" mb="sm"><FormattedMessage id="invoices.prediction.title" /></Title>
      {!p ? <Text c="dimmed"><FormattedMessage id="invoices.prediction.none" /></Text> : (
        <Stack gap="xs">
          <Text fw={600}>
            <FormattedMessage id="invoices.prediction.expected" values={{ date: formatDate(p.expectedPaymentDate, intl.locale) }} />{' '}
            {p.predictedLate
              ? <Badge {...TONES.bad}><FormattedMessage id="invoices.prediction.late" values={{ days: p.predictedDaysLate }} /></Badge>
              : <Badge {...TONES.good}><FormattedMessage id="invoices.prediction.onTime" /></Badge>}
          </Text>
          <Text size="sm">
            <FormattedMessage id={p.explanation.source === 'model' ? 'invoices.prediction.model' : 'invoices.prediction.noHistory'} values={{ base: intl.formatNumber(p.explanation.base, { maximumFractionDigits: 1 }) }} />
          </Text>
          {p.explanation.adjustments.length > 0 && (
            <List size="sm" aria-label={intl.formatMessage({ id: 'invoices.prediction.adjustments' })}>
              {p.explanation.adjustments.map((a) => (
                <List.Item key={a.factor}>
                  {formatReason(intl, `invoices.prediction.factor.${a.factor}`, a.params, a.detail)} — <FormattedMessage id="invoices.prediction.days" values={{ days: intl.formatNumber(a.days, { maximumFractionDigits: 1, signDisplay: 'always' }) }} />
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function Messages({ invoiceId }: { invoiceId: string }) {
  const intl = useIntl();
  const messages = useQuery(invoiceQueries.messages(invoiceId));
  const title = intl.formatMessage({ id: 'invoices.messages.title' });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="messages-title">
      <Title order={2} size="h3" id="messages-title" mb="sm">{title}</Title>
      {messages.error ? <ErrorAlert error={messages.error} /> : !messages.data ? <Text><FormattedMessage id="app.loading" /></Text>
        : messages.data.length === 0 ? <Text c="dimmed"><FormattedMessage id="invoices.messages.none" /></Text> : (
          <Table>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['date', 'channel', 'recipient', 'subject', 'status'].map((col) => <Table.Th key={col} scope="col"><FormattedMessage id={`invoices.messages.${col}`} /></Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {messages.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Th scope="row" fw={400}>{formatDateTime(m.sentAt ?? m.createdAt, intl.locale)}</Table.Th>
                  <Table.Td>{intl.formatMessage({ id: `invoices.channel.${m.channel}`, defaultMessage: m.channel })}</Table.Td>
                  <Table.Td>{m.recipient}</Table.Td>
                  <Table.Td>
                    {m.subject ?? m.step ?? '—'}
                    {m.documentUrl && <> · <Anchor href={m.documentUrl} download><FormattedMessage id="invoices.messages.letter" /></Anchor></>}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" {...(m.error ? TONES.bad : {})}>{intl.formatMessage({ id: `invoices.messageStatus.${m.status}`, defaultMessage: m.status })}</Badge>
                    {m.error && <Text size="xs" c="red.8">{m.error}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
    </Paper>
  );
}
