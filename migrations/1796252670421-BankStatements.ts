import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BankStatements1796252670421 implements MigrationInterface {
  name = 'BankStatements1796252670421';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "bank_statements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "format" character varying(16) NOT NULL, "account" text NOT NULL, "currency" character(3) NOT NULL, "from_date" date, "to_date" date, "opening_balance_minor" bigint, "closing_balance_minor" bigint, "file_sha256" character(64) NOT NULL, "encoding" character varying(8) NOT NULL, "line_count" integer NOT NULL, "duplicate_count" integer NOT NULL, "imported_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c1323356166100e9b4c6a21fda" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_bank_statements_entity_file" ON "bank_statements"  ("entity_id", "file_sha256") `);
    await queryRunner.query(`CREATE TABLE "bank_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "statement_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "account" text NOT NULL, "line_key" character(64) NOT NULL, "position" integer NOT NULL, "source_line" integer NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "booking_date" date NOT NULL, "value_date" date, "payer_name" text, "payer_iban" text, "payer_bic" text, "structured_reference" text, "creditor_reference" text, "end_to_end_id" text, "bank_reference" text, "remittance_text" text, "bank_transaction_code" text, "reversal" boolean NOT NULL, "return_reason" text, "raw_record" text NOT NULL, "status" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_bank_lines_status" CHECK ("status" IN ('auto_applied', 'suggested', 'confirmed', 'unmatched', 'ignored')), CONSTRAINT "PK_15ffc692f66eb277c20b8d828d1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_bank_lines_statement_position" ON "bank_lines"  ("statement_id", "position") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_bank_lines_entity_account_key" ON "bank_lines"  ("entity_id", "account", "line_key") `);
    await queryRunner.query(`ALTER TABLE "bank_statements" ADD CONSTRAINT "FK_388a95502979310650d105b0bd5" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "bank_lines" ADD CONSTRAINT "FK_56db6a001f92004f17ce761731b" FOREIGN KEY ("statement_id") REFERENCES "bank_statements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bank_lines" DROP CONSTRAINT "FK_56db6a001f92004f17ce761731b"`);
    await queryRunner.query(`ALTER TABLE "bank_statements" DROP CONSTRAINT "FK_388a95502979310650d105b0bd5"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bank_lines_entity_account_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_lines_statement_position"`);
    await queryRunner.query(`DROP TABLE "bank_lines"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bank_statements_entity_file"`);
    await queryRunner.query(`DROP TABLE "bank_statements"`);
  }
}
