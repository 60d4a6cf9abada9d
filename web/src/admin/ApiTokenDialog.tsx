import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

/**
 * A person's personal API token, just issued: shown this once, with a copy button. The caller forgets the token on
 * close, so it never shows again (Relance keeps only its fingerprint).
 */
export function ApiTokenDialog({ token, name, onClose }: { token: string | null; name: string; onClose: () => void }) {
  const intl = useIntl();
  const values = { name };
  return (
    <Modal opened={token !== null} onClose={onClose} size="lg" title={intl.formatMessage({ id: 'admin.users.token.shownTitle' }, values)}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'admin.close' }) }}>
      {token && (
        <Stack>
          <Alert color="orange" styles={{ title: { color: '#9c3a06' } }} title={intl.formatMessage({ id: 'admin.users.token.onceTitle' })}>
            <FormattedMessage id="admin.users.token.once" values={values} />
          </Alert>
          <Code block aria-label={intl.formatMessage({ id: 'admin.users.token.label' }, values)}>{token}</Code>
          <Group>
            <CopyButton value={token}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} color={copied ? 'green' : undefined} onClick={copy}>
                  <FormattedMessage id={copied ? 'admin.users.token.copied' : 'admin.users.token.copy'} />
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}><FormattedMessage id="admin.users.token.done" /></Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
