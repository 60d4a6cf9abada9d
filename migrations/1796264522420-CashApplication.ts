import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CashApplication1796264522420 implements MigrationInterface {
  name = 'CashApplication1796264522420';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cash_payer_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "kind" character varying(8) NOT NULL, "key" text NOT NULL, "customer_id" uuid NOT NULL, "confirmations" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_cash_payer_links_kind" CHECK ("kind" IN ('iban', 'name')), CONSTRAINT "PK_b571e569701828f07a60ddb0963" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cash_payer_links_entity_kind_key_customer" ON "cash_payer_links" ("entity_id", "kind", "key", "customer_id") `);
    await queryRunner.query(`CREATE TABLE "cash_customer_credits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "bank_line_id" uuid NOT NULL, "payment_id" uuid NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "received_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_cash_customer_credits_amount" CHECK ("amount_minor" > 0), CONSTRAINT "PK_f11b77f750969d4a68c3313e250" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_cash_customer_credits_customer" ON "cash_customer_credits" ("entity_id", "customer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_cash_customer_credits_bank_line" ON "cash_customer_credits" ("bank_line_id") `);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "customer_id" uuid`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "proposal" jsonb`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "confidence" double precision`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "reasons" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "payment_id" uuid`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "applied_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD "applied_by" text`);
    await queryRunner.query(`CREATE INDEX "ix_bank_lines_entity_status" ON "bank_lines" ("entity_id", "status", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_bank_lines_entity_status"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "applied_by"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "applied_at"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "payment_id"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "reasons"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "confidence"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "proposal"`);
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP COLUMN "customer_id"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cash_customer_credits_bank_line"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cash_customer_credits_customer"`);
    await queryRunner.query(`DROP TABLE "cash_customer_credits"`);
    await queryRunner.query(`DROP INDEX "public"."uq_cash_payer_links_entity_kind_key_customer"`);
    await queryRunner.query(`DROP TABLE "cash_payer_links"`);
  }
}
