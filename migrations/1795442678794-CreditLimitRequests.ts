import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditLimitRequests1795442678794 implements MigrationInterface {
  name = 'CreditLimitRequests1795442678794';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "credit_limit_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "level" integer NOT NULL, "role" character varying(32) NOT NULL, "user_id" uuid NOT NULL, "decision" character varying(8) NOT NULL, "amount_minor" bigint, "comment" text NOT NULL, "as_escalation" boolean NOT NULL DEFAULT false, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_credit_limit_decisions_decision" CHECK ("decision" IN ('approve', 'reject')), CONSTRAINT "PK_6951380b265ecd190ef3775d0fd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credit_limit_decisions_request_level" ON "credit_limit_decisions"  ("request_id", "level") `);
    await queryRunner.query(`CREATE TABLE "credit_limit_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "reason" text NOT NULL, "until" date, "requester_user_id" uuid, "requester_name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "approved_amount_minor" bigint, "chain" jsonb NOT NULL, "level_events" jsonb NOT NULL DEFAULT '[]', "sales_opinion" character varying(16), "sales_opinion_comment" text, "sales_opinion_user_id" uuid, "sales_opinion_at" TIMESTAMP WITH TIME ZONE, "workflow_id" character varying(200) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "reverted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_credit_limit_requests_status" CHECK ("status" IN ('pending', 'approved', 'rejected', 'reverted', 'superseded')), CONSTRAINT "PK_2298507da370c2f3bb8c0990dd5" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_credit_limit_requests_customer" ON "credit_limit_requests"  ("customer_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_credit_limit_requests_customer"`);
    await queryRunner.query(`DROP TABLE "credit_limit_requests"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credit_limit_decisions_request_level"`);
    await queryRunner.query(`DROP TABLE "credit_limit_decisions"`);
  }
}
