/**
 * Minimal OpenAPI types for the routes the console calls, in openapi-typescript's
 * shape. Replaced at merge by the file generated from the OpenAPI document
 * (client/schema.d.ts, h/openapi); nothing else in web/ needs to change then.
 */
type Json<T> = { content: { 'application/json': T } };
type Answer<T> = { headers: { [name: string]: unknown } } & Json<T>;
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type IdParam = { query?: never; header?: never; path: { id: string }; cookie?: never };
type ErrorAnswer = Answer<components['schemas']['Error']>;

export interface paths {
  '/api/v1/session': {
    get: { parameters: NoParams; responses: { 200: Answer<components['schemas']['Session']>; 401: ErrorAnswer } };
    post: {
      parameters: NoParams;
      requestBody: Json<components['schemas']['SignIn']>;
      responses: { 200: Answer<components['schemas']['Session']>; 400: ErrorAnswer; 401: ErrorAnswer; 429: ErrorAnswer };
    };
    patch: {
      parameters: NoParams;
      requestBody: Json<{ language: components['schemas']['Language'] }>;
      responses: { 200: Answer<components['schemas']['Session']>; 400: ErrorAnswer };
    };
    delete: { parameters: NoParams; responses: { 204: { headers: { [name: string]: unknown }; content?: never } } };
  };
  '/api/v1/session/link': {
    post: { parameters: NoParams; requestBody: Json<{ email: string }>; responses: { 202: Answer<{ sent: boolean }>; 400: ErrorAnswer; 429: ErrorAnswer } };
  };
  '/api/v1/session/link/redeem': {
    post: {
      parameters: NoParams;
      requestBody: Json<{ token: string }>;
      responses: { 200: Answer<components['schemas']['Session']>; 400: ErrorAnswer; 410: ErrorAnswer };
    };
  };
  '/api/v1/session/password': {
    post: {
      parameters: NoParams;
      requestBody: Json<{ token: string; password: string }>;
      responses: { 200: Answer<components['schemas']['Session']>; 400: ErrorAnswer; 410: ErrorAnswer };
    };
  };
  '/api/v1/disputes/inbox': {
    get: { parameters: NoParams; responses: { 200: Answer<components['schemas']['DisputeInboxItem'][]> } };
  };
  '/api/v1/disputes/{id}': {
    get: { parameters: IdParam; responses: { 200: Answer<components['schemas']['Dispute']>; 404: ErrorAnswer } };
  };
  '/api/v1/disputes/{id}/decisions': {
    post: {
      parameters: IdParam;
      requestBody: Json<components['schemas']['DisputeDecision']>;
      responses: { 200: Answer<components['schemas']['Dispute']>; 400: ErrorAnswer; 403: ErrorAnswer; 409: ErrorAnswer; 422: ErrorAnswer };
    };
  };
}

export interface components {
  schemas: {
    Error: { statusCode: number; code?: string; message: string; errors?: { field: string; messages: string[] }[] };
    Language: 'fr' | 'en';
    SignIn: { email: string; password: string };
    Session: {
      user: { id: string; email: string; name: string };
      roles: string[];
      groups: string[];
      language: 'fr' | 'en';
      csrfToken: string | null;
    };
    Money: { amount: string; currency: string };
    DisputeInboxItem: {
      id: string;
      status: components['schemas']['DisputeStatus'];
      type: string;
      reasonCode: string;
      comment: string;
      amount: components['schemas']['Money'];
      invoiceCount: number;
      validatorGroup: string;
      createdAt: string;
      dueAt: string;
    };
    DisputeStatus: 'open' | 'in_review' | 'info_requested' | 'accepted' | 'rejected' | 'closed';
    Dispute: {
      id: string;
      status: components['schemas']['DisputeStatus'];
      type: string;
      reasonCode: string;
      comment: string;
      amount: components['schemas']['Money'];
      acceptedAmount: components['schemas']['Money'] | null;
      proposedAmount: components['schemas']['Money'] | null;
      invoices: {
        invoiceId: string;
        externalId: string | null;
        number: string | null;
        disputedAmount: components['schemas']['Money'];
        openAmount: components['schemas']['Money'] | null;
        invoiceStatus: string | null;
      }[];
      validatorGroup: string;
      level: number | null;
      escalated: boolean;
      assignees: { id: string; name: string; email: string }[];
      openedBy: { userId: string | null; name: string };
      createdAt: string;
      resolvedAt: string | null;
      history: { event: string; from: string | null; to: string | null; by: { userId: string | null; name: string }; comment: string | null; at: string }[];
    };
    DisputeDecision: { decision: 'accept' | 'reject' | 'request_info'; amount?: string; comment: string };
  };
}
