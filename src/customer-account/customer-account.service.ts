import { Inject, Injectable, Optional } from '@nestjs/common';
import { Clock, systemClock } from '../clock/clock.js';
import type { CustomerCreditQuery, OpenCustomerCredit } from '../common/customer-credit.js';
import { NotFoundError } from '../common/errors.js';
import { CreditProfileService } from '../credit/credit-profile.service.js';
import type { CustomerSummary } from '../customers/customer-filter.js';
import { CustomersService } from '../customers/customers.service.js';
import { DisputeFiguresService } from '../disputes/dispute-figures.service.js';
import { DunningPausesService } from '../dunning-pauses/dunning-pauses.service.js';
import { CustomerBalancesService } from '../invoices/customer-balances.service.js';
import { MessagesService } from '../messages/messages.service.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { PaymentLedgerService } from '../payments/payment-ledger.service.js';
import { NotesService } from '../notes/notes.service.js';
import { CollectorTaskRecords } from '../tasks/collector-task.records.js';
import { dateInZone, daysBetween } from '../../workflows/domain/calendar.js';
import { formatAmount, parseAmount } from '../../workflows/domain/money.js';
import { limitUsePercent } from './limit-use.js';
import { CustomerNetBalances, formatNetBalance, netBalances } from './net-balances.js';
import { buildStatement, type Statement, type StatementReduction } from './statement.js';
import { buildTimeline } from './timeline.js';
import { PortalActivityService } from '../portal/portal-activity.service.js';

export const DEFAULT_TIMELINE_LIMIT = 200;

/** Invoice timeline entries that lowered its open amount by `data.amount` (besides payments). */
const REDUCING_EVENTS = new Set(['credit_note_applied', 'credit_note_allocated', 'written_off']);

/** The customer, as the account's routes address it: `:externalId` within `?entity=` (default `default`). */
export interface AccountRef {
  entity: { id: string; code: string; name: string; timeZone: string };
  customer: CustomerSummary;
}

/**
 * The customer account, composed from each capability's exported services: customers (contacts),
 * invoices (items, balances, events), payments, disputes, pauses, messages, credit (limit, history),
 * customer credit (cash: unapplied cash; credit-notes: credit notes' unallocated parts), notes, and the tasks collectors closed (calls logged, with their outcomes).
 * It owns no table and queries none.
 */
@Injectable()
export class CustomerAccountService {
  constructor(
    @Inject(CustomersService) private readonly customers: CustomersService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerBalancesService) private readonly invoices: CustomerBalancesService,
    @Inject(PaymentLedgerService) private readonly payments: PaymentLedgerService,
    @Inject(DisputeFiguresService) private readonly disputes: DisputeFiguresService,
    @Inject(DunningPausesService) private readonly pauses: DunningPausesService,
    @Inject(MessagesService) private readonly messages: MessagesService,
    @Inject(CreditProfileService) private readonly credit: CreditProfileService,
    @Inject(CustomerNetBalances) private readonly netBalances: CustomerNetBalances,
    @Inject(NotesService) private readonly notes: NotesService,
    @Inject(CollectorTaskRecords) private readonly tasks: CollectorTaskRecords,
    @Inject(PortalActivityService) private readonly portal: PortalActivityService,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  /** Resolves the customer; a salesperson (`salesperson` set) reaches only their own (others: 404, as if absent). */
  async find(entityCode: string | undefined, externalId: string, salesperson: string | null): Promise<AccountRef> {
    const entity = await this.entities.findByCode(entityCode);
    if (!entity) throw new NotFoundError('Entity', entityCode ?? 'default');
    const customer = await this.customers.findByExternalId(entity.id, externalId);
    if (!customer || (salesperson !== null && customer.salespersonEmail?.toLowerCase() !== salesperson.toLowerCase())) {
      throw new NotFoundError('Customer', externalId);
    }
    return { entity, customer };
  }

  async account(ref: AccountRef, timelineLimit = DEFAULT_TIMELINE_LIMIT) {
    const { entity, customer } = ref;
    const today = dateInZone(this.clock.nowMs(), entity.timeZone);
    const invoices = await this.invoices.invoicesOf(customer.id);
    const invoiceIds = invoices.map((i) => i.id);
    const [contacts, balances, limit, limitHistory, disputes, disputed, allocations, events, pauses, messages, replies, credits, notes, tasks, portal] = await Promise.all([
      this.customers.contactsOf(customer.id),
      this.invoices.balances([customer.id]),
      this.credit.currentLimits([customer.id]),
      this.credit.limitHistory(customer.id),
      this.disputes.ofCustomer(customer.id),
      this.disputes.openDisputedInvoiceIds(invoiceIds),
      this.payments.allocationsTo(invoiceIds),
      this.invoices.eventsOf(invoiceIds),
      this.pauses.pausesOfCustomer(customer.id),
      this.messages.aboutInvoices(invoiceIds),
      this.messages.repliesOf(customer.id),
      this.customerCredit({ entityId: entity.id, customerIds: [customer.id] }),
      this.notes.recordsOf(customer.id),
      this.tasks.closedByCollectors(customer.id),
      this.portal.ofCustomer(customer.id),
    ]);
    const disputedSet = new Set(disputed);
    const timeline = buildTimeline({ numbers: new Map(invoices.map((i) => [i.id, i.number])), events, allocations, messages, replies, disputes, pauses, limits: limitHistory, notes, tasks, portal });
    const numbers = new Map(invoices.map((i) => [i.id, i.number]));
    const creditLimit = limit.get(customer.id) ?? null;
    const own = balances.get(customer.id) ?? [];
    const open = invoices.filter((i) => i.status === 'open' && i.openAmountMinor > 0n);
    return {
      customer: {
        externalId: customer.externalId, entity: entity.code, name: customer.name, segment: customer.segment,
        riskClass: customer.riskClass, salespersonEmail: customer.salespersonEmail, timeZone: customer.timeZone ?? entity.timeZone,
      },
      contacts: contacts.map((c) => ({ name: c.name, roles: c.roles, email: c.email, phone: c.phone, postalAddress: c.postalAddress, language: c.language, optOuts: c.optOuts, primary: c.primary })),
      /** The day ages are counted to, in the entity's zone. */
      asOf: today,
      /** Per currency: open invoices, the customer's credit not yet allocated (unapplied cash, credit notes), balance = open − unapplied. */
      balances: netBalances(own, credits).map(formatNetBalance),
      /** Customer credit not yet allocated to invoices, oldest first (source `bank_line`: cash received and left unapplied; `credit_note`: a credit note's unallocated part). */
      credits: credits.map((c) => ({
        id: c.id, source: c.source, sourceId: c.sourceId, reference: c.reference, date: c.date, currency: c.currency,
        amount: formatAmount(c.amountMinor, c.currency), unapplied: formatAmount(c.remainingMinor, c.currency),
      })),
      credit: {
        riskClass: customer.riskClass,
        limit: creditLimit ? { amount: formatAmount(creditLimit.amountMinor, creditLimit.currency), currency: creditLimit.currency } : null,
        limitUsePercent: creditLimit
          ? limitUsePercent(own.find((b) => b.currency === creditLimit.currency)?.openMinor ?? 0n, creditLimit.amountMinor)
          : null,
      },
      openItems: open.map((i) => ({
        id: i.id, externalId: i.externalId, number: i.number, issueDate: i.issueDate, dueDate: i.dueDate, currency: i.currency,
        amount: formatAmount(i.amountMinor, i.currency), openAmount: formatAmount(i.openAmountMinor, i.currency),
        daysOverdue: daysBetween(i.dueDate, today), collectionStage: i.collectionStage, disputed: disputedSet.has(i.id),
      })),
      disputes: disputes.map((d) => ({
        id: d.id, status: d.status, reasonCode: d.reasonCode, type: d.type, currency: d.currency, amount: formatAmount(d.amountMinor, d.currency),
        acceptedAmount: d.acceptedAmountMinor === null ? null : formatAmount(d.acceptedAmountMinor, d.currency),
        invoices: d.invoiceIds.map((id) => ({ id, number: numbers.get(id) ?? null })),
        openedAt: d.openedAt.toISOString(), resolvedAt: d.resolvedAt?.toISOString() ?? null, closedAt: d.closedAt?.toISOString() ?? null,
      })),
      timeline: timeline.slice(0, timelineLimit),
      /** Entries in the whole timeline (those beyond `timelineLimit` are older). */
      timelineTotal: timeline.length,
    };
  }

  /** The customer's credit from both its owners (one notion: src/common/customer-credit.ts), oldest first. */
  private customerCredit(query: CustomerCreditQuery): Promise<OpenCustomerCredit[]> {
    return this.netBalances.credits(query);
  }

  /** Open items as of `asOf` (default: today in the entity's zone), from invoices, payments and credit notes dated up to it. */
  async statement(ref: AccountRef, asOf: string | undefined): Promise<Statement> {
    const { entity, customer } = ref;
    const day = asOf ?? dateInZone(this.clock.nowMs(), entity.timeZone);
    const invoices = await this.invoices.invoicesOf(customer.id);
    const ids = invoices.map((i) => i.id);
    const currencyOf = new Map(invoices.map((i) => [i.id, i.currency]));
    const [allocations, events] = await Promise.all([this.payments.allocationsTo(ids), this.invoices.eventsOf(ids)]);
    const dayOf = (at: Date) => dateInZone(at.getTime(), entity.timeZone);
    const amountOf = (invoiceId: string, amount: unknown) => parseAmount(amount as string, currencyOf.get(invoiceId)!);
    const reductions: StatementReduction[] = [
      ...allocations.map((a) => ({ invoiceId: a.invoiceId, date: dayOf(a.receivedAt), amountMinor: a.amountMinor })),
      // Credit notes (of accepted disputes, or from the ERP) and write-offs reduce the invoice from the day they
      // count from in the ledger (`effectiveDate`: a credit note's date), else the day they were applied.
      ...events.filter((e) => REDUCING_EVENTS.has(e.type) && typeof e.data.amount === 'string').map((e) => ({
        invoiceId: e.invoiceId, date: typeof e.data.effectiveDate === 'string' ? e.data.effectiveDate : dayOf(e.at),
        amountMinor: amountOf(e.invoiceId, e.data.amount),
      })),
    ];
    const cancelledOn = new Map(events.filter((e) => e.type === 'invoice_cancelled').map((e) => [e.invoiceId, dayOf(e.at)]));
    return buildStatement(day, invoices.map((i) => ({ ...i, cancelledOn: cancelledOn.get(i.id) ?? null })), reductions);
  }
}

