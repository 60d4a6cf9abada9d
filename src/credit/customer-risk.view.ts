import { formatAmount } from '../../workflows/domain/money.js';
import type { CreditLimitRecord } from '../credit-limit-requests/credit-limit-history.js';
import type { CustomerExternalScore, CustomerScore, ExposureAlertLevel } from './credit.entities.js';
import type { CustomerDisputeFigures } from './customer-disputes.port.js';
import type { CustomerSituation } from './customer-situation.service.js';
import type { ScoreReason, ScoreReasonParams } from './payment-behaviour-score.js';

/** A class reason as shown: `params` null for one stored before reasons had them (its English message says it all). */
export type RiskReasonView = Omit<ScoreReason, 'params'> & { params: ScoreReasonParams | null };

/** A receipt the payment prediction expects (from src/prediction/ when present). */
export interface PredictedReceipt {
  date: string;
  amount: string;
  currency: string;
  [key: string]: unknown;
}

export interface CustomerRiskInput {
  situation: CustomerSituation;
  /** The limit's currency, or the entity's when the customer has no limit. */
  currency: string;
  exposureAlertSharePercent: number;
  /** Newest first. */
  limits: readonly CreditLimitRecord[];
  score: CustomerScore | null;
  external: CustomerExternalScore | null;
  alertLevel: ExposureAlertLevel;
  disputes: CustomerDisputeFigures;
}

/** GET /customers/:externalId/risk: limit and its history, exposure, class with reasons, alerts, predicted receipts. */
export function buildCustomerRiskView(input: CustomerRiskInput, predictedReceipts: readonly PredictedReceipt[]) {
  const { situation: s, currency } = input;
  const fmt = (m: bigint) => formatAmount(m, currency);
  const orders = s.ordersCurrency === null || s.ordersCurrency === currency ? s.ordersMinor : 0n;
  const total = s.receivablesMinor + orders;
  const share = s.limitMinor !== null && s.limitMinor > 0n ? percent(total, s.limitMinor) : null;
  return {
    customerExternalId: s.externalId,
    name: s.name,
    currency,
    limit: s.limitMinor === null ? null : {
      amount: fmt(s.limitMinor),
      currency: s.limitCurrency,
      history: input.limits.map((l) => ({
        amount: l.amountMinor === null ? null : formatAmount(l.amountMinor, l.currency), currency: l.currency, kind: l.kind,
        validUntil: l.validUntil, requestId: l.requestId, at: l.createdAt.toISOString(),
      })),
    },
    exposure: {
      receivables: fmt(s.receivablesMinor),
      openOrders: fmt(orders),
      openOrdersAsOf: s.ordersAsOf,
      total: fmt(total),
      shareOfLimitPercent: share,
      alertSharePercent: input.exposureAlertSharePercent,
      alertLevel: input.alertLevel,
    },
    riskClass: s.riskClass,
    score: input.score === null ? null : {
      class: input.score.class,
      behaviourClass: input.score.behaviourClass,
      previousClass: input.score.previousClass,
      asOf: input.score.asOf,
      scoredAt: input.score.createdAt.toISOString(),
      figures: input.score.figures,
      // Stored as the scoring wrote them (scoreCustomer's ScoreReason[], without params before they existed).
      reasons: (input.score.reasons as (Omit<ScoreReason, 'params'> & { params?: ScoreReasonParams })[])
        .map((r): RiskReasonView => ({ code: r.code, message: r.message, value: r.value, params: r.params ?? null })),
    },
    externalScore: input.external === null ? null : {
      provider: input.external.provider, score: input.external.score, rating: input.external.rating, asOf: input.external.assessedOn,
    },
    openDisputes: { amount: fmt(input.disputes.openAmountMinor), count: input.disputes.openCount },
    oldestOverdueDays: s.oldestOverdueDays,
    predictedReceipts,
  };
}

/** part / whole × 100 with one decimal, half-up. */
function percent(part: bigint, whole: bigint): string {
  const tenths = (part * 2000n + whole) / (2n * whole);
  return `${tenths / 10n}.${tenths % 10n}`;
}
