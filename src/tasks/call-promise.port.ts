import type { Principal } from '../auth/principal.js';

/**
 * INTEGRATION POINT — promises to pay. A call completed with the `promise` outcome asks this port to
 * open the promise (POST /api/v1/promises semantics: `PromisesService.create`). The promises
 * capability provides it under `CALL_PROMISES`; until it does, the outcome still requires the
 * promise's terms, which the task keeps in `data.promiseTerms`, and no promise is created
 * (`promiseId: null`): never a stand-in promise.
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
}

export interface CallPromises {
  create(request: CallPromiseRequest, principal: Principal): Promise<{ id: string; status: string }>;
}
