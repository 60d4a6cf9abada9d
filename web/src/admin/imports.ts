/** Initial loads (/api/v1/imports): send a file, follow its progress until completed, list past and running ones. */
import { infiniteQueryOptions, queryOptions, useMutation } from '@tanstack/react-query';
import type { operations } from '../../../client/schema';
import { api, unwrap, type Schemas } from '../api/client';

export type InvoiceImport = Schemas['ImportResponse'];
export type ImportFailure = InvoiceImport['failures'][number];
export type ImportRejection = operations['Imports_submit']['responses'][422]['content']['application/json'];
export type ImportOutcome = { accepted: InvoiceImport } | { rejected: ImportRejection };

type ImportMediaType = keyof operations['Imports_submit']['requestBody']['content'];

/** CSV or JSON lines, by the file's extension (browsers rarely know a .jsonl's type). */
export function importMediaType(file: File): ImportMediaType | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  if (/\.(jsonl|ndjson)$/.test(name) || file.type === 'application/x-ndjson') return 'application/x-ndjson';
  return null;
}

/** A rejected file is an answer to show (its row errors), not a failure. */
export const useSubmitImport = () => useMutation({
  mutationFn: async ({ file, type }: { file: File; type: ImportMediaType }): Promise<ImportOutcome> => {
    const call = api.POST('/api/v1/imports', {
      params: { query: { name: file.name } },
      body: await file.text(),
      headers: { 'Content-Type': type },
      bodySerializer: (body: string) => body,
    });
    const { error, response } = await call;
    const rejection = error as Partial<ImportRejection> | undefined;
    if (response.status === 422 && rejection?.code === 'IMPORT_REJECTED') return { rejected: rejection as ImportRejection };
    return { accepted: await unwrap(call) };
  },
});

export const POLL_MS = 1000;

/** One import's progress, asked again every second while it loads. */
export const importQuery = (id: string) => queryOptions({
  queryKey: ['imports', id] as const,
  queryFn: () => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
  refetchInterval: (query) => (query.state.data?.status === 'completed' ? false : POLL_MS),
});

export type ImportSummary = Schemas['ImportSummaryResponse'];
export const IMPORT_PAGE_SIZE = 20;

/** Past and running imports, newest first, a page at a time; asked again every second while one of them loads. */
export const importListQuery = () => infiniteQueryOptions({
  queryKey: ['imports', 'list'] as const,
  queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/imports', {
    params: { query: { limit: IMPORT_PAGE_SIZE, ...(pageParam && { cursor: pageParam }) } },
  })),
  initialPageParam: null as string | null,
  getNextPageParam: (page) => page.nextCursor,
  refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((i) => i.status === 'loading')) ? POLL_MS : false),
});
