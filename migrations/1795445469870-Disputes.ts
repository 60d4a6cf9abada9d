import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Disputes1795445469870 implements MigrationInterface {
  name = 'Disputes1795445469870';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dispute_decision_links" ("nonce" character varying(64) NOT NULL, "dispute_id" uuid NOT NULL, "user_id" uuid NOT NULL, "decision" character varying(16) NOT NULL, "level" integer NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6499e48830bbc2c35a1c41c3127" PRIMARY KEY ("nonce"))`);
    await queryRunner.query(`CREATE INDEX "ix_dispute_decision_links_dispute" ON "dispute_decision_links"  ("dispute_id") `);
    await queryRunner.query(`CREATE TABLE "dispute_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dispute_id" uuid NOT NULL, "event_key" character varying(100) NOT NULL, "event" character varying(32) NOT NULL, "status_from" character varying(16), "status_to" character varying(16) NOT NULL, "actor_user_id" uuid, "actor_name" character varying(200) NOT NULL, "comment" text NOT NULL, "data" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_791ab0a705af485ff4e976fa78c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_dispute_events_key" ON "dispute_events"  ("dispute_id", "event_key") `);
    await queryRunner.query(`CREATE TABLE "dispute_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reason_code" character varying(32), "entity_id" uuid, "min_amount_minor" bigint, "max_amount_minor" bigint, "validator_group" character varying(64) NOT NULL, "resolution_hours" integer NOT NULL, "second_level_from_minor" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f5eb442eda3303da5c258ac59e2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "disputes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "reason_code" character varying(32) NOT NULL, "type" character varying(16) NOT NULL, "comment" text NOT NULL, "attachments" jsonb NOT NULL DEFAULT '[]', "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "invoices" jsonb NOT NULL, "status" character varying(16) NOT NULL, "accepted_amount_minor" bigint, "source_key" character varying(300), "opened_by_user_id" uuid, "opened_by_name" character varying(200) NOT NULL, "snapshot" jsonb NOT NULL, "workflow_id" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3c97580d01c1a4b0b345c42a107" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_disputes_source_key" ON "disputes"  ("source_key") WHERE "source_key" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_disputes_status_reason" ON "disputes"  ("status", "reason_code") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_disputes_status_reason"`);
    await queryRunner.query(`DROP INDEX "public"."uq_disputes_source_key"`);
    await queryRunner.query(`DROP TABLE "disputes"`);
    await queryRunner.query(`DROP TABLE "dispute_rules"`);
    await queryRunner.query(`DROP INDEX "public"."uq_dispute_events_key"`);
    await queryRunner.query(`DROP TABLE "dispute_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dispute_decision_links_dispute"`);
    await queryRunner.query(`DROP TABLE "dispute_decision_links"`);
  }
}
