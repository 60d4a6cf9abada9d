import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { WRITE_OFF_REFUSAL_STATUS, writeOffNeedsApproval, type WriteOffRefusalCode } from '../../workflows/domain/write-off-policy.js';
import { formatAmount } from '../../workflows/domain/money.js';
import type { writeOffApprovalWorkflow } from '../../workflows/write-off-approval.workflow.js';
import { decideWriteOffUpdate, writeOffWorkflowId } from '../../workflows/write-off.definitions.js';
import type { Principal } from '../auth/principal.js';
import { positiveAmount } from '../common/amount-input.js';
import { AppError, ConflictError, NotFoundError } from '../common/errors.js';
import { isUuid } from '../common/uuid.js';
import { FieldRuleError, FieldValidationError, type FieldError } from '../common/validation.js';
import { AppConfig } from '../config/app-config.js';
import { ErpDeliveryStarter } from '../erp-outbox/erp-delivery.starter.js';
import { InvoiceAdjustments } from '../invoices/invoice-adjustments.service.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { LegalEntitiesService } from '../organization/legal-entities.service.js';
import type { RequestWriteOffDto, WriteOffDecisionDto } from './write-off.dto.js';
import { WriteOff } from './write-off.entity.js';
import { WriteOffStore, writeOffKey } from './write-off.store.js';
import { toWriteOffView, type WriteOffView } from './write-off.views.js';

@Injectable()
export class WriteOffsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(InvoiceAdjustments) private readonly invoices: InvoiceAdjustments,
    @Inject(InvoiceBalances) private readonly balances: InvoiceBalances,
    @Inject(LegalEntitiesService) private readonly entities: LegalEntitiesService,
    @Inject(WriteOffStore) private readonly store: WriteOffStore,
    @Inject(ErpDeliveryStarter) private readonly deliveries: ErpDeliveryStarter,
    @Inject(Client) private readonly client: Client,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * A credit manager writes (part of) an invoice off. Up to the entity's
   * threshold it applies at once (201); above it, a finance manager decides
   * through the approval workflow (202, status `pending_approval`).
   */
  async request(invoiceId: string, dto: RequestWriteOffDto, by: Principal): Promise<{ pending: boolean; view: WriteOffView }> {
    const invoice = await this.invoices.snapshot(invoiceId);
    const errors: FieldError[] = [];
    const amountMinor = dto.amount === undefined ? invoice.openAmountMinor : positiveAmount('amount', dto.amount, invoice.currency, errors);
    if (errors.length > 0) throw new FieldValidationError(errors);
    if (invoice.status !== 'open' || invoice.openAmountMinor <= 0n) {
      throw new ConflictError('INVOICE_NOT_OPEN', `Invoice ${invoice.externalId} is ${invoice.status}: nothing is left to write off`);
    }
    if (amountMinor > invoice.openAmountMinor) {
      throw new FieldRuleError('REDUCTION_REFUSED', [
        { field: 'amount', messages: [`exceeds the open amount ${formatAmount(invoice.openAmountMinor, invoice.currency)}`] },
      ]);
    }
    const entity = await this.entities.findById(invoice.entityId);
    if (!entity) throw new Error(`Invoice ${invoice.id}: legal entity not found`);
    const pending = writeOffNeedsApproval(amountMinor, invoice.currency, this.entities.writeOffThresholdsMinor(entity));

    const row = {
      invoiceId: invoice.id, customerId: invoice.customerId, currency: invoice.currency, amountMinor, reasonCode: dto.reasonCode,
      comment: dto.comment, requestedByUserId: by.userId, requestedByName: by.name,
    };
    if (pending) {
      const saved = await this.dataSource.manager
        .save(WriteOff, this.dataSource.manager.create(WriteOff, { ...row, status: 'pending_approval' }))
        .catch((err: unknown) => {
          if ((err as { code?: string }).code === '23505') {
            throw new ConflictError('WRITE_OFF_PENDING', `Invoice ${invoice.externalId} already has a write-off waiting for approval`);
          }
          throw err;
        });
      const workflowId = writeOffWorkflowId(saved.id);
      await this.client.workflow.start<typeof writeOffApprovalWorkflow>('writeOffApprovalWorkflow', {
        workflowId, taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        args: [{ writeOffId: saved.id, invoiceId: invoice.id, amountMinor: amountMinor.toString(), currency: invoice.currency, requesterUserId: by.userId }],
      });
      await this.dataSource.manager.update(WriteOff, { id: saved.id }, { workflowId });
      return { pending: true, view: await this.get(saved.id) };
    }
    const applied = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(WriteOff, m.create(WriteOff, { ...row, status: 'pending_approval' }));
      return { id: saved.id, ...(await this.store.applyIn(m, saved.id, null)) };
    });
    if (applied.reduced) await this.invoices.notifyReduced([applied.reduced], { cause: 'write_off', key: writeOffKey(applied.id) });
    if (applied.outcome.outboxId) await this.deliveries.start(applied.outcome.outboxId);
    return { pending: false, view: await this.get(applied.id) };
  }

  /** A finance manager's decision, through the workflow's update: it answers once the invoice is written off (or the rejection recorded). */
  async decide(id: string, dto: WriteOffDecisionDto, by: Principal): Promise<WriteOffView> {
    const writeOff = await this.find(id);
    if (writeOff.status !== 'pending_approval' || !writeOff.workflowId) {
      throw new ConflictError('WRITE_OFF_NOT_PENDING', `The write-off is ${writeOff.status}: it takes no more decisions`);
    }
    try {
      await this.client.workflow.getHandle(writeOff.workflowId).executeUpdate(decideWriteOffUpdate, {
        args: [{ decision: dto.decision, comment: dto.comment, decider: { userId: by.userId, name: by.name, roles: [...by.roles] } }],
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
        const type = err.cause.type as WriteOffRefusalCode;
        throw new AppError(type, err.cause.message, WRITE_OFF_REFUSAL_STATUS[type] ?? 409);
      }
      if (err instanceof WorkflowNotFoundError) throw new ConflictError('WRITE_OFF_NOT_PENDING', 'The write-off takes no more decisions');
      throw err;
    }
    return this.get(id);
  }

  async get(id: string): Promise<WriteOffView> {
    const writeOff = await this.find(id);
    const externalIds = await this.balances.externalIds([writeOff.invoiceId]);
    return toWriteOffView(writeOff, externalIds.get(writeOff.invoiceId) ?? '');
  }

  private async find(id: string): Promise<WriteOff> {
    const writeOff = isUuid(id) ? await this.dataSource.manager.findOneBy(WriteOff, { id }) : null;
    if (!writeOff) throw new NotFoundError('Write-off', id);
    return writeOff;
  }
}
