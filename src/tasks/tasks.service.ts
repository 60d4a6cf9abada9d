import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '../common/errors.js';
import { CustomerDirectory } from '../customers/customer-directory.js';
import { InvoiceDirectory } from '../invoices/invoice-directory.js';
import { InvoiceWorkflowGateway } from '../invoices/invoice-workflow.gateway.js';
import { isUuid } from '../common/uuid.js';
import { CollectorTask } from './collector-task.entity.js';
import type { CheckpointDecisionDto, ListTasksQuery } from './checkpoint-decision.dto.js';

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceWorkflowGateway) private readonly workflows: InvoiceWorkflowGateway,
    @Inject(InvoiceDirectory) private readonly invoices: InvoiceDirectory,
    @Inject(CustomerDirectory) private readonly customers: CustomerDirectory,
  ) {}

  /** The collectors' work: calls to make, steps to approve, files to hand over; soonest first. */
  async list(query: ListTasksQuery) {
    const tasks = await this.dataSource.manager.find(CollectorTask, {
      where: { ...(query.status ? { status: query.status } : {}), ...(query.kind ? { kind: query.kind } : {}) },
      order: { dueAt: 'ASC' },
      take: 500,
    });
    // Customer-level tasks (credit alerts) have no invoice.
    const [invoices, customers] = await Promise.all([
      this.invoices.findMany(tasks.flatMap((t) => (t.invoiceId ? [t.invoiceId] : []))),
      this.customers.findMany(tasks.map((t) => t.customerId)),
    ]);
    return tasks.filter((t) => customers.has(t.customerId)).map((t) => {
      const invoice = t.invoiceId ? invoices.get(t.invoiceId) : undefined;
      return {
        id: t.id, kind: t.kind, status: t.status, title: t.title, step: t.step, dueAt: t.dueAt.toISOString(),
        invoiceId: t.invoiceId, invoiceNumber: invoice?.number ?? null, invoiceExternalId: invoice?.externalId ?? null,
        customerName: customers.get(t.customerId)!.name, outcome: t.outcome, closedAt: t.closedAt?.toISOString() ?? null, data: t.data,
      };
    });
  }

  async decideCheckpoint(invoiceId: string, stepKey: string, dto: CheckpointDecisionDto): Promise<{ invoiceId: string; stepKey: string; decision: string }> {
    if (!isUuid(invoiceId)) throw new NotFoundError('Invoice', invoiceId);
    const invoice = await this.invoices.find(invoiceId);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    await this.workflows.decideCheckpoint(invoice.workflowId, { stepKey, decision: dto.decision, by: dto.by, comment: dto.comment });
    return { invoiceId, stepKey, decision: dto.decision };
  }
}
