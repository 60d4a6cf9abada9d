import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ApiTokenDialog } from './ApiTokenDialog';
import { formatDateTime } from '../ui/format';
import { useIssueUserToken, useRevokeUserToken, type User } from './queries';

type Step = 'confirmIssue' | 'confirmRevoke' | null;

/** Whether the user holds a personal API token, and since when (never the token itself). */
export function UserTokenState({ user }: { user: User }) {
  const intl = useIntl();
  if (!user.hasApiToken) return <FormattedMessage id="admin.users.token.none" />;
  if (!user.apiTokenIssuedAt) return <FormattedMessage id="admin.users.token.held" />;
  return <FormattedMessage id="admin.users.token.since" values={{ date: formatDateTime(user.apiTokenIssuedAt, intl.locale) }} />;
}

/**
 * Issues (after a confirmation saying it replaces the current one) or revokes a user's personal API token.
 * The new token is shown once, in a dialog, and forgotten when the dialog closes.
 */
export function UserTokenActions({ user }: { user: User }) {
  const intl = useIntl();
  const issue = useIssueUserToken();
  const revoke = useRevokeUserToken();
  const [step, setStep] = useState<Step>(null);
  const [token, setToken] = useState<string | null>(null);
  const close = () => { setStep(null); issue.reset(); revoke.reset(); };
  const values = { name: user.name };

  return (
    <>
      <Button size="xs" variant="default" disabled={!user.active} onClick={() => setStep('confirmIssue')}>
        {intl.formatMessage({ id: 'admin.users.token.issue' }, values)}
      </Button>
      {user.hasApiToken && (
        <Button size="xs" variant="default" color="red" onClick={() => setStep('confirmRevoke')}>
          {intl.formatMessage({ id: 'admin.users.token.revoke' }, values)}
        </Button>
      )}
      <Modal opened={step === 'confirmIssue'} onClose={close} title={intl.formatMessage({ id: 'admin.users.token.issueTitle' }, values)}
        closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'admin.close' }) }}>
        <Stack>
          <Text>
            {user.hasApiToken
              ? <FormattedMessage id="admin.users.token.replaces" values={values} />
              : <FormattedMessage id="admin.users.token.first" values={values} />}
          </Text>
          {issue.error && <ErrorAlert error={issue.error} />}
          <Group>
            <Button loading={issue.isPending}
              onClick={() => issue.mutate(user.id, { onSuccess: (issued) => { close(); setToken(issued.token); } })}>
              <FormattedMessage id={user.hasApiToken ? 'admin.users.token.confirmReplace' : 'admin.users.token.confirmIssue'} />
            </Button>
            <Button variant="default" onClick={close}><FormattedMessage id="admin.cancel" /></Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={step === 'confirmRevoke'} onClose={close} title={intl.formatMessage({ id: 'admin.users.token.revokeTitle' }, values)}
        closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'admin.close' }) }}>
        <Stack>
          <Text><FormattedMessage id="admin.users.token.revokeHelp" values={values} /></Text>
          {revoke.error && <ErrorAlert error={revoke.error} />}
          <Group>
            <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(user.id, { onSuccess: close })}>
              <FormattedMessage id="admin.users.token.confirmRevoke" />
            </Button>
            <Button variant="default" onClick={close}><FormattedMessage id="admin.cancel" /></Button>
          </Group>
        </Stack>
      </Modal>
      <ApiTokenDialog token={token} name={user.name} holder="person" onClose={() => setToken(null)} />
    </>
  );
}
