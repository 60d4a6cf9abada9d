import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { useOpenPortal } from './api';
import { PortalProblem } from './PortalProblem';

/** Where the emailed portal link lands: opening it opens nothing (mail scanners open links); the customer confirms. */
export function OpenPage() {
  const navigate = useNavigate();
  const { token } = useSearch({ from: '/portal/open' });
  const open = useOpenPortal();
  if (!token) return <PortalProblem error="missing" />;
  if (open.error) return <PortalProblem error={open.error} />;
  return (
    <Center mih="100vh" component="main" p="md">
      <Paper withBorder shadow="sm" p="xl" w={480} maw="100%">
        <Stack>
          <Title order={1} size="h2"><FormattedMessage id="portal.open.title" /></Title>
          <Text><FormattedMessage id="portal.open.explain" /></Text>
          <Button size="md" loading={open.isPending} onClick={() => open.mutate(token, { onSuccess: () => void navigate({ to: '/portal' }) })}>
            <FormattedMessage id="portal.open.confirm" />
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
