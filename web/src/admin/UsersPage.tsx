import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AdminNav } from './AdminNav';
import { ApiTokenDialog } from './ApiTokenDialog';
import { UserTokenActions, UserTokenState } from './UserTokenActions';
import { adminQueries, ROLES, useCreateUser, useInviteUser, useUpdateUser, type Role, type User } from './queries';

/** People who use Relance: their roles and groups, invitations (an email to choose a password), deactivation. */
export function UsersPage() {
  const intl = useIntl();
  const { data: users } = useSuspenseQuery(adminQueries.users());
  const invite = useInviteUser();
  const [invited, setInvited] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const title = intl.formatMessage({ id: 'admin.users.title' });
  const roleNames = (roles: string[]) => roles.map((r) => intl.formatMessage({ id: `app.role.${r}` })).join(', ');
  const editedUser = users.find((u) => u.id === editing);

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <AdminNav />
      {invited && <Alert color="green" role="status"><FormattedMessage id="admin.users.invited" values={{ email: invited }} /></Alert>}
      {invite.error && <ErrorAlert error={invite.error} />}
      <Table.ScrollContainer minWidth={1100}>
        <Table striped>
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {['name', 'email', 'roles', 'groups', 'state', 'token', 'actions'].map((c) => <Table.Th key={c} scope="col"><FormattedMessage id={`admin.users.col.${c}`} /></Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Th scope="row" fw={400}>{u.name}</Table.Th>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{roleNames(u.roles)}</Table.Td>
                <Table.Td>{u.groups.join(', ') || '—'}</Table.Td>
                <Table.Td><Text size="sm" fw={u.active ? 400 : 700}><FormattedMessage id={u.active ? 'admin.users.active' : 'admin.users.inactive'} /></Text></Table.Td>
                <Table.Td><UserTokenState user={u} /></Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button size="xs" variant="default" disabled={!u.active} loading={invite.isPending && invite.variables === u.id}
                      onClick={() => invite.mutate(u.id, { onSuccess: () => setInvited(u.email) })}>
                      {intl.formatMessage({ id: 'admin.users.invite' }, { name: u.name })}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setEditing(u.id)}>{intl.formatMessage({ id: 'admin.users.edit' }, { name: u.name })}</Button>
                    <UserTokenActions user={u} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editedUser && <EditUser key={editedUser.id} user={editedUser} onDone={() => setEditing(null)} />}
      <NewUser onInvited={setInvited} />
    </Stack>
  );
}

function RolesField({ value, onChange, error }: { value: Role[]; onChange: (roles: Role[]) => void; error?: string }) {
  const intl = useIntl();
  return (
    <Checkbox.Group label={intl.formatMessage({ id: 'admin.users.roles' })} value={value} onChange={(v) => onChange(v as Role[])} error={error}>
      <Group gap="sm" mt={4}>{ROLES.map((r) => <Checkbox key={r} value={r} label={intl.formatMessage({ id: `app.role.${r}` })} />)}</Group>
    </Checkbox.Group>
  );
}

/** A person's groups: the groups defined in the administration are offered; a new code creates its group. */
function GroupsField({ value, onChange, error }: { value: string[]; onChange: (groups: string[]) => void; error?: string }) {
  const intl = useIntl();
  const { data: groups } = useSuspenseQuery(adminQueries.groups());
  return (
    <TagsInput label={intl.formatMessage({ id: 'admin.users.groups' })} description={intl.formatMessage({ id: 'admin.users.groupsHelp' })}
      value={value} onChange={onChange} error={error} data={groups.map((g) => g.code)} splitChars={[',', ' ']} acceptValueOnBlur />
  );
}

function NewUser({ onInvited }: { onInvited: (email: string) => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const create = useCreateUser();
  const invite = useInviteUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [groups, setGroups] = useState<string[]>([]);
  const [sendInvitation, setSendInvitation] = useState(true);
  // The user just created and their personal API token, shown once in the dialog and forgotten when it closes.
  const [created, setCreated] = useState<{ name: string; token: string | null } | null>(null);
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate({ name, email, roles, groups }, {
      onSuccess: (user) => {
        setCreated({ name: user.name, token: user.token });
        setName(''); setEmail(''); setRoles([]); setGroups([]);
        if (sendInvitation) invite.mutate(user.id, { onSuccess: () => onInvited(user.email) });
      },
    });
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="new-user">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="new-user"><FormattedMessage id="admin.users.new" /></Title>
          {created && (
            <Alert color="green" role="status">
              <FormattedMessage id="admin.users.created" values={{ name: created.name }} />
            </Alert>
          )}
          <ApiTokenDialog token={created?.token ?? null} name={created?.name ?? ''} holder="person" onClose={() => setCreated((c) => c && { ...c, token: null })} />
          {create.error && Object.keys(fields).length === 0 && <ErrorAlert error={create.error} />}
          {invite.error && <ErrorAlert error={invite.error} />}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <TextInput label={t('admin.users.name')} required maxLength={200} value={name} error={fields.name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput label={t('admin.users.email')} type="email" required maxLength={320} value={email} error={fields.email} onChange={(e) => setEmail(e.currentTarget.value)} />
            <GroupsField value={groups} onChange={setGroups} error={fields.groups} />
          </SimpleGrid>
          <RolesField value={roles} onChange={setRoles} error={fields.roles} />
          <Checkbox label={t('admin.users.sendInvitation')} checked={sendInvitation} onChange={(e) => setSendInvitation(e.currentTarget.checked)} />
          <div><Button type="submit" loading={create.isPending || invite.isPending}><FormattedMessage id="admin.users.create" /></Button></div>
        </Stack>
      </form>
    </Paper>
  );
}

function EditUser({ user, onDone }: { user: User; onDone: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const update = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [groups, setGroups] = useState<string[]>(user.groups);
  const [active, setActive] = useState(user.active);
  const fields = update.error instanceof ApiError ? update.error.fieldErrors : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: user.id, body: { name, roles, groups, active } }, { onSuccess: onDone });
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="edit-user">
      <form onSubmit={submit}>
        <Stack>
          <Title order={2} size="h3" id="edit-user">{intl.formatMessage({ id: 'admin.users.editTitle' }, { name: user.name })}</Title>
          {update.error && Object.keys(fields).length === 0 && <ErrorAlert error={update.error} />}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={t('admin.users.name')} required maxLength={200} value={name} error={fields.name} onChange={(e) => setName(e.currentTarget.value)} />
            <GroupsField value={groups} onChange={setGroups} error={fields.groups} />
          </SimpleGrid>
          <RolesField value={roles} onChange={setRoles} error={fields.roles} />
          <Checkbox label={t('admin.users.activeLabel')} description={t('admin.users.activeHelp')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
          <Text size="xs" c="dimmed"><FormattedMessage id="admin.users.email.fixed" values={{ email: user.email }} /></Text>
          <Group>
            <Button type="submit" loading={update.isPending}><FormattedMessage id="admin.save" /></Button>
            <Button variant="default" onClick={onDone}><FormattedMessage id="admin.cancel" /></Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
