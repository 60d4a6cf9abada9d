import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

/** Who holds the token: a person (their personal API token) or an ERP credential. Only the texts differ. */
export type TokenHolder = 'person' | 'integration';

const TEXTS = {
  person: {
    title: { id: 'admin.users.token.shownTitle' },
    once: { id: 'admin.users.token.once' },
    label: { id: 'admin.users.token.label' },
  },
  integration: {
    title: { id: 'admin.integrations.token.shownTitle' },
    once: { id: 'admin.integrations.token.once' },
    label: { id: 'admin.integrations.token.label' },
  },
} as const;

/**
 * An API token just issued (a person's or an ERP credential's): shown this once, with a copy button. The caller
 * forgets the token on close, so it never shows again (Relance keeps only its fingerprint).
 */
export function ApiTokenDialog({ token, name, holder, onClose }: { token: string | null; name: string; holder: TokenHolder; onClose: () => void }) {
  const intl = useIntl();
  const texts = TEXTS[holder];
  const values = { name };
  return (
    <Modal opened={token !== null} onClose={onClose} size="lg" title={intl.formatMessage(texts.title, values)}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'admin.close' }) }}>
      {token && (
        <Stack>
          <Alert color="orange" styles={{ title: { color: '#9c3a06' } }} title={intl.formatMessage({ id: 'admin.token.onceTitle' })}>
            <FormattedMessage {...texts.once} values={values} />
          </Alert>
          <Code block aria-label={intl.formatMessage(texts.label, values)}>{token}</Code>
          <Group>
            {/* The label alone says it is copied: a green "copied" variant fell short of the contrast ratio. */}
            <CopyButton value={token}>
              {({ copied, copy }) => (
                <Button onClick={copy}><FormattedMessage id={copied ? 'admin.token.copied' : 'admin.token.copy'} /></Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}><FormattedMessage id="admin.token.done" /></Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
