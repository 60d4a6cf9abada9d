import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditRiskExposureScores1795444173203 implements MigrationInterface {
  name = 'CreditRiskExposureScores1795444173203';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "credit_policies" ("scope" character varying(64) NOT NULL, "policy" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d7bee4dd4336a8649f071ccb85e" PRIMARY KEY ("scope"))`);
    await queryRunner.query(`CREATE TABLE "customer_open_orders" ("customer_id" uuid NOT NULL, "amount_minor" bigint NOT NULL, "currency" character(3) NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fb150b034b17c2e47d18838236d" PRIMARY KEY ("customer_id"))`);
    await queryRunner.query(`CREATE TABLE "customer_exposure_alerts" ("customer_id" uuid NOT NULL, "level" character varying(16) NOT NULL, "crossings" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_exposure_alerts_level" CHECK ("level" IN ('none', 'warning', 'over_limit')), CONSTRAINT "PK_300056c4a0726aabcc49f0cd582" PRIMARY KEY ("customer_id"))`);
    await queryRunner.query(`CREATE TABLE "customer_scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "customer_id" uuid NOT NULL, "as_of" date NOT NULL, "class" character(1) NOT NULL, "behaviour_class" character(1) NOT NULL, "previous_class" character(1), "figures" jsonb NOT NULL, "reasons" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_scores_class" CHECK ("class" IN ('A', 'B', 'C', 'D', 'E')), CONSTRAINT "PK_e1060b78dc3b659a4506d0f52b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_customer_scores_customer" ON "customer_scores"  ("customer_id", "seq") `);
    await queryRunner.query(`CREATE TABLE "customer_external_scores" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "customer_id" uuid NOT NULL, "provider" character varying(100) NOT NULL, "score" integer, "rating" character(1), "assessed_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_customer_external_scores_value" CHECK (("score" IS NULL) <> ("rating" IS NULL)), CONSTRAINT "PK_9d73ed5f8cb2ade02cfb1c62e92" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_customer_external_scores_customer" ON "customer_external_scores"  ("customer_id", "seq") `);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "FK_b5e4470da73f58f7a30a684242b"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ALTER COLUMN "invoice_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "FK_b5e4470da73f58f7a30a684242b" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Hand-added: TypeORM does not diff CHECK expressions.
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "collector_tasks" WHERE "kind" IN ('credit_alert', 'class_degraded')`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover'))`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "FK_b5e4470da73f58f7a30a684242b"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ALTER COLUMN "invoice_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "FK_b5e4470da73f58f7a30a684242b" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_external_scores_customer"`);
    await queryRunner.query(`DROP TABLE "customer_external_scores"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_scores_customer"`);
    await queryRunner.query(`DROP TABLE "customer_scores"`);
    await queryRunner.query(`DROP TABLE "customer_exposure_alerts"`);
    await queryRunner.query(`DROP TABLE "customer_open_orders"`);
    await queryRunner.query(`DROP TABLE "credit_policies"`);
  }
}
