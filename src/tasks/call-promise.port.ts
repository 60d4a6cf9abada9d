import type { Principal } from '../auth/principal.js';

/**
 * Promises to pay, as a collector's call makes them: a call completed (or logged) with the `promise`
 * outcome opens the promise through this port, which the tasks module binds to the promises
 * capability's `PromisesService.create` (tasks.module.ts). The promise's own workflow then holds the
 * invoices' dunning until it is kept or broken.
 */
export const CALL_PROMISES = Symbol('CALL_PROMISES');

export interface CallPromiseRequest {
  entity: string;
  customerExternalId: string;
  invoiceExternalIds: string[];
  amount: string;
  currency: string;
  promisedFor: string;
  channel: 'phone';
  note: string | null;
  /** Idempotency: `call:<task id>`, so a retried completion opens one promise. */
  sourceKey: string;
}

export interface CallPromises {
  create(request: CallPromiseRequest, principal: Principal): Promise<{ id: string; status: string }>;
}
