import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ErrorAlert } from '../ui/ErrorAlert';
import { useRotateIntegration, type Integration, type IssuedIntegration } from './queries';

/**
 * Issues a new token for an ERP credential, after a confirmation saying the current one stops working at once
 * (the ERP's calls are refused until it is given the new token). The caller shows the new token once.
 */
export function RotateIntegrationToken({ integration, onIssued }: { integration: Integration; onIssued: (issued: IssuedIntegration) => void }) {
  const intl = useIntl();
  const rotate = useRotateIntegration();
  const [confirming, setConfirming] = useState(false);
  const close = () => { setConfirming(false); rotate.reset(); };
  const values = { name: integration.name };

  return (
    <>
      <Button size="xs" variant="default" disabled={!integration.active} onClick={() => setConfirming(true)}>
        {intl.formatMessage({ id: 'admin.integrations.rotate' }, values)}
      </Button>
      <Modal opened={confirming} onClose={close} title={intl.formatMessage({ id: 'admin.integrations.rotateTitle' }, values)}
        closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'admin.close' }) }}>
        <Stack>
          <Text><FormattedMessage id="admin.integrations.rotateHelp" values={values} /></Text>
          {rotate.error && <ErrorAlert error={rotate.error} />}
          <Group>
            <Button loading={rotate.isPending} onClick={() => rotate.mutate(integration.id, { onSuccess: (issued) => { close(); onIssued(issued); } })}>
              <FormattedMessage id="admin.integrations.confirmRotate" />
            </Button>
            <Button variant="default" onClick={close}><FormattedMessage id="admin.cancel" /></Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
