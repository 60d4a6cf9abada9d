import { Anchor, AppShell, Button, Center, Container, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { FormattedMessage, IntlProvider } from 'react-intl';
import { MESSAGES } from '../app/i18n';
import { portalQueries, useLeavePortal } from './api';
import { PortalProblem } from './PortalProblem';

/** The customer's space: its own session (never the console's), in the contact's language, one column on a phone. */
export function PortalLayout() {
  const session = useQuery(portalQueries.session());
  const language = session.data?.contact.language ?? 'fr';
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <IntlProvider locale={language} messages={MESSAGES[language]} defaultLocale="fr">
      {session.isPending ? <Center mih="50vh"><Loader aria-label="…" /></Center>
        : session.error ? <PortalProblem error={session.error} />
        : <Shell customer={session.data.customer.name} entity={session.data.entity.name} />}
    </IntlProvider>
  );
}

function Shell({ customer, entity }: { customer: string; entity: string }) {
  const leave = useLeavePortal();
  const navigate = useNavigate();
  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <div>
              <Anchor href="/portal" fw={700} underline="never"><FormattedMessage id="portal.header.title" values={{ entity }} /></Anchor>
              <Text size="sm" c="dimmed" truncate>{customer}</Text>
            </div>
            <Button variant="subtle" onClick={() => leave.mutate(undefined, { onSuccess: () => void navigate({ to: '/portal/open', search: {} }) })}>
              <FormattedMessage id="portal.header.leave" />
            </Button>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
