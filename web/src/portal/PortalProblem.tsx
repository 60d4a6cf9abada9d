import { Alert, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { ApiError } from '../api/client';

const BY_CODE: Record<string, string> = {
  PORTAL_LINK_INVALID: 'portal.problem.invalid',
  PORTAL_LINK_EXPIRED: 'portal.problem.expired',
  PORTAL_LINK_REVOKED: 'portal.problem.revoked',
  PORTAL_SESSION_REQUIRED: 'portal.problem.session',
};

/** A clear page for a link or session that opens nothing: what happened and what to do, never a stack of errors. */
export function PortalProblem({ error }: { error: unknown }) {
  const id = error === 'missing' ? 'portal.problem.missing'
    : error instanceof ApiError && error.code && BY_CODE[error.code] ? BY_CODE[error.code]!
    : error instanceof ApiError && error.status === 401 ? 'portal.problem.session' : 'portal.problem.other';
  return (
    <Center mih="100vh" component="main" p="md">
      <Paper withBorder shadow="sm" p="xl" w={480} maw="100%">
        <Stack>
          <Title order={1} size="h2"><FormattedMessage id="portal.problem.title" /></Title>
          <Alert color="red" role="alert"><FormattedMessage id={id} /></Alert>
          <Text><FormattedMessage id="portal.problem.help" /></Text>
        </Stack>
      </Paper>
    </Center>
  );
}
