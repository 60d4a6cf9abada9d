/** Scenario assignment rules (default, segment and/or risk class, customer) and the calendar of coming actions, typed by the generated client. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { scenarioKeys } from './queries';

export type Assignment = Schemas['ScenarioAssignmentResponse'];
export type AssignmentKind = Assignment['kind'];

/** What a rule names, as the form edits it: the kind decides which route the rule goes to. */
export type Target =
  | { kind: 'default' }
  | { kind: 'segment'; segment: string | null; riskClass: Assignment['riskClass'] }
  | { kind: 'customer'; customerExternalId: string };

/** The calendar's period (default: today … today + 14), legal entity code and collector (`me` or a user id). */
export interface CalendarFilters { from?: string; to?: string; entity?: string; collector?: string }

export const assignmentKeys = {
  all: [...scenarioKeys.all, 'assignments'] as const,
  calendar: (q: CalendarFilters) => ['calendar', q.from ?? null, q.to ?? null, q.entity ?? null, q.collector ?? null] as const,
};

export const assignmentQueries = {
  /** Every entity's rules, by entity then priority. */
  list: () => queryOptions({ queryKey: assignmentKeys.all, queryFn: () => unwrap(api.GET('/api/v1/scenario-assignments')) }),
  /** Actions due per day over the portfolio (the API's default: today … today + 14). */
  calendar: (q: CalendarFilters) => queryOptions({
    queryKey: assignmentKeys.calendar(q),
    queryFn: () => unwrap(api.GET('/api/v1/calendar', { params: { query: q } })),
    retry: false,
  }),
};

/** The form's target of a listed rule. */
export function targetOf(rule: Assignment): Target {
  if (rule.kind === 'default') return { kind: 'default' };
  if (rule.kind === 'customer') return { kind: 'customer', customerExternalId: rule.customerExternalId ?? '' };
  return { kind: 'segment', segment: rule.segment, riskClass: rule.riskClass };
}

function assign({ target, entity, scenarioId }: { target: Target; entity: string; scenarioId: string }) {
  switch (target.kind) {
    case 'default':
      return unwrap(api.PUT('/api/v1/scenario-assignments/default', { body: { entity, scenarioId } }));
    case 'customer':
      return unwrap(api.PUT('/api/v1/scenario-assignments/customers/{customerExternalId}', {
        params: { path: { customerExternalId: target.customerExternalId } }, body: { entity, scenarioId },
      }));
    case 'segment':
      return unwrap(api.PUT('/api/v1/scenario-assignments/segments', {
        body: { entity, scenarioId, segment: target.segment ?? undefined, riskClass: target.riskClass ?? undefined },
      }));
  }
}

async function remove(rule: Assignment): Promise<void> {
  const entity = rule.entity;
  if (rule.kind === 'default') await unwrap(api.DELETE('/api/v1/scenario-assignments/default', { params: { query: { entity } } }));
  else if (rule.kind === 'customer') {
    await unwrap(api.DELETE('/api/v1/scenario-assignments/customers/{customerExternalId}', {
      params: { path: { customerExternalId: rule.customerExternalId ?? '' }, query: { entity } },
    }));
  } else {
    await unwrap(api.DELETE('/api/v1/scenario-assignments/segments', {
      params: { query: { entity, segment: rule.segment ?? undefined, riskClass: rule.riskClass ?? undefined } },
    }));
  }
}

function useAssignmentMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: assignmentKeys.all }) });
}

export const useAssign = () => useAssignmentMutation(assign);
export const useRemoveAssignment = () => useAssignmentMutation(remove);
