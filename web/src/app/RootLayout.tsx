import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { Suspense, useEffect } from 'react';
import { IntlProvider } from 'react-intl';
import { sessionQuery } from '../session/queries';
import { guestLanguage, MESSAGES } from './i18n';

/** The person's language once signed in (their setting), the browser's before. */
export function RootLayout() {
  // The customer portal has its own session and language (portal/PortalLayout.tsx): no console session is asked for there.
  const portal = useRouterState({ select: (s) => s.location.pathname.startsWith('/portal') });
  const { data: session } = useQuery({ ...sessionQuery, enabled: !portal });
  const language = session?.language ?? guestLanguage();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <IntlProvider locale={language} messages={MESSAGES[language]} defaultLocale="fr">
      <Suspense fallback={<Center mih="50vh"><Loader aria-label="…" /></Center>}>
        <Outlet />
      </Suspense>
    </IntlProvider>
  );
}
