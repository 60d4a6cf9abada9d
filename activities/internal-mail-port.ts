/**
 * Staff-facing email (validators, approvers, credit managers, requesters).
 * Stored in `outbound_messages` with audience `internal` and sent once per
 * idempotency key, like customer messages.
 */
import type { MessageStatus } from './ports.js';

export interface InternalMail {
  /** Business key, e.g. `dispute:<id>:assigned:<userId>`: the same key never sends twice. */
  idempotencyKey: string;
  /** The customer the mail is about (every internal mail concerns one). */
  customerId: string;
  invoiceId?: string | null;
  /** What the mail is about, e.g. `dispute.assigned` (stored in the message's step column). */
  topic: string;
  to: string;
  subject: string;
  body: string;
}

export interface InternalMailPort {
  send(mail: InternalMail): Promise<{ messageId: string; status: MessageStatus }>;
}
