import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentPlans1796281914392 implements MigrationInterface {
  name = 'PaymentPlans1796281914392';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "payment_plans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "invoice_ids" uuid array NOT NULL, "currency" character(3) NOT NULL, "principal_minor" bigint NOT NULL, "interest_minor" bigint NOT NULL, "fee_minor" bigint NOT NULL, "total_minor" bigint NOT NULL, "annual_interest_bp" integer NOT NULL, "instalments" jsonb NOT NULL, "grace_business_days" integer NOT NULL, "status" character varying(20) NOT NULL, "needs_approval" boolean NOT NULL, "decided_by" character varying(200), "decision_comment" character varying(2000), "paid_minor" bigint, "broken_seq" integer, "note" character varying(2000) NOT NULL DEFAULT '', "source_key" character varying(300), "created_by_user_id" uuid, "created_by_name" character varying(200) NOT NULL, "snapshot" jsonb NOT NULL, "workflow_id" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_payment_plans_status" CHECK ("status" IN ('pending_approval', 'active', 'completed', 'broken', 'rejected')), CONSTRAINT "PK_8f05aee900e96c2e0c24df48262" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_payment_plans_source_key" ON "payment_plans"  ("source_key") WHERE "source_key" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_payment_plans_created_at_id" ON "payment_plans"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_payment_plans_customer_status" ON "payment_plans"  ("customer_id", "status") `);
    await queryRunner.query(`ALTER TABLE "payment_plans" ADD CONSTRAINT "FK_9b1fbeba96249fe518dbb1f6f4d" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment_plans" ADD CONSTRAINT "FK_6067ce5e83318407ce66c4b9029" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_plans" DROP CONSTRAINT "FK_6067ce5e83318407ce66c4b9029"`);
    await queryRunner.query(`ALTER TABLE "payment_plans" DROP CONSTRAINT "FK_9b1fbeba96249fe518dbb1f6f4d"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_plans_customer_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_plans_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payment_plans_source_key"`);
    await queryRunner.query(`DROP TABLE "payment_plans"`);
  }
}
