import { Stack, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { FormattedMessage, useIntl } from 'react-intl';
import { sessionQuery } from '../session/queries';
import { visibleNavigation } from './navigation';

export function HomePage() {
  const intl = useIntl();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const roles = session.roles.map((r) => intl.formatMessage({ id: `app.role.${r}` })).join(', ');
  return (
    <Stack>
      <Title order={1}><FormattedMessage id="app.home.title" values={{ name: session.user.name }} /></Title>
      <Text><FormattedMessage id="app.home.roles" values={{ roles }} /></Text>
      {visibleNavigation(session.roles).length === 1 && <Text c="dimmed"><FormattedMessage id="app.home.empty" /></Text>}
    </Stack>
  );
}
