import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { LinkProblem } from './LinkProblem';
import { useRedeemLink } from './queries';

/** Where an emailed sign-in link lands: opening it signs nobody in (mail scanners open links); the person confirms. */
export function MagicLinkPage() {
  const navigate = useNavigate();
  const { token } = useSearch({ from: '/sign-in/link' });
  const redeem = useRedeemLink();
  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={440} maw="95vw">
        <Stack>
          <Title order={1} size="h2"><FormattedMessage id="session.link.title" /></Title>
          {!token ? <LinkProblem error="missing" /> : redeem.error ? <LinkProblem error={redeem.error} /> : (
            <>
              <Text><FormattedMessage id="session.link.explain" /></Text>
              <Button loading={redeem.isPending} onClick={() => redeem.mutate(token, { onSuccess: () => void navigate({ to: '/' }) })}>
                <FormattedMessage id="session.link.confirm" />
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
