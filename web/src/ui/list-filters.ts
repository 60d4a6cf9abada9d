import { useState, type ChangeEvent, type FormEvent } from 'react';

type Search = { cursor?: string };
type Draft<F extends string> = Record<F, string>;

const draftOf = <S extends Search, F extends keyof S & string>(fields: readonly F[], search: Partial<S>): Draft<F> =>
  Object.fromEntries(fields.map((f) => [f, (search[f] as string | undefined) ?? ''])) as Draft<F>;

/**
 * A cursor-paged list's filters kept in the URL: the text `fields` are typed into a draft and applied
 * together on submit; choices apply at once. Any change starts from the first page (the API's cursors
 * belong to one filter). `go` navigates with a search updater.
 */
export function useListFilters<S extends Search, F extends keyof S & string>(
  fields: readonly F[], search: S, go: (update: (s: S) => S) => void,
) {
  const [draft, setDraft] = useState<Draft<F>>(() => draftOf<S, F>(fields, search));
  const apply = (next: Partial<S>) => go((s) => ({ ...s, ...next, cursor: undefined }));
  return {
    apply,
    /** Props for a text input bound to the draft of `field`. */
    field: (field: F) => ({
      value: draft[field],
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        const value = e.currentTarget.value;
        setDraft((d) => ({ ...d, [field]: value }));
      },
    }),
    submit: (event: FormEvent) => {
      event.preventDefault();
      apply(Object.fromEntries(fields.map((f) => [f, draft[f].trim() || undefined])) as Partial<S>);
    },
    reset: () => {
      setDraft(draftOf<S, F>(fields, {}));
      go(() => ({}) as S);
    },
    /** ListPaging's handlers: follow the API's cursor, or go back to the first page. */
    paging: {
      paged: search.cursor !== undefined,
      onNext: (cursor: string) => go((s) => ({ ...s, cursor })),
      onFirst: () => go((s) => ({ ...s, cursor: undefined })),
    },
  };
}
