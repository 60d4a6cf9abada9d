import { Alert, Anchor, Badge, Button, Group, List, Paper, Progress, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { useParams, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { allows, ROLES } from '../app/navigation';
import { sessionQuery } from '../session/queries';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime, formatMoney } from '../ui/format';
import { formatReason } from '../ui/reasons';
import { AnchorLink } from '../ui/links';
import { riskTone, TONES } from '../ui/tones';
import { CustomerCollectorCard } from '../portfolios/CustomerCollectorCard';
import { CustomerScenarioCard } from '../scenarios/CustomerScenarioCard';
import { CustomerCredits } from '../ledger/CustomerCredits';
import { localToday } from '../ui/dates';
import { AddContactForm, contactInput, useReplaceContacts } from './ContactsEditor';
import { PortalLinks } from './PortalLinks';
import { ResumeDunning } from './ResumeDunning';
import { RiskActions } from './RiskActions';
import { timelineLine } from './timeline-line';
import { customerQueries, statementUrl, type CustomerAccount, type CustomerRisk } from './queries';

/** The customer 360°: account and open items, risk, disputes, contacts and everything that happened, on one page. */
export function CustomerPage() {
  const intl = useIntl();
  const { externalId } = useParams({ from: '/_signedIn/customers/$externalId' });
  const { entity } = useSearch({ from: '/_signedIn/customers/$externalId' });
  const { data: account } = useSuspenseQuery(customerQueries.account(externalId, entity));
  const { data: session } = useSuspenseQuery(sessionQuery);
  const c = account.customer;

  return (
    <Stack gap="lg">
      <AnchorLink to="/customers" search={{}}><FormattedMessage id="customers.detail.back" /></AnchorLink>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={1}>{c.name}</Title>
            {c.riskClass && <Badge size="lg" {...riskTone(c.riskClass)}><FormattedMessage id="customers.riskClass" values={{ riskClass: c.riskClass }} /></Badge>}
          </Group>
          <Text c="dimmed">
            <FormattedMessage id="customers.detail.subtitle" values={{ externalId: c.externalId, entity: c.entity, segment: c.segment ?? '—', salesperson: c.salespersonEmail ?? '—' }} />
          </Text>
        </div>
        <Stack gap="xs" align="flex-end">
          <Anchor href={statementUrl(c.externalId, c.entity)} download><FormattedMessage id="customers.detail.statement" /></Anchor>
          {allows(session.roles, ROLES.worklist) && <ResumeDunning externalId={c.externalId} entity={c.entity} name={c.name} />}
        </Stack>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Balances account={account} />
        <RiskCard externalId={c.externalId} entity={c.entity} />
      </SimpleGrid>

      <OpenItems account={account} />
      <CustomerCredits credits={account.credits} />
      {account.disputes.length > 0 && <Disputes account={account} />}
      <Contacts account={account} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <CustomerCollectorCard externalId={c.externalId} entity={c.entity} />
        <CustomerScenarioCard externalId={c.externalId} entity={c.entity} />
      </SimpleGrid>
      <PortalLinks externalId={c.externalId} entity={c.entity} contacts={account.contacts} />
      <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
        <Title order={2} size="h3" id="timeline-title" mb="sm"><FormattedMessage id="customers.timeline.title" /></Title>
        {account.timeline.length === 0 ? <Text><FormattedMessage id="customers.timeline.empty" /></Text> : (
          <Timeline bulletSize={12} lineWidth={2}>
            {account.timeline.map((e, index) => (
              <Timeline.Item key={index} title={intl.formatMessage({ id: `customers.source.${e.source}` })}>
                <Text size="sm">{timelineLine(intl, e)}</Text>
                <Text size="xs" c="dimmed">{formatDateTime(e.at, intl.locale)}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        {account.timelineTotal > account.timeline.length && (
          <Text size="sm" c="dimmed"><FormattedMessage id="customers.timeline.more" values={{ count: account.timelineTotal - account.timeline.length }} /></Text>
        )}
      </Paper>
    </Stack>
  );
}

function Balances({ account }: { account: CustomerAccount }) {
  const intl = useIntl();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="balance-title">
      <Title order={2} size="h3" id="balance-title" mb="sm"><FormattedMessage id="customers.balance.title" /></Title>
      <Text size="sm" c="dimmed" mb="xs"><FormattedMessage id="customers.balance.asOf" values={{ date: formatDate(account.asOf, intl.locale) }} /></Text>
      {account.balances.length === 0 ? <Text><FormattedMessage id="customers.balance.none" /></Text> : account.balances.map((b) => (
        <Group key={b.currency} gap="xl">
          <div>
            <Text size="sm" c="dimmed"><FormattedMessage id="customers.balance.open" values={{ count: b.openCount }} /></Text>
            <Text size="xl" fw={700}>{formatMoney({ amount: b.open, currency: b.currency }, intl.locale)}</Text>
          </div>
          <div>
            <Text size="sm" c="dimmed"><FormattedMessage id="customers.balance.overdue" values={{ count: b.overdueCount }} /></Text>
            <Text size="xl" fw={700} c={b.overdueCount > 0 ? 'red.8' : undefined}>{formatMoney({ amount: b.overdue, currency: b.currency }, intl.locale)}</Text>
          </div>
          {Number(b.unapplied) !== 0 && (
            <div>
              <Text size="sm" c="dimmed"><FormattedMessage id="customers.balance.unapplied" /></Text>
              <Text size="xl" fw={700}>{formatMoney({ amount: b.unapplied, currency: b.currency }, intl.locale)}</Text>
              <Text size="sm"><FormattedMessage id="customers.balance.net" values={{ amount: formatMoney({ amount: b.balance, currency: b.currency }, intl.locale) }} /></Text>
            </div>
          )}
        </Group>
      ))}
    </Paper>
  );
}

/** Class A–E with its reasons, and exposure (receivables + open orders) against the credit limit. */
function RiskCard({ externalId, entity }: { externalId: string; entity: string }) {
  const risk = useQuery(customerQueries.risk(externalId, entity));
  const { data: session } = useSuspenseQuery(sessionQuery);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="risk-title">
      <Title order={2} size="h3" id="risk-title" mb="sm"><FormattedMessage id="customers.risk.title" /></Title>
      {risk.error ? <ErrorAlert error={risk.error} /> : !risk.data ? <Text><FormattedMessage id="app.loading" /></Text> : <RiskFigures risk={risk.data} />}
      {risk.data && allows(session.roles, ROLES.creditLimits) && (
        <RiskActions externalId={externalId} entity={entity} currency={risk.data.limit?.currency ?? risk.data.currency} today={localToday()} />
      )}
    </Paper>
  );
}

function RiskFigures({ risk }: { risk: CustomerRisk }) {
  const intl = useIntl();
  const money = (amount: string) => formatMoney({ amount, currency: risk.currency }, intl.locale);
  const shareText = risk.exposure.shareOfLimitPercent;
  // A one-decimal percent string from the API, shown in the reader's number format.
  const share = shareText === null ? null : intl.formatNumber(Number(shareText), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const color = risk.exposure.alertLevel === 'over_limit' ? 'red' : risk.exposure.alertLevel === 'warning' ? 'orange' : 'teal';
  return (
    <Stack gap="sm">
      <Group>
        {risk.riskClass
          ? <Badge size="xl" {...riskTone(risk.riskClass)}><FormattedMessage id="customers.riskClass" values={{ riskClass: risk.riskClass }} /></Badge>
          : <Text><FormattedMessage id="customers.risk.unscored" /></Text>}
        {risk.score?.previousClass && risk.score.previousClass !== risk.score.class && (
          <Text size="sm" c="dimmed"><FormattedMessage id="customers.risk.previous" values={{ riskClass: risk.score.previousClass }} /></Text>
        )}
      </Group>
      {risk.score && risk.score.reasons.length > 0 && (
        <List size="sm" aria-label={intl.formatMessage({ id: 'customers.risk.reasons' })}>
          {risk.score.reasons.map((r) => (
            <List.Item key={r.code}>
              {formatReason(intl, `customers.reason.${r.code}`, r.params, r.message)}
            </List.Item>
          ))}
        </List>
      )}
      {risk.limit ? (
        <div>
          <Text size="sm">
            <FormattedMessage id="customers.risk.exposure" values={{ exposure: money(risk.exposure.total), limit: formatMoney({ amount: risk.limit.amount, currency: risk.limit.currency ?? risk.currency }, intl.locale) }} />
          </Text>
          <Progress
            value={Math.min(100, Number(shareText ?? 0))} color={color} size="lg" mt={4}
            aria-label={intl.formatMessage({ id: 'customers.risk.gauge' }, { percent: share ?? '—' })}
          />
          <Text size="xs" c="dimmed"><FormattedMessage id="customers.risk.share" values={{ percent: share ?? '—', receivables: money(risk.exposure.receivables), orders: money(risk.exposure.openOrders) }} /></Text>
        </div>
      ) : <Text size="sm"><FormattedMessage id="customers.risk.noLimit" values={{ exposure: money(risk.exposure.total) }} /></Text>}
      {risk.externalScore && (
        <Text size="sm">
          <FormattedMessage id="customers.risk.external" values={{ provider: risk.externalScore.provider, score: risk.externalScore.score ?? risk.externalScore.rating ?? '—', date: formatDate(risk.externalScore.asOf, intl.locale) }} />
        </Text>
      )}
      <Text size="sm">
        <FormattedMessage id="customers.risk.disputes" values={{ count: risk.openDisputes.count, amount: money(risk.openDisputes.amount) }} />
      </Text>
    </Stack>
  );
}

function OpenItems({ account }: { account: CustomerAccount }) {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'customers.items.title' });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="items-title">
      <Title order={2} size="h3" id="items-title" mb="sm">{title}</Title>
      {account.openItems.length === 0 ? <Text><FormattedMessage id="customers.items.empty" /></Text> : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['number', 'issued', 'due', 'amount', 'open', 'late'].map((col) => <Table.Th key={col} scope="col"><FormattedMessage id={`customers.items.${col}`} /></Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {account.openItems.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Th scope="row" fw={400}>
                    <Group gap="xs">
                      <AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: i.id }} aria-label={intl.formatMessage({ id: 'customers.items.openInvoice' }, { number: i.number })}>{i.number}</AnchorLink>
                      {i.disputed && <Badge {...TONES.warn} size="sm"><FormattedMessage id="customers.items.disputed" /></Badge>}
                      {i.collectionStage === 'litigation' && <Badge {...TONES.bad} size="sm"><FormattedMessage id="customers.items.litigation" /></Badge>}
                    </Group>
                  </Table.Th>
                  <Table.Td>{formatDate(i.issueDate, intl.locale)}</Table.Td>
                  <Table.Td>{formatDate(i.dueDate, intl.locale)}</Table.Td>
                  <Table.Td>{formatMoney({ amount: i.amount, currency: i.currency }, intl.locale)}</Table.Td>
                  <Table.Td>{formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale)}</Table.Td>
                  <Table.Td>{i.daysOverdue > 0 ? intl.formatMessage({ id: 'customers.items.daysLate' }, { days: i.daysOverdue }) : intl.formatMessage({ id: 'customers.items.notDue' })}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function Disputes({ account }: { account: CustomerAccount }) {
  const intl = useIntl();
  const title = intl.formatMessage({ id: 'customers.disputes.title' });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="customer-disputes-title">
      <Title order={2} size="h3" id="customer-disputes-title" mb="sm">{title}</Title>
      <Table>
        <Table.Caption>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {['reason', 'amount', 'invoices', 'status', 'opened'].map((col) => <Table.Th key={col} scope="col"><FormattedMessage id={`customers.disputes.${col}`} /></Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {account.disputes.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Th scope="row" fw={400}>
                <AnchorLink to="/disputes/$disputeId" params={{ disputeId: d.id }}>
                  {intl.formatMessage({ id: `disputes.reason.${d.reasonCode}`, defaultMessage: d.reasonCode })}
                </AnchorLink>
              </Table.Th>
              <Table.Td>{formatMoney({ amount: d.amount, currency: d.currency }, intl.locale)}</Table.Td>
              <Table.Td>{d.invoices.map((i) => i.number ?? i.id).join(', ')}</Table.Td>
              <Table.Td><Badge variant="light">{intl.formatMessage({ id: `disputes.status.${d.status}`, defaultMessage: d.status })}</Badge></Table.Td>
              <Table.Td>{formatDate(d.openedAt, intl.locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function Contacts({ account }: { account: CustomerAccount }) {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const edits = allows(session.roles, ROLES.contacts);
  const c = account.customer;
  const replace = useReplaceContacts(c.externalId, c.entity);
  const [added, setAdded] = useState(false);
  const title = intl.formatMessage({ id: 'customers.contacts.title' });
  const remove = (index: number) => replace.mutate(account.contacts.filter((_, i) => i !== index).map(contactInput));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="contacts-title">
      <Title order={2} size="h3" id="contacts-title" mb="sm">{title}</Title>
      {added && <Alert color="green" role="status" mb="sm"><FormattedMessage id="customers.contacts.added" /></Alert>}
      {replace.error && <ErrorAlert error={replace.error} />}
      {account.contacts.length === 0 ? <Text><FormattedMessage id="customers.contacts.empty" /></Text> : (
        <Table>
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {['name', 'roles', 'email', 'phone', 'language'].map((col) => <Table.Th key={col} scope="col"><FormattedMessage id={`customers.contacts.${col}`} /></Table.Th>)}
              {edits && <Table.Th scope="col"><FormattedMessage id="customers.contacts.actions" /></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {account.contacts.map((k, index) => (
              <Table.Tr key={index}>
                <Table.Th scope="row" fw={400}>
                  {k.name ?? '—'} {k.primary && <Badge size="xs" variant="light"><FormattedMessage id="customers.contacts.primary" /></Badge>}
                </Table.Th>
                <Table.Td>{k.roles.map((r) => intl.formatMessage({ id: `scenarios.role.${r}`, defaultMessage: r })).join(', ')}</Table.Td>
                <Table.Td>{k.email ? <Anchor href={`mailto:${k.email}`}>{k.email}</Anchor> : '—'}</Table.Td>
                <Table.Td>{k.phone ?? '—'}</Table.Td>
                <Table.Td>{k.language}{k.optOuts.length > 0 && <Text span size="xs" c="dimmed"> · <FormattedMessage id="customers.contacts.optOuts" values={{ channels: k.optOuts.join(', ') }} /></Text>}</Table.Td>
                {edits && (
                  <Table.Td>
                    {/* A customer keeps at least one contact (the API refuses an empty list). */}
                    <Button size="xs" variant="default" disabled={account.contacts.length < 2 || replace.isPending}
                      aria-label={intl.formatMessage({ id: 'customers.contacts.removeLabel' }, { contact: k.name ?? k.email ?? k.phone ?? String(index + 1) })}
                      onClick={() => { setAdded(false); remove(index); }}>
                      <FormattedMessage id="customers.contacts.remove" />
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {edits && <AddContactForm externalId={c.externalId} entity={c.entity} contacts={account.contacts} onAdded={() => setAdded(true)} />}
    </Paper>
  );
}
