/** What the write-off approval activities need from the application (src/write-offs/). */
import type { WriteOffDecisionRecord } from '../workflows/write-off.definitions.js';

export interface WriteOffOutcome {
  /** `lapsed`: the invoice was settled or cancelled meanwhile, nothing was written off. */
  status: 'applied' | 'lapsed';
  /** The `invoice.written_off` ERP event, when applied. */
  outboxId: string | null;
}

export interface WriteOffPort {
  /** Lowers the invoice, marks the write-off applied and enqueues `invoice.written_off`, in one transaction; tells the invoice's workflow. Idempotent. */
  apply(writeOffId: string, decision: WriteOffDecisionRecord): Promise<WriteOffOutcome>;
  /** Marks the write-off rejected. Idempotent. */
  reject(writeOffId: string, decision: WriteOffDecisionRecord): Promise<void>;
}
