import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type EntitySettings = Schemas['EntitySettingsResponse'];

export const entityKeys = { settings: (code: string) => ['entities', code, 'settings'] as const };

export const entityQueries = {
  settings: (code: string) => queryOptions({
    queryKey: entityKeys.settings(code),
    queryFn: () => unwrap(api.GET('/api/v1/entities/{code}/settings', { params: { path: { code } } })),
    retry: false,
  }),
};

export function useSaveEntitySettings(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['EntitySettingsDto']) => unwrap(api.PUT('/api/v1/entities/{code}/settings', { params: { path: { code } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(entityKeys.settings(code), saved),
  });
}
