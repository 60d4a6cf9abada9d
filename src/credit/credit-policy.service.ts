import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ApprovalPolicy } from '../../workflows/domain/credit-approval-policy.js';
import type { CreditPolicy } from './order-check.js';
import type { FieldError } from '../common/validation.js';
import { FieldValidationError } from '../common/validation.js';
import { CreditPolicyRow } from './credit.entities.js';
import { DEFAULT_ENTITY_CREDIT_POLICY, parseCreditPolicy, policyFromStored, policyToWire, type CreditPolicySource, type EntityCreditPolicy } from './credit-policy.js';

export const DEFAULT_POLICY_SCOPE = 'default';
/** Another process (API vs worker) may have written a policy: entries older than this are re-read. */
const CACHE_TTL_MS = 30_000;

/**
 * Credit policies per legal entity, falling back to the `default` scope, then
 * to the built-in defaults. Cached in memory; a PUT through this process
 * invalidates at once, other processes within 30 s.
 */
@Injectable()
export class CreditPolicyService {
  private readonly cache = new Map<string, { policy: EntityCreditPolicy; scope: CreditPolicySource; at: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async policyFor(entityId: string): Promise<EntityCreditPolicy> {
    return (await this.resolve(entityId)).policy;
  }

  /** Credit-limit approval bands and delays in force for an entity. */
  async approvalPolicyFor(entityId: string): Promise<ApprovalPolicy> {
    return (await this.policyFor(entityId)).approval;
  }

  /** Order-check rules in force for an entity. */
  async orderCheckPolicyFor(entityId: string): Promise<CreditPolicy> {
    return (await this.policyFor(entityId)).orderCheck;
  }

  /** The policy in force for an entity and where it comes from (`entity`, `default` or `built-in`). */
  async resolve(entityId: string): Promise<{ policy: EntityCreditPolicy; scope: CreditPolicySource }> {
    const hit = this.cache.get(entityId);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit;
    const rows = await this.dataSource.manager
      .createQueryBuilder(CreditPolicyRow, 'p')
      .where('p.scope IN (:...scopes)', { scopes: [entityId, DEFAULT_POLICY_SCOPE] })
      .getMany();
    const own = rows.find((r) => r.scope === entityId);
    const fallback = rows.find((r) => r.scope === DEFAULT_POLICY_SCOPE);
    const row = own ?? fallback;
    const entry: { policy: EntityCreditPolicy; scope: CreditPolicySource; at: number } = {
      policy: row ? policyFromStored(row.policy) : DEFAULT_ENTITY_CREDIT_POLICY,
      scope: own ? 'entity' : fallback ? 'default' : 'built-in',
      at: Date.now(),
    };
    this.cache.set(entityId, entry);
    return entry;
  }

  /** Replaces the policy of `scope` (an entity id or `default`); 400 with field errors and nothing written when invalid. */
  async put(scope: string, body: unknown): Promise<EntityCreditPolicy> {
    const errors: FieldError[] = [];
    const policy = parseCreditPolicy(body, errors);
    if (!policy) throw new FieldValidationError(errors);
    await this.dataSource.manager.upsert(CreditPolicyRow, { scope, policy: policyToWire(policy) }, ['scope']);
    this.cache.clear();
    return policy;
  }
}
