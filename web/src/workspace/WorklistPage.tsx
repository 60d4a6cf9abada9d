import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate, formatDateTime, formatMoney } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { formatReason } from '../ui/reasons';
import { riskTone, TONES } from '../ui/tones';
import { CUSTOMER_ACTIONS, CustomerActionDialog, type CustomerAction } from './CustomerActions';
import { taskTitleText } from './task-title';
import { worklistQueries, type WorklistCustomer, type WorklistTask } from './queries';
import { TakeTaskButton, TaskActionDialog, type TaskAction } from './TaskActions';

/** The collector's day: customers ranked by risk × amount × lateness with the reasons, and the open tasks in working order. */
export function WorklistPage() {
  const intl = useIntl();
  const { data: worklist } = useSuspenseQuery(worklistQueries.mine());
  const [done, setDone] = useState<string | null>(null);

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}><FormattedMessage id="workspace.title" /></Title>
        <Text c="dimmed">
          <FormattedMessage id="workspace.subtitle" values={{
            date: formatDate(worklist.asOf, intl.locale), customers: worklist.customers.length, tasks: worklist.tasks.length, snoozed: worklist.snoozedTasks,
          }} />
        </Text>
      </div>
      {done && <Alert color="green" role="status" withCloseButton closeButtonLabel={intl.formatMessage({ id: 'workspace.close' })} onClose={() => setDone(null)}>{done}</Alert>}
      <Tasks tasks={worklist.tasks} today={worklist.asOf} onDone={setDone} />
      <section aria-labelledby="worklist-customers-title">
        <Title order={2} size="h3" id="worklist-customers-title" mb="sm"><FormattedMessage id="workspace.customers.title" /></Title>
        {worklist.customers.length === 0 ? <Text><FormattedMessage id="workspace.customers.empty" /></Text> : (
          <Stack>
            {worklist.customers.map((c) => <CustomerCard key={c.customer.id} entry={c} today={worklist.asOf} onDone={setDone} />)}
          </Stack>
        )}
      </section>
    </Stack>
  );
}

function CustomerCard({ entry, today, onDone }: { entry: WorklistCustomer; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  const [action, setAction] = useState<CustomerAction | null>(null);
  const c = entry.customer;
  const titleId = `worklist-customer-${c.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={3} size="h4" id={titleId}>
              <FormattedMessage id="workspace.customer.rank" values={{ rank: entry.rank }} />{' '}
              <AnchorLink to="/customers/$externalId" params={{ externalId: c.externalId }} search={{}}>{c.name}</AnchorLink>
            </Title>
            {c.riskClass && <Badge {...riskTone(c.riskClass)}><FormattedMessage id="workspace.customer.riskClass" values={{ riskClass: c.riskClass }} /></Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            <FormattedMessage id="workspace.customer.score" values={{ score: intl.formatNumber(entry.score, { maximumFractionDigits: 2 }) }} />
            {' · '}
            {entry.openAmounts.map((a) => formatMoney(a, intl.locale)).join(' + ')}
          </Text>
        </div>
        <Group gap="xs" role="group" aria-label={intl.formatMessage({ id: 'workspace.customer.actions' }, { customer: c.name })}>
          {CUSTOMER_ACTIONS.map((a) => (
            <Button key={a} size="xs" variant={a === 'call' ? 'filled' : 'default'} onClick={() => setAction(a)}>
              <FormattedMessage id={`workspace.action.${a}`} />
            </Button>
          ))}
        </Group>
      </Group>
      <List size="sm" mt="xs" aria-label={intl.formatMessage({ id: 'workspace.customer.reasons' }, { customer: c.name })}>
        {entry.reasons.map((r) => (
          <List.Item key={r.code}>
            {formatReason(intl, `workspace.reason.code.${r.code}`, r.params, r.detail, { factor: intl.formatNumber(r.factor, { maximumFractionDigits: 2 }) })}
          </List.Item>
        ))}
      </List>
      {entry.invoices.length > 0 && (
        <Table mt="sm" striped>
          <Table.Caption><FormattedMessage id="workspace.invoices.caption" values={{ customer: c.name }} /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="workspace.invoices.number" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="workspace.invoices.open" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="workspace.invoices.due" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="workspace.invoices.expected" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.invoices.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Th scope="row"><AnchorLink to="/invoices/$invoiceId" params={{ invoiceId: i.id }}>{i.number}</AnchorLink></Table.Th>
                <Table.Td>{formatMoney({ amount: i.openAmount, currency: i.currency }, intl.locale)}</Table.Td>
                <Table.Td>{formatDate(i.dueDate, intl.locale)}</Table.Td>
                <Table.Td>
                  {formatDate(i.expectedPaymentDate, intl.locale)}
                  {i.predictedDaysLate > 0 && <> <Badge size="sm" {...TONES.bad}><FormattedMessage id="workspace.invoices.late" values={{ days: i.predictedDaysLate }} /></Badge></>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CustomerActionDialog action={action} customer={entry} today={today} onClose={() => setAction(null)}
        onDone={(message) => { setAction(null); onDone(message); }} />
    </Paper>
  );
}

function Tasks({ tasks, today, onDone }: { tasks: WorklistTask[]; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="worklist-tasks-title">
      <Title order={2} size="h3" id="worklist-tasks-title" mb="sm"><FormattedMessage id="workspace.tasks.title" /></Title>
      {tasks.length === 0 ? <Text><FormattedMessage id="workspace.tasks.empty" /></Text> : (
        <Table striped>
          <Table.Caption><FormattedMessage id="workspace.tasks.caption" /></Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col"><FormattedMessage id="workspace.tasks.task" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="workspace.tasks.customer" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="workspace.tasks.due" /></Table.Th>
              <Table.Th scope="col"><FormattedMessage id="workspace.tasks.actions" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Th scope="row">
                  {taskTitleText(intl, t)} <Text span size="xs" c="dimmed">({intl.formatMessage({ id: `workspace.kind.${t.kind}`, defaultMessage: t.kind })})</Text>
                </Table.Th>
                <Table.Td><AnchorLink to="/customers/$externalId" params={{ externalId: t.customer.externalId }} search={{}}>{t.customer.name}</AnchorLink></Table.Td>
                <Table.Td>
                  {formatDateTime(t.dueAt, intl.locale)}
                  {t.overdue && <> <Badge size="sm" {...TONES.bad}><FormattedMessage id="workspace.tasks.overdue" /></Badge></>}
                </Table.Td>
                <Table.Td><TaskButtons task={t} today={today} onDone={onDone} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function TaskButtons({ task, today, onDone }: { task: WorklistTask; today: string; onDone: (message: string) => void }) {
  const intl = useIntl();
  const [action, setAction] = useState<TaskAction | null>(null);
  return (
    <Group gap="xs">
      <TakeTaskButton task={task} onDone={onDone} />
      {(['snooze', 'complete'] as const).map((a) => (
        <Button key={a} size="xs" variant="default" onClick={() => setAction(a)} aria-label={intl.formatMessage({ id: `workspace.task.${a}.title` }, { task: taskTitleText(intl, task) })}>
          <FormattedMessage id={`workspace.task.${a}`} />
        </Button>
      ))}
      <TaskActionDialog action={action} task={task} today={today} onClose={() => setAction(null)} onDone={(message) => { setAction(null); onDone(message); }} />
    </Group>
  );
}
