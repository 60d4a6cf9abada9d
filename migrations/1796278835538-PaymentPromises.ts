import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentPromises1796278835538 implements MigrationInterface {
  name = 'PaymentPromises1796278835538';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "payment_promises" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "invoice_ids" uuid array NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "received_minor" bigint, "promised_for" date NOT NULL, "grace_business_days" integer NOT NULL, "grace_ends_on" date NOT NULL, "channel" character varying(16) NOT NULL, "note" character varying(2000) NOT NULL DEFAULT '', "status" character varying(16) NOT NULL, "kept_late" boolean, "escalated" boolean NOT NULL DEFAULT false, "source_key" character varying(300), "created_by_user_id" uuid, "created_by_name" character varying(200) NOT NULL, "snapshot" jsonb NOT NULL, "workflow_id" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_on" date, CONSTRAINT "ck_payment_promises_amount" CHECK ("amount_minor" > 0), CONSTRAINT "ck_payment_promises_status" CHECK ("status" IN ('open', 'kept', 'broken', 'cancelled')), CONSTRAINT "PK_cfe10ada758f8e238c81d9223d8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_payment_promises_source_key" ON "payment_promises"  ("source_key") WHERE "source_key" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_payment_promises_customer_status" ON "payment_promises"  ("customer_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_payment_promises_status" ON "payment_promises"  ("status") `);
    await queryRunner.query(`CREATE INDEX "ix_payment_promises_created_at_id" ON "payment_promises"  ("created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "payment_promises" ADD CONSTRAINT "FK_ffdc44d0113d0151e36adfe5f90" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment_promises" ADD CONSTRAINT "FK_c82b582f249f891034a0cc7a2ae" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_promises" DROP CONSTRAINT "FK_c82b582f249f891034a0cc7a2ae"`);
    await queryRunner.query(`ALTER TABLE "payment_promises" DROP CONSTRAINT "FK_ffdc44d0113d0151e36adfe5f90"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_promises_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_promises_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_promises_customer_status"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payment_promises_source_key"`);
    await queryRunner.query(`DROP TABLE "payment_promises"`);
  }
}
