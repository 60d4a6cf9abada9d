import { Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate } from '../ui/format';
import { AdminNav } from './AdminNav';
import { ApiTokenDialog } from './ApiTokenDialog';
import { adminQueries, useCreateIntegration, useSetIntegrationActive, type IssuedIntegration } from './queries';
import { RotateIntegrationToken } from './RotateIntegrationToken';

/**
 * ERP credentials: a named token with the `erp` role, shown once (in the same dialog as a person's API token) when
 * made or rotated, then forgotten; deactivated without deleting.
 */
export function IntegrationsPage() {
  const intl = useIntl();
  const { data: integrations } = useSuspenseQuery(adminQueries.integrations());
  const create = useCreateIntegration();
  const setActive = useSetIntegrationActive();
  const [name, setName] = useState('');
  const [issued, setIssued] = useState<IssuedIntegration | null>(null);
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const title = intl.formatMessage({ id: 'admin.integrations.title' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name, { onSuccess: (made) => { setIssued(made); setName(''); } });
  };

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <AdminNav />
      <ApiTokenDialog token={issued?.token ?? null} name={issued?.name ?? ''} holder="integration" onClose={() => setIssued(null)} />
      {setActive.error && <ErrorAlert error={setActive.error} />}
      <Table striped>
        <Table.Caption>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>{['name', 'created', 'state', 'actions'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`admin.integrations.col.${c}`} /></Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {integrations.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Th scope="row" fw={400}>{i.name}</Table.Th>
              <Table.Td>{formatDate(i.createdAt, intl.locale)}</Table.Td>
              <Table.Td><Text size="sm" fw={i.active ? 400 : 700}><FormattedMessage id={i.active ? 'admin.users.active' : 'admin.users.inactive'} /></Text></Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <RotateIntegrationToken integration={i} onIssued={setIssued} />
                  <Button size="xs" variant="default" onClick={() => setActive.mutate({ id: i.id, active: !i.active })}>
                    {intl.formatMessage({ id: i.active ? 'admin.integrations.deactivate' : 'admin.integrations.activate' }, { name: i.name })}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md" component="section" aria-labelledby="new-integration">
        <form onSubmit={submit}>
          <Stack>
            <Title order={2} size="h3" id="new-integration"><FormattedMessage id="admin.integrations.new" /></Title>
            {create.error && Object.keys(fields).length === 0 && <ErrorAlert error={create.error} />}
            <Group align="flex-end">
              <TextInput label={intl.formatMessage({ id: 'admin.integrations.name' })} required maxLength={200} w={360} value={name} error={fields.name} onChange={(e) => setName(e.currentTarget.value)} />
              <Button type="submit" loading={create.isPending}><FormattedMessage id="admin.integrations.create" /></Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
