import { Button, Center, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client';
import { LinkProblem } from './LinkProblem';
import { useSetPassword } from './queries';

/** Where an invitation lands: the person chooses a password and is signed in. */
export function SetPasswordPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { token } = useSearch({ from: '/set-password' });
  const [password, setPassword] = useState('');
  const setIt = useSetPassword();
  const fieldError = setIt.error instanceof ApiError ? setIt.error.fieldErrors.password : undefined;
  const linkError = setIt.error && !fieldError ? setIt.error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token) setIt.mutate({ token, password }, { onSuccess: () => void navigate({ to: '/' }) });
  };
  return (
    <Center mih="100vh" component="main">
      <Paper withBorder shadow="sm" p="xl" w={440} maw="95vw">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2"><FormattedMessage id="session.setPassword.title" /></Title>
            {!token ? <LinkProblem error="missing" /> : linkError ? <LinkProblem error={linkError} /> : (
              <>
                <PasswordInput
                  label={intl.formatMessage({ id: 'session.password' })} description={intl.formatMessage({ id: 'session.setPassword.hint' })}
                  autoComplete="new-password" required minLength={12} value={password} error={fieldError}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
                <Button type="submit" loading={setIt.isPending}><FormattedMessage id="session.setPassword.submit" /></Button>
              </>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
