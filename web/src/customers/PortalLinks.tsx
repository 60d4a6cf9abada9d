import { Alert, Badge, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api, ApiError, unwrap } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../ui/format';
import { TONES } from '../ui/tones';

const linksKey = (externalId: string, entity: string) => ['customers', 'portal-links', externalId, entity] as const;
const linksQuery = (externalId: string, entity: string) => queryOptions({
  queryKey: linksKey(externalId, entity), retry: false,
  queryFn: () => unwrap(api.GET('/api/v1/customers/{externalId}/portal-links', { params: { path: { externalId }, query: { entity } } })),
});

/** The customer's portal links (one per contact, in every customer email): collectors revoke one or issue a new one to send. */
export function PortalLinks({ externalId, entity, contacts }: { externalId: string; entity: string; contacts: { email: string | null; name: string | null }[] }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const links = useQuery(linksQuery(externalId, entity));
  const refresh = () => queryClient.invalidateQueries({ queryKey: linksKey(externalId, entity) });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/customers/{externalId}/portal-links/{id}/revoke', { params: { path: { externalId, id }, query: { entity } } })),
    onSuccess: refresh,
  });
  const [email, setEmail] = useState<string | null>(null);
  const [revokeOthers, setRevokeOthers] = useState(true);
  const issue = useMutation({
    mutationFn: (contactEmail: string) => unwrap(api.POST('/api/v1/customers/{externalId}/portal-links', {
      params: { path: { externalId }, query: { entity } }, body: { contactEmail, revokeOthers },
    })),
    onSuccess: refresh,
  });
  // Roles outside receivables (sales, finance) do not manage links: no section for them.
  if (links.error instanceof ApiError && links.error.status === 403) return null;
  const title = intl.formatMessage({ id: 'customers.portal.title' });
  const reachable = contacts.filter((c) => c.email);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="portal-links-title">
      <Title order={2} size="h3" id="portal-links-title" mb="sm">{title}</Title>
      {links.error && <ErrorAlert error={links.error} />}
      {links.data && (links.data.length === 0 ? <Text><FormattedMessage id="customers.portal.empty" /></Text> : (
        <Table>
          <Table.Caption>{title}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {['contact', 'issuedBy', 'expires', 'lastUsed', 'state'].map((col) => <Table.Th key={col} scope="col"><FormattedMessage id={`customers.portal.${col}`} /></Table.Th>)}
              <Table.Th scope="col"><FormattedMessage id="customers.portal.action" /></Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.map((l) => (
              <Table.Tr key={l.id}>
                <Table.Th scope="row" fw={400}>{l.contact.name ?? l.contact.email ?? '—'}</Table.Th>
                <Table.Td>{l.issuedBy === 'email' ? intl.formatMessage({ id: 'customers.portal.byEmail' }) : l.issuedBy}</Table.Td>
                <Table.Td>{formatDate(l.expiresAt, intl.locale)}</Table.Td>
                <Table.Td>{l.lastUsedAt ? formatDateTime(l.lastUsedAt, intl.locale) : '—'}</Table.Td>
                <Table.Td>
                  <Badge {...(l.active ? TONES.good : { color: 'gray.8' })}>
                    <FormattedMessage id={l.active ? 'customers.portal.active' : l.revokedAt ? 'customers.portal.revoked' : 'customers.portal.expired'} />
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {l.active && (
                    <Button size="xs" variant="outline" color="red.9" loading={revoke.isPending && revoke.variables === l.id} onClick={() => revoke.mutate(l.id)}
                      aria-label={intl.formatMessage({ id: 'customers.portal.revokeOf' }, { contact: l.contact.name ?? l.contact.email ?? '' })}>
                      <FormattedMessage id="customers.portal.revoke" />
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
      {revoke.error && <ErrorAlert error={revoke.error} />}
      {reachable.length > 0 && (
        <Stack mt="md" gap="xs" maw={520}>
          <Group align="flex-end">
            <Select label={intl.formatMessage({ id: 'customers.portal.newFor' })} value={email} onChange={setEmail}
              data={reachable.map((c) => ({ value: c.email!, label: c.name ? `${c.name} <${c.email}>` : c.email! }))} />
            <Button disabled={!email} loading={issue.isPending} onClick={() => email && issue.mutate(email)}>
              <FormattedMessage id="customers.portal.issue" />
            </Button>
          </Group>
          <Checkbox label={intl.formatMessage({ id: 'customers.portal.revokeOthers' })} checked={revokeOthers} onChange={(e) => setRevokeOthers(e.currentTarget.checked)} />
          {issue.data && (
            <Alert color="green" role="status">
              <TextInput readOnly label={intl.formatMessage({ id: 'customers.portal.url' })} value={issue.data.url} onFocus={(e) => e.currentTarget.select()} />
            </Alert>
          )}
          {issue.error && <ErrorAlert error={issue.error} />}
        </Stack>
      )}
    </Paper>
  );
}
