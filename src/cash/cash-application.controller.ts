import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { FieldValidationError } from '../common/validation.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { AllocatedCreditResponse, BankLineListPageResponse, BankLineResponse, CashQueuePageResponse, UnappliedCashResponse } from './cash.openapi.js';
import { BankLineListQuery } from './bank-statements.dto.js';
import { StatementListService } from './statement-list.service.js';
import { BankLineReviewService } from './bank-line-review.service.js';
import { AllocateCreditDto, MatchLineDto, QueueQuery } from './cash-application.dto.js';
import { CashQueueService } from './cash-queue.service.js';
import { CreditAllocationService } from './credit-allocation.service.js';
import { UnappliedCashService } from './unapplied-cash.service.js';

export class UnappliedQuery {
  @IsOptional() @IsString() @Length(1, 64)
  entity?: string;

  /** Customer's ERP id: that customer's credits one by one; absent: totals per customer. */
  @IsOptional() @IsString() @Length(1, 128)
  customer?: string;
}

/** The review queue is read by collectors too (they see why a customer's invoice is still open); deciding is for cash and credit managers. */
@Controller('api/v1/cash-application')
export class CashApplicationController {
  constructor(
    @Inject(CashQueueService) private readonly queue: CashQueueService,
    @Inject(UnappliedCashService) private readonly unapplied: UnappliedCashService,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
    @Inject(CreditAllocationService) private readonly allocations: CreditAllocationService,
  ) {}

  @Get('queue')
  @Roles('cash_manager', 'credit_manager', 'collector')
  @ApiResponse({ status: 200, description: 'Bank credits waiting for a person, with the suggestions and their reasons', type: CashQueuePageResponse })
  list(@Query() query: QueueQuery): Promise<CashQueuePageResponse> {
    return this.queue.page(query);
  }

  /**
   * Allocates part or all of an unapplied credit (`credits[].id` of GET unapplied?customer=) to open invoices of
   * its customer: a payment allocation like any other (open amounts, dunning stops, ledger, ERP `payment.matched`).
   */
  @Post('unapplied/:id/allocate')
  @HttpCode(HttpStatus.OK)
  @Roles('cash_manager', 'credit_manager', 'collector')
  @ApiResponse({ status: 200, description: 'The credit after the allocation (what is left unapplied, every allocation), with its customer', type: AllocatedCreditResponse })
  allocate(@Param('id') id: string, @Body() body: AllocateCreditDto, @CurrentPrincipal() principal: Principal): Promise<AllocatedCreditResponse> {
    return this.allocations.allocate(id, body, principal.email ?? principal.name);
  }

  @Get('unapplied')
  @Roles('cash_manager', 'credit_manager', 'collector')
  @ApiResponse({ status: 200, description: 'Unapplied cash per customer and currency; with ?customer=, that customer\'s credits', type: UnappliedCashResponse })
  async unappliedCash(@Query() query: UnappliedQuery): Promise<UnappliedCashResponse> {
    const entity = await this.entities.findByCode(query.entity);
    if (!entity) throw new FieldValidationError([{ field: 'entity', messages: [`unknown entity "${query.entity}"`] }]);
    if (!query.customer) {
      const totals = await this.unapplied.totals(entity.id);
      const customers = await this.customers.findMany([...new Set(totals.map((t) => t.customerId))]);
      return {
        totals: totals.map(({ amountMinor: _, ...t }) => {
          const c = customers.get(t.customerId);
          return { ...t, customer: c ? { id: c.id, externalId: c.externalId, name: c.name } : null };
        }),
      };
    }
    const customer = await this.customers.findByExternalId(entity.id, query.customer);
    if (!customer) throw new FieldValidationError([{ field: 'customer', messages: [`unknown customer "${query.customer}"`] }]);
    const [totals, credits] = await Promise.all([this.unapplied.totals(entity.id, [customer.id]), this.unapplied.ofCustomer(customer.id)]);
    return { customer: { id: customer.id, externalId: customer.externalId, name: customer.name }, totals: totals.map(({ amountMinor: _, ...t }) => t), credits };
  }
}

@Controller('api/v1/bank-lines')
export class BankLinesController {
  constructor(
    @Inject(BankLineReviewService) private readonly review: BankLineReviewService,
    @Inject(StatementListService) private readonly list: StatementListService,
  ) {}

  /** A statement's lines whatever their status (applied, rejected, waiting), to find one to unmatch; the queue shows only the work to do. */
  @Get()
  @Roles('cash_manager', 'credit_manager', 'erp')
  @ApiResponse({ status: 200, description: 'A page of the statement\'s lines (file order by default) with what each was applied to', type: BankLineListPageResponse })
  index(@Query() query: BankLineListQuery): Promise<BankLineListPageResponse> {
    return this.list.lines(query);
  }

  @Get(':id')
  @Roles('cash_manager', 'credit_manager', 'collector')
  @ApiResponse({ status: 200, description: 'The bank line with its suggestion or application', type: BankLineResponse })
  get(@Param('id') id: string): Promise<BankLineResponse> {
    return this.review.view(id);
  }

  /** Confirms, corrects or splits the line: it is applied as a payment, and the payer is learned. */
  @Post(':id/match')
  @HttpCode(HttpStatus.OK)
  @Roles('cash_manager', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The bank line, applied', type: BankLineResponse })
  match(@Param('id') id: string, @Body() body: MatchLineDto, @CurrentPrincipal() principal: Principal): Promise<BankLineResponse> {
    return this.review.match(id, body, principal.email ?? principal.name);
  }

  /** Rejects a credit that is no customer payment: it leaves the queue (unmatch puts it back). */
  @Post(':id/ignore')
  @HttpCode(HttpStatus.OK)
  @Roles('cash_manager', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The bank line, ignored', type: BankLineResponse })
  ignore(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<BankLineResponse> {
    return this.review.ignore(id, principal.email ?? principal.name);
  }

  /** Reverses the line's payment: the invoices reopen and their dunning resumes. An ignored credit goes back to the queue. */
  @Post(':id/unmatch')
  @HttpCode(HttpStatus.OK)
  @Roles('cash_manager', 'credit_manager')
  @ApiResponse({ status: 200, description: 'The bank line, its payment reversed (an ignored credit: back in the queue)', type: BankLineResponse })
  unmatch(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<BankLineResponse> {
    return this.review.unmatch(id, principal.email ?? principal.name);
  }
}
