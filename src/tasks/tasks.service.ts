import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { Customer } from '../customers/customer.entity.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { isUuid } from '../common/uuid.js';
import { CollectorTask } from './collector-task.entity.js';
import type { CheckpointDecisionDto, ListTasksQuery } from './checkpoint-decision.dto.js';

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
  ) {}

  /** The collectors' work: calls to make, steps to approve, files to hand over; soonest first. */
  async list(query: ListTasksQuery) {
    const rows = await this.dataSource.manager
      .createQueryBuilder(CollectorTask, 't')
      .leftJoin(Invoice, 'i', 'i.id = t.invoice_id') // customer-level tasks (credit alerts) have no invoice
      .innerJoin(Customer, 'c', 'c.id = t.customer_id')
      .select(['t', 'i.number AS "invoiceNumber"', 'i.external_id AS "invoiceExternalId"', 'c.name AS "customerName"'])
      .where(query.status ? 't.status = :status' : '1 = 1', { status: query.status })
      .andWhere(query.kind ? 't.kind = :kind' : '1 = 1', { kind: query.kind })
      .orderBy('t.due_at', 'ASC')
      .limit(500)
      .getRawAndEntities();
    return rows.entities.map((t, i) => ({
      id: t.id, kind: t.kind, status: t.status, title: t.title, step: t.step, dueAt: t.dueAt.toISOString(),
      invoiceId: t.invoiceId, invoiceNumber: rows.raw[i].invoiceNumber, invoiceExternalId: rows.raw[i].invoiceExternalId,
      customerName: rows.raw[i].customerName, outcome: t.outcome, closedAt: t.closedAt?.toISOString() ?? null, data: t.data,
    }));
  }

  async decideCheckpoint(invoiceId: string, stepKey: string, dto: CheckpointDecisionDto): Promise<{ invoiceId: string; stepKey: string; decision: string }> {
    if (!isUuid(invoiceId)) throw new NotFoundError('Invoice', invoiceId);
    const invoice = await this.dataSource.manager.findOneBy(Invoice, { id: invoiceId });
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    await this.workflows.decideCheckpoint(invoice.workflowId, { stepKey, decision: dto.decision, by: dto.by, comment: dto.comment });
    return { invoiceId, stepKey, decision: dto.decision };
  }
}
