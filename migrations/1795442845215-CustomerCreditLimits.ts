import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerCreditLimits1795442845215 implements MigrationInterface {
  name = 'CustomerCreditLimits1795442845215';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customer_credit_limits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "customer_id" uuid NOT NULL, "amount_minor" bigint, "currency" character(3) NOT NULL, "kind" character varying(16) NOT NULL, "valid_until" date, "request_id" uuid, "previous_amount_minor" bigint, "previous_currency" character(3), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_credit_limits_kind" CHECK ("kind" IN ('permanent', 'temporary', 'revert', 'manual')), CONSTRAINT "PK_83e7bfa9a9c2162ccc2c253711d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_customer_credit_limits_customer" ON "customer_credit_limits"  ("customer_id", "seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_customer_credit_limits_customer"`);
    await queryRunner.query(`DROP TABLE "customer_credit_limits"`);
  }
}
