import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import type { InFlightPolicy, InvoiceChoice, ScenarioDefinition } from './types';

export const scenarioKeys = {
  all: ['scenarios'] as const,
  list: () => [...scenarioKeys.all, 'list'] as const,
  detail: (id: string) => [...scenarioKeys.all, 'detail', id] as const,
  preview: (id: string, revision: number, body: Schemas['PreviewStepDto']) => [...scenarioKeys.detail(id), 'preview', revision, body] as const,
  effectiveness: (id: string) => [...scenarioKeys.detail(id), 'effectiveness'] as const,
  experiment: (id: string) => [...scenarioKeys.detail(id), 'experiment'] as const,
  invoices: (entity: string) => [...scenarioKeys.all, 'invoices', entity] as const,
};

/** The most open invoices offered for a preview (the newest first). */
const PREVIEW_INVOICES = 50;

export const scenarioQueries = {
  list: () => queryOptions({
    queryKey: scenarioKeys.list(),
    queryFn: async () => unwrap(api.GET('/api/v1/scenarios')),
  }),
  detail: (id: string) => queryOptions({
    queryKey: scenarioKeys.detail(id),
    queryFn: async () => unwrap(api.GET('/api/v1/scenarios/{id}', { params: { path: { id } } })),
  }),
  /** A step rendered on a real invoice; keyed by the draft revision, so a save refreshes it. */
  preview: (id: string, revision: number, body: Schemas['PreviewStepDto']) => queryOptions({
    queryKey: scenarioKeys.preview(id, revision, body),
    queryFn: async () => unwrap(api.POST('/api/v1/scenarios/{id}/preview', { params: { path: { id } }, body })),
    retry: false,
  }),
  effectiveness: (id: string) => queryOptions({
    queryKey: scenarioKeys.effectiveness(id),
    queryFn: async () => unwrap(api.GET('/api/v1/scenarios/{id}/effectiveness', { params: { path: { id } } })),
  }),
  /** The running (else the latest) experiment; null when there never was one. */
  experiment: (id: string) => queryOptions({
    queryKey: scenarioKeys.experiment(id),
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/v1/scenarios/{id}/experiment', { params: { path: { id } } }));
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  }),
  /** Open invoices of the scenario's entity to preview a step on. */
  invoices: (entity: string) => queryOptions({
    queryKey: scenarioKeys.invoices(entity),
    queryFn: async (): Promise<InvoiceChoice[]> => {
      const page = await unwrap(api.GET('/api/v1/invoices', { params: { query: { entity, status: 'open', sort: '-createdAt', limit: PREVIEW_INVOICES } } }));
      // The route answers CSV too, but only when asked for it (Accept: text/csv).
      if (typeof page === 'string') throw new Error('the invoice list answered CSV to a JSON request');
      return page.items;
    },
  }),
};

export function useCreateScenario() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['CreateScenarioDto']) => unwrap(api.POST('/api/v1/scenarios', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scenarioKeys.list() }),
  });
}

export function useSaveDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; definition: ScenarioDefinition; draftRevision: number }) =>
      unwrap(api.PUT('/api/v1/scenarios/{id}', { params: { path: { id } }, body })),
    onSuccess: async (saved) => {
      queryClient.setQueryData(scenarioKeys.detail(id), saved);
      await queryClient.invalidateQueries({ queryKey: scenarioKeys.list() });
    },
  });
}

export function useSimulate(id: string) {
  return useMutation({
    mutationFn: async (body: Schemas['SimulateScenarioDto']) => unwrap(api.POST('/api/v1/scenarios/{id}/simulate', { params: { path: { id } }, body })),
  });
}

export function usePublish(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (inFlightPolicy: InFlightPolicy) =>
      unwrap(api.POST('/api/v1/scenarios/{id}/publish', { params: { path: { id } }, body: { inFlightPolicy } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scenarioKeys.all }),
  });
}

export function useStartExperiment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['StartExperimentDto']) => unwrap(api.POST('/api/v1/scenarios/{id}/experiment', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scenarioKeys.detail(id) }),
  });
}

export function usePromote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas['PromoteExperimentDto']) =>
      unwrap(api.POST('/api/v1/scenarios/{id}/experiment/promote', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scenarioKeys.all }),
  });
}
