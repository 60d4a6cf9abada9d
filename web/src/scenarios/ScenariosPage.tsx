import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { AnchorLink } from '../ui/links';
import { scenarioQueries, useCreateScenario } from './queries';
import { ScenariosNav } from './ScenariosNav';
import type { ScenarioDefinition } from './types';

/** A new scenario starts as one reminder on the day after the due date; the editor does the rest. */
const STARTER: ScenarioDefinition = { steps: [{ key: 'reminder_1', trigger: { kind: 'due_date', offsetDays: 1 }, action: 'reminder', channels: ['email'] }] };

/** The dunning scenarios: their state (draft, latest version, unpublished changes) and a new one. */
export function ScenariosPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { data: scenarios } = useSuspenseQuery(scenarioQueries.list());
  const create = useCreateScenario();
  const [name, setName] = useState('');
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const title = intl.formatMessage({ id: 'scenarios.list.title' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, definition: STARTER }, {
      onSuccess: (created) => void navigate({ to: '/scenarios/$scenarioId', params: { scenarioId: created.id } }),
    });
  };

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <ScenariosNav />
      <Text c="dimmed"><FormattedMessage id="scenarios.list.intro" /></Text>
      {scenarios.length === 0 ? <Text><FormattedMessage id="scenarios.list.empty" /></Text> : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Caption>{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {['name', 'entity', 'status', 'version', 'updated'].map((c) => (
                  <Table.Th key={c} scope="col"><FormattedMessage id={`scenarios.col.${c}`} /></Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {scenarios.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row" fw={400}>
                    <AnchorLink to="/scenarios/$scenarioId" params={{ scenarioId: s.id }}>{s.name}</AnchorLink>
                  </Table.Th>
                  <Table.Td>{s.entity}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="light">{intl.formatMessage({ id: `scenarios.status.${s.status}` })}</Badge>
                      {s.hasUnpublishedChanges && s.latestVersion !== null && (
                        <Badge color="#fcc419" c="#000"><FormattedMessage id="scenarios.unpublished" /></Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{s.latestVersion ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(s.updatedAt, intl.locale)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="new-scenario">
        <Title order={2} size="h3" id="new-scenario"><FormattedMessage id="scenarios.new.title" /></Title>
        <form onSubmit={submit}>
          <Group align="flex-end" mt="sm">
            <TextInput
              label={intl.formatMessage({ id: 'scenarios.new.name' })} required maxLength={200} value={name}
              error={fields.name} onChange={(e) => setName(e.currentTarget.value)} w={360}
            />
            <Button type="submit" loading={create.isPending}><FormattedMessage id="scenarios.new.submit" /></Button>
          </Group>
          {create.error && !fields.name && <ErrorAlert error={create.error} />}
        </form>
      </Paper>
    </Stack>
  );
}
