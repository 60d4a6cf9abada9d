import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ErpDocuments1796265119002 implements MigrationInterface {
  name = 'ErpDocuments1796265119002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "credit_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "external_id" character varying(128) NOT NULL, "number" character varying(64) NOT NULL, "issue_date" date NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "unallocated_minor" bigint NOT NULL, "request_fingerprint" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_credit_notes_amounts" CHECK ("amount_minor" > 0 AND "unallocated_minor" >= 0 AND "unallocated_minor" <= "amount_minor"), CONSTRAINT "PK_4933888a20b5469e119ad74b9e9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_credit_notes_customer" ON "credit_notes"  ("customer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credit_notes_entity_external_id" ON "credit_notes"  ("entity_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "credit_note_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "credit_note_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "amount_minor" bigint NOT NULL, CONSTRAINT "ck_credit_note_allocations_amount" CHECK ("amount_minor" > 0), CONSTRAINT "PK_9b9fa3d2c9e12a155278e4683b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_credit_note_allocations_invoice" ON "credit_note_allocations"  ("invoice_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_credit_note_allocations_note_invoice" ON "credit_note_allocations"  ("credit_note_id", "invoice_id") `);
    await queryRunner.query(`CREATE TABLE "write_offs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "applied_minor" bigint, "reason_code" character varying(32) NOT NULL, "comment" text NOT NULL, "status" character varying(20) NOT NULL, "requested_by_user_id" uuid, "requested_by_name" character varying(300) NOT NULL, "decided_by_user_id" uuid, "decided_by_name" character varying(300), "decision_comment" text, "decided_at" TIMESTAMP WITH TIME ZONE, "applied_at" TIMESTAMP WITH TIME ZONE, "workflow_id" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_write_offs_amount" CHECK ("amount_minor" > 0), CONSTRAINT "ck_write_offs_status" CHECK ("status" IN ('pending_approval', 'applied', 'rejected', 'lapsed')), CONSTRAINT "PK_5ea700b624a2713f69dcf5998ae" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_write_offs_pending_invoice" ON "write_offs"  ("invoice_id") WHERE "status" = 'pending_approval'`);
    await queryRunner.query(`CREATE INDEX "ix_write_offs_invoice" ON "write_offs"  ("invoice_id") `);
    await queryRunner.query(`ALTER TABLE "legal_entities" ADD "write_off_approval_thresholds" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "payment_terms" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "payment_method" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "payment_terms" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "payment_method" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "credit_notes" ADD CONSTRAINT "FK_2912d12ecb2b1c27b62cc4fbbaf" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_notes" ADD CONSTRAINT "FK_b96f82f54605fcfb3064cdb00d7" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_note_allocations" ADD CONSTRAINT "FK_6aca69bb087a6af28a72bdeff33" FOREIGN KEY ("credit_note_id") REFERENCES "credit_notes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "credit_note_allocations" ADD CONSTRAINT "FK_d898ef9d4888f6c187a98fa2791" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "write_offs" ADD CONSTRAINT "FK_27235521f7c5f33e7c03013d093" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "write_offs" DROP CONSTRAINT "FK_27235521f7c5f33e7c03013d093"`);
    await queryRunner.query(`ALTER TABLE "credit_note_allocations" DROP CONSTRAINT "FK_d898ef9d4888f6c187a98fa2791"`);
    await queryRunner.query(`ALTER TABLE "credit_note_allocations" DROP CONSTRAINT "FK_6aca69bb087a6af28a72bdeff33"`);
    await queryRunner.query(`ALTER TABLE "credit_notes" DROP CONSTRAINT "FK_b96f82f54605fcfb3064cdb00d7"`);
    await queryRunner.query(`ALTER TABLE "credit_notes" DROP CONSTRAINT "FK_2912d12ecb2b1c27b62cc4fbbaf"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "payment_method"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "payment_terms"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "payment_method"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "payment_terms"`);
    await queryRunner.query(`ALTER TABLE "legal_entities" DROP COLUMN "write_off_approval_thresholds"`);
    await queryRunner.query(`DROP INDEX "public"."ix_write_offs_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."uq_write_offs_pending_invoice"`);
    await queryRunner.query(`DROP TABLE "write_offs"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credit_note_allocations_note_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credit_note_allocations_invoice"`);
    await queryRunner.query(`DROP TABLE "credit_note_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_credit_notes_entity_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credit_notes_customer"`);
    await queryRunner.query(`DROP TABLE "credit_notes"`);
  }
}
