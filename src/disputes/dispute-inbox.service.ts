import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { formatAmount } from '../../workflows/domain/money.js';
import { Dispute } from './dispute.entity.js';

/** Statuses in which a dispute still waits for a decision or an answer. */
const IN_REVIEW = ['open', 'in_review', 'info_requested'];
const INBOX_LIMIT = 200;

export interface InboxItem {
  id: string;
  status: string;
  type: string;
  reasonCode: string;
  comment: string;
  amount: { amount: string; currency: string };
  invoiceCount: number;
  validatorGroup: string;
  createdAt: string;
  /** When the resolution SLA runs out. */
  dueAt: string;
}

/**
 * A validator's inbox: the disputes still in review that are assigned to them
 * (their validator group, the group's manager, the second level), oldest first.
 * Same assignment rule as `isAssignedTo`, evaluated in SQL on the opening snapshot.
 */
@Injectable()
export class DisputeInboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inboxOf(principal: Principal): Promise<InboxItem[]> {
    const userId = principal.userId ?? '';
    const rows = await this.dataSource.manager
      .createQueryBuilder(Dispute, 'd')
      .where('d.status IN (:...statuses)', { statuses: IN_REVIEW })
      .andWhere(
        `(d.snapshot->>'validatorGroup' = ANY(CAST(:groups AS text[])) OR d.snapshot->'level1UserIds' ? :userId
          OR d.snapshot->>'managerUserId' = :userId
          OR (d.snapshot->>'secondLevelFromMinor' IS NOT NULL AND d.snapshot->'level2UserIds' ? :userId))`,
        { groups: [...principal.groups], userId },
      )
      .orderBy('d.created_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(INBOX_LIMIT)
      .getMany();
    return rows.map((d) => ({
      id: d.id, status: d.status, type: d.type, reasonCode: d.reasonCode, comment: d.comment,
      amount: { amount: formatAmount(d.amountMinor, d.currency), currency: d.currency },
      invoiceCount: d.invoices.length, validatorGroup: d.snapshot.validatorGroup, createdAt: d.createdAt.toISOString(),
      dueAt: new Date(d.createdAt.getTime() + d.snapshot.resolutionHours * 3_600_000).toISOString(),
    }));
  }
}
