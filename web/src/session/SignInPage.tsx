import { Alert, Button, Center, Divider, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useRequestLink, useSignIn } from './queries';

export function SignInPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { redirect } = useSearch({ from: '/sign-in' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const requestLink = useRequestLink();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate({ to: redirect ?? '/' }) });
  };
  const failure = signIn.error instanceof ApiError && signIn.error.status === 401 ? 'session.signIn.invalid'
    : signIn.error instanceof ApiError && signIn.error.status === 429 ? 'session.signIn.tooMany' : null;

  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="95vw">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2"><FormattedMessage id="session.signIn.title" /></Title>
            {failure && <Alert color="red" role="alert"><FormattedMessage id={failure} /></Alert>}
            {signIn.error && !failure && <ErrorAlert error={signIn.error} />}
            <TextInput
              label={intl.formatMessage({ id: 'session.email' })} type="email" autoComplete="username" required
              value={email} onChange={(e) => setEmail(e.currentTarget.value)}
              error={requestLink.error instanceof ApiError ? requestLink.error.fieldErrors.email : undefined}
            />
            <PasswordInput
              label={intl.formatMessage({ id: 'session.password' })} autoComplete="current-password"
              value={password} onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={signIn.isPending}><FormattedMessage id="session.signIn.submit" /></Button>
            <Divider label={intl.formatMessage({ id: 'session.link.or' })} />
            {requestLink.isSuccess ? (
              <Alert color="blue" role="status"><FormattedMessage id="session.link.sent" /></Alert>
            ) : (
              <Button variant="light" loading={requestLink.isPending} disabled={!email} onClick={() => requestLink.mutate(email)}>
                <FormattedMessage id="session.link.ask" />
              </Button>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
