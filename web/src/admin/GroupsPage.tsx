import { Alert, Button, Group as Row, Paper, Select, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AdminNav } from './AdminNav';
import { adminQueries, usePutGroup } from './queries';

/** Groups (a collector's team, the dispute validators…): name, manager, members; membership is set on each user. */
export function GroupsPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const { data: groups } = useSuspenseQuery(adminQueries.groups());
  const { data: users } = useSuspenseQuery(adminQueries.users());
  const put = usePutGroup();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [manager, setManager] = useState<string | null>(null);
  const fields = put.error instanceof ApiError ? put.error.fieldErrors : {};
  const title = t('admin.groups.title');
  const edit = (c: string) => {
    const g = groups.find((x) => x.code === c);
    setCode(c); setName(g?.name ?? ''); setManager(g?.manager?.id ?? null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    put.mutate({ code, body: { name, managerUserId: manager } });
  };

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <AdminNav />
      <Table striped>
        <Table.Caption>{title}</Table.Caption>
        <Table.Thead>
          <Table.Tr>{['code', 'name', 'manager', 'members', 'actions'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`admin.groups.col.${c}`} /></Table.Th>)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.code}>
              <Table.Th scope="row" fw={400}>{g.code}</Table.Th>
              <Table.Td>{g.name}</Table.Td>
              <Table.Td>{g.manager?.name ?? '—'}</Table.Td>
              <Table.Td>{g.members.map((m) => m.name).join(', ') || '—'}</Table.Td>
              <Table.Td><Button size="xs" variant="default" onClick={() => edit(g.code)}>{intl.formatMessage({ id: 'admin.groups.edit' }, { code: g.code })}</Button></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="md" component="section" aria-labelledby="put-group">
        <form onSubmit={submit}>
          <Stack>
            <Title order={2} size="h3" id="put-group"><FormattedMessage id="admin.groups.put" /></Title>
            {put.isSuccess && <Alert color="green" role="status"><FormattedMessage id="admin.groups.saved" values={{ code: put.data.code }} /></Alert>}
            {put.error && Object.keys(fields).length === 0 && <ErrorAlert error={put.error} />}
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput label={t('admin.groups.code')} description={t('admin.groups.codeHelp')} required maxLength={64} value={code} onChange={(e) => setCode(e.currentTarget.value)} />
              <TextInput label={t('admin.groups.name')} required maxLength={200} value={name} error={fields.name} onChange={(e) => setName(e.currentTarget.value)} />
              <Select
                label={t('admin.groups.manager')} clearable value={manager} onChange={setManager} error={fields.managerUserId}
                data={users.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
              />
            </SimpleGrid>
            <Row><Button type="submit" loading={put.isPending}><FormattedMessage id="admin.save" /></Button></Row>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
