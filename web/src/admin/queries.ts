/** Users, groups and ERP credentials (admin), typed by the generated client. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type Role = Schemas['CreateUserDto']['roles'][number];
export const ROLES: readonly Role[] = ['admin', 'credit_manager', 'collector', 'dispute_validator', 'sales', 'finance_manager', 'finance_director', 'cfo', 'cash_manager'];

export type User = Schemas['UserResponse'];
export type Group = Schemas['GroupResponse'];
export type Integration = Schemas['IntegrationResponse'];
/** A credential shown once, right after it was made. */
export type IssuedIntegration = Schemas['IntegrationWithTokenResponse'];

export const adminKeys = {
  users: ['users'] as const,
  groups: ['groups'] as const,
  integrations: ['integrations'] as const,
};

export const adminQueries = {
  users: () => queryOptions({ queryKey: adminKeys.users, queryFn: async () => unwrap(api.GET('/api/v1/users')) }),
  groups: () => queryOptions({ queryKey: adminKeys.groups, queryFn: async () => unwrap(api.GET('/api/v1/groups')) }),
  integrations: () => queryOptions({ queryKey: adminKeys.integrations, queryFn: async () => unwrap(api.GET('/api/v1/integrations')) }),
};

function useInvalidating<A, R>(fn: (args: A) => Promise<R>, keys: readonly (readonly string[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => { await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))); },
  });
}

export const useCreateUser = () => useInvalidating(
  async (body: Schemas['CreateUserDto']) => unwrap(api.POST('/api/v1/users', { body })), [adminKeys.users, adminKeys.groups],
);
export const useUpdateUser = () => useInvalidating(
  async ({ id, body }: { id: string; body: Schemas['UpdateUserDto'] }) =>
    unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
  [adminKeys.users, adminKeys.groups],
);
export const useInviteUser = () => useInvalidating(
  async (id: string) => unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id } } })), [],
);
/** A new personal token for the user (the previous one stops working); shown once by the caller. */
export const useIssueUserToken = () => useInvalidating(
  async (id: string) => unwrap(api.POST('/api/v1/users/{id}/token', { params: { path: { id } } })), [adminKeys.users],
);
export const useRevokeUserToken = () => useInvalidating(
  async (id: string) => unwrap(api.DELETE('/api/v1/users/{id}/token', { params: { path: { id } } })), [adminKeys.users],
);
export const usePutGroup = () => useInvalidating(
  async ({ code, body }: { code: string; body: Schemas['PutGroupDto'] }) =>
    unwrap(api.PUT('/api/v1/groups/{code}', { params: { path: { code } }, body })),
  [adminKeys.groups],
);
export const useCreateIntegration = () => useInvalidating(
  async (name: string) => unwrap(api.POST('/api/v1/integrations', { body: { name } })), [adminKeys.integrations],
);
export const useRotateIntegration = () => useInvalidating(
  async (id: string) => unwrap(api.POST('/api/v1/integrations/{id}/token', { params: { path: { id } } })),
  [adminKeys.integrations],
);
export const useSetIntegrationActive = () => useInvalidating(
  async ({ id, active }: { id: string; active: boolean }) =>
    unwrap(api.PATCH('/api/v1/integrations/{id}', { params: { path: { id } }, body: { active } })),
  [adminKeys.integrations],
);
