import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { rememberLanguage, type Language } from '../app/i18n';

export const sessionKeys = { all: ['session'] as const };

/** Who is signed in; a 401 (no session) is an ApiError the auth guard turns into the sign-in page. */
export const sessionQuery = queryOptions({
  queryKey: sessionKeys.all,
  queryFn: () => unwrap(api.GET('/api/v1/session')),
  retry: false,
  staleTime: 5 * 60_000,
});

function useOpensSession() {
  const queryClient = useQueryClient();
  return (session: Schemas['SessionResponse']) => {
    rememberLanguage(session.language);
    queryClient.setQueryData(sessionKeys.all, session);
  };
}

export function useSignIn() {
  const opened = useOpensSession();
  return useMutation({ mutationFn: (body: Schemas['SignInDto']) => unwrap(api.POST('/api/v1/session', { body })), onSuccess: opened });
}

export function useRequestLink() {
  return useMutation({ mutationFn: (email: string) => unwrap(api.POST('/api/v1/session/link', { body: { email } })) });
}

export function useRedeemLink() {
  const opened = useOpensSession();
  return useMutation({ mutationFn: (token: string) => unwrap(api.POST('/api/v1/session/link/redeem', { body: { token } })), onSuccess: opened });
}

export function useSetPassword() {
  const opened = useOpensSession();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) => unwrap(api.POST('/api/v1/session/password', { body })),
    onSuccess: opened,
  });
}

export function useSetLanguage() {
  const opened = useOpensSession();
  return useMutation({
    mutationFn: (language: Language) => unwrap(api.PATCH('/api/v1/session', { body: { language } })),
    onSuccess: opened,
  });
}

/** Ends the session and forgets every cached answer (the next person on this browser sees none of it). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/session')),
    onSettled: () => queryClient.clear(),
  });
}
