import { AppShell, Button, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useSuspenseQuery } from '@tanstack/react-query';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { FormattedMessage, useIntl } from 'react-intl';
import { NavLinkLink } from '../ui/links';
import { sessionQuery, useSetLanguage, useSignOut } from '../session/queries';
import type { Language } from './i18n';
import { visibleNavigation } from './navigation';

/** The signed-in frame: header (language, who, sign-out) and the navigation the person's roles allow. */
export function AppLayout() {
  const intl = useIntl();
  const navigate = useNavigate();
  const { data: session } = useSuspenseQuery(sessionQuery);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const setLanguage = useSetLanguage();
  const signOut = useSignOut();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 240, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={2} size="h4"><FormattedMessage id="app.name" /></Title>
          <Group>
            <SegmentedControl
              aria-label={intl.formatMessage({ id: 'app.language' })} size="xs" value={session.language}
              data={[{ value: 'fr', label: 'FR' }, { value: 'en', label: 'EN' }]}
              onChange={(value) => setLanguage.mutate(value as Language)}
            />
            <Text size="sm">{session.user.name}</Text>
            <Button variant="subtle" size="xs" onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate({ to: '/sign-in' }) })}>
              <FormattedMessage id="app.signOut" />
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={intl.formatMessage({ id: 'app.nav.label' })}>
        {visibleNavigation(session.roles).map((item) => (
          <NavLinkLink
            key={item.to} to={item.to} label={intl.formatMessage({ id: item.label })}
            active={item.to === '/' ? pathname === '/' : pathname.startsWith(item.to)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
