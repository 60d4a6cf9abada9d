/**
 * Ports of the customer-message activities (hand-off to the customer's
 * communications workflow, and the batch send). `src/` implements them.
 */
import type { CustomerMessageRequest } from '../workflows/definitions.js';
import type { ScenarioChannel } from '../workflows/domain/scenario.js';
import type { MessageStatus } from './ports.js';

/** The customer's communications workflow, seen from an activity. */
export interface CustomerCommsPort {
  /**
   * Hands one invoice step to the customer's communications workflow,
   * starting it when none runs (signal-with-start: workflows cannot do that).
   */
  enqueue(customerId: string, request: CustomerMessageRequest): Promise<{ workflowId: string }>;
}

/** One invoice step's share of a message: `invoice:<invoiceId>:step:<stepKey>:<channel>`, unique across messages. */
export interface MessageItem {
  itemKey: string;
  invoiceId: string;
  stepKey: string;
}

export interface BatchMessage {
  id: string;
  idempotencyKey: string;
  status: MessageStatus;
  channel: ScenarioChannel;
  recipient: string;
  subject: string | null;
  body: string;
  /** How many distinct invoices the message lists. */
  invoiceCount: number;
}

export interface BatchMessageDraft {
  customerId: string;
  /** The invoice when the message is about one invoice; null when it lists several. */
  invoiceId: string | null;
  /** The step key when every item shares it. */
  step: string | null;
  channel: ScenarioChannel;
  recipient: string;
  /** The customer contact written to (null: the built-in schedule's primary contact). */
  contactId: string | null;
  subject: string | null;
  body: string;
}

export class MessageItemsAlreadyClaimedError extends Error {
  constructor(readonly itemKeys: string[]) {
    super(`Items already carried by another message: ${itemKeys.join(', ')}`);
    this.name = 'MessageItemsAlreadyClaimedError';
  }
}

export interface BatchMessagePort {
  /** The message already carrying each item (an earlier attempt or an earlier batch). */
  messagesForItems(itemKeys: string[]): Promise<Map<string, BatchMessage>>;
  /**
   * Stores a message and its items in one transaction (serialised per
   * customer). `keyBase` is used as is when free, else suffixed `:2`, `:3`…
   * (a later batch of the same day); `exactKey` is used as is, and an
   * existing row under it is returned. Throws MessageItemsAlreadyClaimedError
   * when another message carries one of the items.
   */
  claim(
    draft: BatchMessageDraft,
    key: { keyBase: string } | { exactKey: string },
    items: MessageItem[],
  ): Promise<BatchMessage>;
}
