import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DunningPauses1795432392882 implements MigrationInterface {
  name = 'DunningPauses1795432392882';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "dunning_pauses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scope" character varying(16) NOT NULL, "invoice_id" uuid, "customer_id" uuid NOT NULL, "reason" character varying(500) NOT NULL, "until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "resumed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_dunning_pauses_invoice_scope" CHECK (("scope" = 'invoice') = ("invoice_id" IS NOT NULL)), CONSTRAINT "ck_dunning_pauses_scope" CHECK ("scope" IN ('invoice', 'customer')), CONSTRAINT "PK_824013996c5da2be38a2ac00123" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_dunning_pauses_open_customer" ON "dunning_pauses"  ("customer_id") WHERE "scope" = 'customer' AND "resumed_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_dunning_pauses_open_invoice" ON "dunning_pauses"  ("invoice_id") WHERE "scope" = 'invoice' AND "resumed_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "dunning_pauses" ADD CONSTRAINT "FK_6242cf658929ed47c7fddb3c08d" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "dunning_pauses" ADD CONSTRAINT "FK_28a9b13c84a6d21f49d2fe9fc7f" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dunning_pauses" DROP CONSTRAINT "FK_28a9b13c84a6d21f49d2fe9fc7f"`);
    await queryRunner.query(`ALTER TABLE "dunning_pauses" DROP CONSTRAINT "FK_6242cf658929ed47c7fddb3c08d"`);
    await queryRunner.query(`DROP INDEX "public"."uq_dunning_pauses_open_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."uq_dunning_pauses_open_customer"`);
    await queryRunner.query(`DROP TABLE "dunning_pauses"`);
  }
}
