import { createParamDecorator, Inject, Injectable, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import { Invoice } from './invoice.entity.js';

/** Prefix of an invoice addressed by the ERP's own id: `/invoices/ext:INV-2026-001`. */
export const EXTERNAL_ID_PREFIX = 'ext:';

/** An invoice as a path names it: `:id` plus the optional `?entity=` an external id is read in. */
export interface InvoiceRef {
  id: string;
  entity?: string;
}

/**
 * The one addressing rule of every `/invoices/:id…` route: `:id` is either
 * Relance's UUID or `ext:<externalId>` (URL-encoded), the ERP's own id, read
 * in the legal entity `?entity=<code>` (default entity when absent).
 * Anything else, or an external id that names no invoice, is 404 NOT_FOUND.
 */
@Injectable()
export class InvoiceLocator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
  ) {}

  /** Relance's invoice id (lower case) for `ref`; a UUID is returned as is, its existence checked by the route. */
  async resolve(ref: InvoiceRef): Promise<string> {
    if (isUuid(ref.id)) return ref.id.toLowerCase();
    if (!ref.id.startsWith(EXTERNAL_ID_PREFIX) || ref.id.length === EXTERNAL_ID_PREFIX.length) throw new NotFoundError('Invoice', ref.id);
    const externalId = ref.id.slice(EXTERNAL_ID_PREFIX.length);
    const entity = await this.entities.findByCode(ref.entity);
    const invoice = entity
      ? await this.dataSource.manager.findOne(Invoice, { where: { entityId: entity.id, externalId }, select: { id: true } })
      : null;
    if (!invoice) throw new NotFoundError('Invoice', ref.id);
    return invoice.id;
  }
}

/** Pipe behind `@InvoiceParam()`: turns the path's reference into Relance's invoice id. */
@Injectable()
export class InvoiceIdPipe implements PipeTransform<InvoiceRef, Promise<string>> {
  constructor(@Inject(InvoiceLocator) private readonly locator: InvoiceLocator) {}

  transform(ref: InvoiceRef): Promise<string> {
    return this.locator.resolve(ref);
  }
}

const invoiceRef = createParamDecorator((_: unknown, ctx: ExecutionContext): InvoiceRef => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const entity = req.query.entity;
  return { id: String(req.params.id), ...(typeof entity === 'string' && entity !== '' ? { entity } : {}) };
});

/**
 * `@InvoiceParam() id: string` on any `/invoices/:id…` route: Relance's
 * invoice id, whichever way the caller named it (see InvoiceLocator).
 * The controller's module must import InvoicesModule.
 */
export const InvoiceParam = (): ParameterDecorator => invoiceRef(InvoiceIdPipe);
