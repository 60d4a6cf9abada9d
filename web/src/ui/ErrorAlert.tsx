import { Alert } from '@mantine/core';
import { FormattedMessage } from 'react-intl';

/** One way to show a failure: the server's message in the user's language frame. */
export function ErrorAlert({ error }: { error: unknown }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" role="alert">
      <FormattedMessage id="app.error" values={{ message }} />
    </Alert>
  );
}
