// Node-free: the header that carries the log context (the request id, and the id of what a
// workflow is about) from a Temporal client call into workflows and on to their activities.
// src/temporal/log-context.interceptors.ts writes and reads it; workflows/log-context.interceptors.ts forwards it.

/** Header key; its payload is a JSON object `{ requestId?, invoiceId?, disputeId?, … }`. */
export const LOG_CONTEXT_HEADER = 'relance-log-context';

/** Memo key showing, in the Temporal UI, the id of the HTTP request that started a workflow. */
export const REQUEST_ID_MEMO = 'requestId';
