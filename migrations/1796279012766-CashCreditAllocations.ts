import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated, plus by hand the payer-link kind `style` (learned reference styles): TypeORM's schema
 * diff does not see a changed CHECK expression.
 */
export class CashCreditAllocations1796279012766 implements MigrationInterface {
  name = 'CashCreditAllocations1796279012766';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "cash_credit_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "credit_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "invoice_external_id" character varying(128) NOT NULL, "invoice_number" character varying(128) NOT NULL, "amount_minor" bigint NOT NULL, "allocated_on" date NOT NULL, "allocated_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_cash_credit_allocations_amount" CHECK ("amount_minor" > 0), CONSTRAINT "PK_53019161c8412bd2bc02143e60d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_cash_credit_allocations_credit" ON "cash_credit_allocations"  ("credit_id") `);
    await queryRunner.query(`ALTER TABLE "cash_customer_credits" ADD "allocated_minor" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "cash_customer_credits" ADD CONSTRAINT "ck_cash_customer_credits_allocated" CHECK ("allocated_minor" >= 0 AND "allocated_minor" <= "amount_minor")`);
    await queryRunner.query(`ALTER TABLE "cash_credit_allocations" ADD CONSTRAINT "FK_79b18f360adba42a139454b4c98" FOREIGN KEY ("credit_id") REFERENCES "cash_customer_credits"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cash_payer_links" DROP CONSTRAINT "ck_cash_payer_links_kind"`);
    await queryRunner.query(`ALTER TABLE "cash_payer_links" ADD CONSTRAINT "ck_cash_payer_links_kind" CHECK ("kind" IN ('iban', 'name', 'style'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "cash_payer_links" WHERE "kind" = 'style'`);
    await queryRunner.query(`ALTER TABLE "cash_payer_links" DROP CONSTRAINT "ck_cash_payer_links_kind"`);
    await queryRunner.query(`ALTER TABLE "cash_payer_links" ADD CONSTRAINT "ck_cash_payer_links_kind" CHECK ("kind" IN ('iban', 'name'))`);
    await queryRunner.query(`ALTER TABLE "cash_credit_allocations" DROP CONSTRAINT "FK_79b18f360adba42a139454b4c98"`);
    await queryRunner.query(`ALTER TABLE "cash_customer_credits" DROP CONSTRAINT "ck_cash_customer_credits_allocated"`);
    await queryRunner.query(`ALTER TABLE "cash_customer_credits" DROP COLUMN "allocated_minor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_cash_credit_allocations_credit"`);
    await queryRunner.query(`DROP TABLE "cash_credit_allocations"`);
  }
}
