import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CreditLimitHistory } from '../credit-limit-requests/credit-limit-history.js';
import { CreditPolicyService } from './credit-policy.service.js';
import { CustomerExposureAlert, CustomerExternalScore, CustomerScore } from './credit.entities.js';
import { CUSTOMER_DISPUTES, NO_DISPUTES, type CustomerDisputesPort } from './customer-disputes.port.js';
import { buildCustomerRiskView, type PredictedReceipt } from './customer-risk.view.js';
import { CustomerScoringService } from './customer-scoring.service.js';
import { CustomerSituationService, entityCurrency } from './customer-situation.service.js';

/** GET /customers/:externalId/risk: the customer's limit and its history, exposure, class with reasons, alerts. */
@Injectable()
export class CustomerRiskService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CustomerSituationService) private readonly situations: CustomerSituationService,
    @Inject(CustomerScoringService) private readonly scoring: CustomerScoringService,
    @Inject(CreditPolicyService) private readonly policies: CreditPolicyService,
    @Inject(CreditLimitHistory) private readonly limits: CreditLimitHistory,
    @Inject(CUSTOMER_DISPUTES) private readonly disputes: CustomerDisputesPort,
  ) {}

  /** Throws DependencyUnavailableError when disputes cannot be read. */
  async risk(entityCode: string | undefined, externalId: string, predictedReceipts: readonly PredictedReceipt[] = []) {
    const entity = await this.situations.entityByCode(entityCode);
    let s = await this.situations.situation(entity, externalId);
    // Every customer has a class with its reasons: one never scored yet (new since the last night) is scored now.
    if (!(await this.scoring.isScored(s.customerId))) {
      await this.scoring.rescore([s.customerId]);
      s = await this.situations.situation(entity, externalId);
    }
    const m = this.dataSource.manager;
    const [policy, limits, score, external, alert] = await Promise.all([
      this.policies.policyFor(entity.id),
      this.limits.recent(s.customerId, 20),
      m.findOne(CustomerScore, { where: { customerId: s.customerId }, order: { seq: 'DESC' } }),
      m.findOne(CustomerExternalScore, { where: { customerId: s.customerId }, order: { seq: 'DESC' } }),
      m.findOneBy(CustomerExposureAlert, { customerId: s.customerId }),
    ]);
    const currency = s.limitCurrency ?? entityCurrency(entity);
    const disputes = (await this.disputes.figures([s.customerId], currency)).get(s.customerId) ?? NO_DISPUTES;
    return buildCustomerRiskView({
      situation: s, currency, exposureAlertSharePercent: policy.exposureAlertSharePercent,
      limits, score, external, alertLevel: alert?.level ?? 'none', disputes,
    }, predictedReceipts);
  }
}
