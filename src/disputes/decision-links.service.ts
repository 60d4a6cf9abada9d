import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { formatAmount } from '../../workflows/domain/money.js';
import { AppError } from '../common/errors.js';
import { InvoiceBalances } from '../invoices/invoice-balances.js';
import { UsersService } from '../users/users.service.js';
import { DecisionLinkSigner, type DecisionLinkPayload } from './decision-links.js';
import { DisputeDecisionLink } from './dispute-decision-link.entity.js';
import { Dispute } from './dispute.entity.js';
import { DisputesService } from './disputes.service.js';
import { Clock, systemClock } from '../clock/clock.js';

export interface LinkPage {
  status: number;
  title: string;
  lines: string[];
  /** Shown on the confirmation page: the form posting the decision. */
  confirm?: { action: string; label: string };
}

const DECISION_LABEL: Record<string, string> = { accept: 'Accept', reject: 'Reject', request_info: 'Request information' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderPage(page: LinkPage, token: string): string {
  const form = page.confirm
    ? `<form method="post" action="/decisions/${escapeHtml(token)}">
<label>Comment <textarea name="comment" maxlength="2000"></textarea></label>
<button type="submit">${escapeHtml(page.confirm.label)}</button></form>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title></head>
<body><h1>${escapeHtml(page.title)}</h1>${page.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${form}</body></html>`;
}

/**
 * Decisions from the email: GET shows what would be decided, POST records it.
 * Links are signed, expire, are single-use and bound to one validator, one
 * dispute, one decision and one level; a refusal changes nothing.
 */
@Injectable()
export class DecisionLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DecisionLinkSigner) private readonly signer: DecisionLinkSigner,
    @Inject(DisputesService) private readonly disputes: DisputesService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(InvoiceBalances) private readonly invoices: InvoiceBalances,
    @Optional() @Inject(Clock) private readonly clock: Clock = systemClock,
  ) {}

  private async check(token: string): Promise<{ page: LinkPage } | { payload: DecisionLinkPayload; link: DisputeDecisionLink; dispute: Dispute }> {
    const verified = this.signer.verify(token);
    if (!verified.ok) {
      return verified.reason === 'expired'
        ? { page: { status: 410, title: 'This link has expired', lines: ['Decision links are valid for a limited time. Decide from Relance instead.'] } }
        : { page: { status: 400, title: 'This link is not valid', lines: ['The link was altered or is incomplete. Nothing was recorded.'] } };
    }
    const p = verified.payload;
    const link = await this.dataSource.manager.findOneBy(DisputeDecisionLink, { nonce: String(p.n) });
    if (!link || link.disputeId !== p.d || link.userId !== p.u || link.decision !== p.x || link.level !== p.l) {
      return { page: { status: 400, title: 'This link is not valid', lines: ['The link does not match any decision request. Nothing was recorded.'] } };
    }
    if (link.expiresAt.getTime() <= this.clock.nowMs()) {
      return { page: { status: 410, title: 'This link has expired', lines: ['Decide from Relance instead.'] } };
    }
    if (link.usedAt) {
      return { page: { status: 409, title: 'This link has already been used', lines: [`It was used on ${link.usedAt.toISOString()}. Nothing more was recorded.`] } };
    }
    const dispute = await this.dataSource.manager.findOneBy(Dispute, { id: link.disputeId });
    if (!dispute) return { page: { status: 404, title: 'Dispute not found', lines: [] } };
    return { payload: p, link, dispute };
  }

  private async describe(d: Dispute, decision: string): Promise<string[]> {
    const invoices = await this.invoices.byIds(d.invoices.map((s) => s.invoiceId));
    const numbers = invoices.map((i) => i.number ?? i.externalId).join(', ');
    return [
      `Decision: ${DECISION_LABEL[decision] ?? decision}`,
      `Dispute ${d.id} (${d.reasonCode}) on invoice(s) ${numbers}`,
      `Amount: ${formatAmount(d.amountMinor, d.currency)} ${d.currency}`,
      `Customer comment: ${d.comment}`,
    ];
  }

  async show(token: string): Promise<LinkPage> {
    const checked = await this.check(token);
    if ('page' in checked) return checked.page;
    const { dispute, link } = checked;
    return {
      status: 200,
      title: `Confirm: ${DECISION_LABEL[link.decision] ?? link.decision}`,
      lines: await this.describe(dispute, link.decision),
      confirm: { action: token, label: `Confirm: ${DECISION_LABEL[link.decision] ?? link.decision}` },
    };
  }

  async confirm(token: string, comment: string | undefined): Promise<LinkPage> {
    const checked = await this.check(token);
    if ('page' in checked) return checked.page;
    const { dispute, link } = checked;
    const user = await this.users.findById(link.userId);
    if (!user?.active) return { status: 403, title: 'Not allowed', lines: ['This validator can no longer decide. Nothing was recorded.'] };
    // Claim the link first (one winner among concurrent confirmations), give it back if the decision is refused.
    const claimed = await this.dataSource.createQueryBuilder().update(DisputeDecisionLink).set({ usedAt: () => 'now()' })
      .where('nonce = :n AND used_at IS NULL', { n: link.nonce }).execute();
    if (!claimed.affected) return { status: 409, title: 'This link has already been used', lines: ['Nothing more was recorded.'] };
    try {
      await this.disputes.decide(dispute, {
        decision: link.decision as 'accept' | 'reject' | 'request_info', amountMinor: null,
        comment: comment?.trim() ? comment.trim().slice(0, 2000) : 'Decided from the email link',
        decider: { userId: user.id, name: user.name }, linkLevel: link.level as 1 | 2,
      });
    } catch (err) {
      await this.dataSource.manager.update(DisputeDecisionLink, { nonce: link.nonce }, { usedAt: null });
      if (err instanceof AppError) {
        return { status: err.httpStatus, title: 'Decision refused', lines: [err.message, 'Nothing was recorded.'] };
      }
      throw err;
    }
    return {
      status: 200,
      title: 'Decision recorded',
      lines: await this.describe(dispute, link.decision),
    };
  }
}
