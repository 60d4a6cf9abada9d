import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScenarioExecution1795433068140 implements MigrationInterface {
  name = 'ScenarioExecution1795433068140';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "collector_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(300) NOT NULL, "kind" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "invoice_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "step" character varying(64) NOT NULL, "title" character varying(300) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, "outcome" character varying(32), CONSTRAINT "ck_collector_tasks_status" CHECK ("status" IN ('open', 'done', 'cancelled')), CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover')), CONSTRAINT "PK_11c50cc51c1420eec81e9b73a74" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_collector_tasks_open" ON "collector_tasks"  ("status", "due_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_collector_tasks_idempotency_key" ON "collector_tasks"  ("idempotency_key") `);
    await queryRunner.query(`ALTER TABLE "legal_entities" ADD "business_calendar" jsonb NOT NULL DEFAULT '{"country": "FR"}'`);
    await queryRunner.query(`ALTER TABLE "legal_entities" ADD "sending_window" jsonb NOT NULL DEFAULT '{"endHour": 18, "startHour": 9, "businessDaysOnly": true}'`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "salesperson_email" character varying(320)`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "collection_stage" character varying(16) NOT NULL DEFAULT 'amicable'`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "scenario_id" uuid`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "scenario_version" integer`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "ck_invoices_collection_stage" CHECK ("collection_stage" IN ('amicable', 'litigation'))`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "FK_b5e4470da73f58f7a30a684242b" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "FK_c8d84181f495da26503242323fa" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "FK_c8d84181f495da26503242323fa"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "FK_b5e4470da73f58f7a30a684242b"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "ck_invoices_collection_stage"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "scenario_version"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "scenario_id"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "collection_stage"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "salesperson_email"`);
    await queryRunner.query(`ALTER TABLE "legal_entities" DROP COLUMN "sending_window"`);
    await queryRunner.query(`ALTER TABLE "legal_entities" DROP COLUMN "business_calendar"`);
    await queryRunner.query(`DROP INDEX "public"."uq_collector_tasks_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_collector_tasks_open"`);
    await queryRunner.query(`DROP TABLE "collector_tasks"`);
  }
}
