import { Body, Controller, Get, Inject, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../auth/auth.tokens.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { salespersonScope } from '../auth/need-to-know.js';
import type { Principal, Role } from '../auth/principal.js';
import { answerList } from '../common/lists/list-response.js';
import { ContactsInputDto } from '../customers/contact-input.dto.js';
import { CustomersService } from '../customers/customers.service.js';
import { AccountQuery, AccountViewQuery, StatementQuery } from './customer-account.dto.js';
import { CustomerAccountService } from './customer-account.service.js';
import { CustomerListQuery } from './customer-list.query.js';
import { CustomerAccountResponse, CustomerContactsResponse, CustomerListPageResponse } from './customer-account.openapi.js';
import { CustomerListService } from './customer-list.service.js';
import { statementCsv, statementPdf } from './statement-render.js';

/** Who reads customers and their accounts; salespeople only their own customers. */
const SEE_ALL: Role[] = ['collector', 'credit_manager', 'finance_manager', 'finance_director', 'cfo'];

@Controller('api/v1/customers')
export class CustomerAccountController {
  constructor(
    @Inject(CustomerListService) private readonly list: CustomerListService,
    @Inject(CustomerAccountService) private readonly accounts: CustomerAccountService,
    @Inject(CustomersService) private readonly customers: CustomersService,
  ) {}

  /** The customer's contacts with their roles, channels and opt-outs, primary first. */
  @Get(':externalId/contacts')
  @Roles(...SEE_ALL, 'sales', 'erp')
  @ApiResponse({ status: 200, description: "The customer's contacts", type: CustomerContactsResponse })
  async contacts(@Param('externalId') externalId: string, @Query() query: AccountQuery, @CurrentPrincipal() principal: Principal): Promise<CustomerContactsResponse> {
    const ref = await this.accounts.find(query.entity, externalId, salespersonScope(principal, [...SEE_ALL, 'erp']));
    return { customerExternalId: ref.customer.externalId, entity: ref.entity.code, contacts: await this.customers.contactsOf(ref.customer.id) };
  }

  /**
   * Replaces the customer's contacts (the whole list). A contact keeps its id when its email (else
   * phone) is unchanged; scenario steps write to contacts by role (default `billing`).
   */
  @Put(':externalId/contacts')
  @Roles('erp', 'credit_manager', 'collector')
  @ApiResponse({ status: 200, description: "The customer's contacts as stored", type: CustomerContactsResponse })
  async replaceContacts(@Param('externalId') externalId: string, @Query() query: AccountQuery, @Body() body: ContactsInputDto): Promise<CustomerContactsResponse> {
    const ref = await this.accounts.find(query.entity, externalId, null);
    return { customerExternalId: ref.customer.externalId, entity: ref.entity.code, contacts: await this.customers.setContacts(ref.customer.id, body.contacts) };
  }

  /** Filtered, sorted, cursor-paginated; CSV with `Accept: text/csv`. */
  @Get()
  @ApiExtraModels(CustomerListPageResponse)
  @ApiResponse({
    status: 200, description: 'A page of customers; with `Accept: text/csv`, every matching customer (one row each)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(CustomerListPageResponse) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @Roles(...SEE_ALL, 'sales')
  async index(@Query() query: CustomerListQuery, @CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    await answerList(req, res, query, await this.list.source(query, salespersonScope(principal, SEE_ALL)));
  }

  @Get(':externalId')
  @Roles(...SEE_ALL, 'sales')
  @ApiResponse({ status: 200, description: 'The customer, contacts, balances, credit, open items, disputes and activity timeline', type: CustomerAccountResponse })
  async account(@Param('externalId') externalId: string, @Query() query: AccountViewQuery, @CurrentPrincipal() principal: Principal): Promise<CustomerAccountResponse> {
    return this.accounts.account(await this.accounts.find(query.entity, externalId, salespersonScope(principal, SEE_ALL)), query.timelineLimit);
  }

  /** The statement a collector attaches: PDF by default, CSV with `Accept: text/csv`. */
  @Get(':externalId/statement')
  @Roles(...SEE_ALL, 'sales')
  @ApiResponse({
    status: 200, description: 'The statement: PDF by default, CSV when the request prefers `text/csv`',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  async statement(
    @Param('externalId') externalId: string, @Query() query: StatementQuery, @CurrentPrincipal() principal: Principal,
    @Req() req: Request, @Res() res: Response,
  ): Promise<void> {
    const ref = await this.accounts.find(query.entity, externalId, salespersonScope(principal, SEE_ALL));
    const statement = await this.accounts.statement(ref, query.asOf);
    const header = { entityName: ref.entity.name, customerName: ref.customer.name, customerExternalId: ref.customer.externalId };
    const name = `statement-${ref.customer.externalId.replace(/[^\w.-]/g, '_')}-${statement.asOf}`;
    res.setHeader('Cache-Control', 'no-store');
    if (req.accepts(['application/pdf', 'text/csv']) === 'text/csv') {
      res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      res.send(statementCsv(header, statement));
      return;
    }
    res.status(200).type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${name}.pdf"`);
    res.send(await statementPdf(header, statement));
  }
}
