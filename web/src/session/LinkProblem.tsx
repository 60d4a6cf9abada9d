import { Alert, Stack } from '@mantine/core';
import { FormattedMessage } from 'react-intl';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { AnchorLink } from '../ui/links';

const BY_CODE: Record<string, string> = {
  LINK_INVALID: 'session.link.invalid', LINK_EXPIRED: 'session.link.expired', LINK_USED: 'session.link.used',
};

/** What is wrong with an emailed link, said plainly, and the way back to sign-in. */
export function LinkProblem({ error }: { error: unknown }) {
  const id = error === 'missing' ? 'session.link.missing' : error instanceof ApiError && error.code ? BY_CODE[error.code] : undefined;
  return (
    <Stack>
      {id ? <Alert color="red" role="alert"><FormattedMessage id={id} /></Alert> : <ErrorAlert error={error} />}
      <AnchorLink to="/sign-in"><FormattedMessage id="session.link.back" /></AnchorLink>
    </Stack>
  );
}
