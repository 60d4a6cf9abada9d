import { CreditLimitDecision } from '../credit-limit-requests/credit-limit-decision.entity.js';
import { CreditLimitRequest } from '../credit-limit-requests/credit-limit-request.entity.js';
import { CustomerCreditLimit } from '../credit-limit-requests/customer-credit-limit.entity.js';
import { CustomerContact } from '../customers/customer-contact.entity.js';
import { OutboundMessageItem } from '../messages/outbound-message-item.entity.js';
import { DunningPause } from '../dunning-pauses/dunning-pause.entity.js';
import { Customer } from '../customers/customer.entity.js';
import { ErpOutboxEvent } from '../erp-outbox/erp-outbox-event.entity.js';
import { InvoiceEvent } from '../invoices/invoice-event.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { LetterDocument } from '../messages/letter-document.entity.js';
import { InboundReply } from '../messages/inbound-reply.entity.js';
import { MessageDeliveryEvent } from '../messages/message-delivery-event.entity.js';
import { OutboundMessage } from '../messages/outbound-message.entity.js';
import { CollectorTask } from '../tasks/collector-task.entity.js';
import { CREDIT_ENTITIES } from '../credit/credit.entities.js';
import { CASH_ENTITIES } from '../cash/cash.entities.js';
import { SESSION_ENTITIES } from '../sessions/sessions.entities.js';
import { DISPUTE_ENTITIES } from '../disputes/dispute.entities.js';
import { LegalEntity } from '../organization/legal-entity.entity.js';
import { PaymentAllocation } from '../payments/payment-allocation.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { ScenarioAssignment } from '../scenarios/scenario-assignment.entity.js';
import { UserGroup } from '../users/user-group.entity.js';
import { Integration } from '../users/integration.entity.js';
import { User } from '../users/user.entity.js';
import { ScenarioVersion } from '../scenarios/scenario-version.entity.js';
import { Scenario } from '../scenarios/scenario.entity.js';
import { EXPERIMENT_ENTITIES } from '../scenarios/scenario-experiment.entities.js';
import { LEDGER_ENTITIES } from '../ledger/ledger.entities.js';
import { REPORT_ENTITIES } from '../reports/reports.entities.js';
import { CreditNoteAllocation } from '../credit-notes/credit-note-allocation.entity.js';
import { CreditNote } from '../credit-notes/credit-note.entity.js';
import { WriteOff } from '../write-offs/write-off.entity.js';
import { PORTFOLIO_ENTITIES } from '../portfolios/portfolio.entities.js';
import { CustomerNote } from '../notes/customer-note.entity.js';
import { PROMISE_ENTITIES } from '../promises/promise.entities.js';
import { PORTAL_ENTITIES } from '../portal/portal.entities.js';
import { InvoiceDocument } from '../invoices/invoice-document.entity.js';
import { IMPORT_ENTITIES } from '../imports/import.entities.js';

/** Every mapped table; the schema itself is owned by migrations/. */
export const ENTITIES = [
  LegalEntity, Customer, CustomerContact, Invoice, InvoiceEvent, Payment, PaymentAllocation, OutboundMessage,
  DunningPause, Scenario, ScenarioVersion, ScenarioAssignment,
  CollectorTask,
  LetterDocument,
  OutboundMessageItem,
  MessageDeliveryEvent,
  InboundReply,
  User, UserGroup, Integration,
  ErpOutboxEvent,
  CreditLimitRequest, CreditLimitDecision, CustomerCreditLimit,
  ...CREDIT_ENTITIES,
  ...DISPUTE_ENTITIES,
  ...CASH_ENTITIES,
  ...LEDGER_ENTITIES,
  ...REPORT_ENTITIES,
  ...SESSION_ENTITIES,
  CreditNote, CreditNoteAllocation, WriteOff,
  ...PORTFOLIO_ENTITIES,
  CustomerNote,
  ...PROMISE_ENTITIES,
  ...EXPERIMENT_ENTITIES,
  InvoiceDocument,
  ...PORTAL_ENTITIES,
  ...IMPORT_ENTITIES,
];
