import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollectorWorkspace1796278748452 implements MigrationInterface {
  name = 'CollectorWorkspace1796278748452';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "collector_rules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid, "segment" character varying(64), "salesperson_email" character varying(320), "risk_class" character(1), "currency" character(3), "min_amount_minor" bigint, "max_amount_minor" bigint, "collector_user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_collector_rules_band" CHECK (("min_amount_minor" IS NULL AND "max_amount_minor" IS NULL) OR "currency" IS NOT NULL), CONSTRAINT "ck_collector_rules_risk_class" CHECK ("risk_class" IN ('A', 'B', 'C', 'D', 'E')), CONSTRAINT "PK_c1b8ad0eea0d3e8f53682431774" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_collector_rules_collector" ON "collector_rules"  ("collector_user_id") `);
    await queryRunner.query(`CREATE TABLE "customer_collectors" ("customer_id" uuid NOT NULL, "collector_user_id" uuid NOT NULL, "assigned_by" character varying(200) NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_40bea51cd4f72908149cf83da96" PRIMARY KEY ("customer_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_customer_collectors_collector" ON "customer_collectors"  ("collector_user_id") `);
    await queryRunner.query(`CREATE TABLE "customer_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "invoice_id" uuid, "author_user_id" uuid, "author_name" character varying(200) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8a41bce1fe0094bd7a9c5266cc8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_customer_notes_invoice" ON "customer_notes"  ("invoice_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_customer_notes_customer" ON "customer_notes"  ("customer_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD "assignee_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD "snoozed_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD "note" text`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD "closed_by" character varying(200)`);
    await queryRunner.query(`CREATE INDEX "ix_collector_tasks_customer" ON "collector_tasks"  ("customer_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_collector_tasks_assignee" ON "collector_tasks"  ("assignee_user_id", "status") `);
    await queryRunner.query(`ALTER TABLE "collector_rules" ADD CONSTRAINT "FK_f759b6e9b9b5618dee9fff487ea" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "customer_collectors" ADD CONSTRAINT "FK_40bea51cd4f72908149cf83da96" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "customer_notes" ADD CONSTRAINT "FK_b77784184daa7589018ac4e8402" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "customer_notes" ADD CONSTRAINT "FK_cbef839d8be38f6274356fe02ae" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_notes" DROP CONSTRAINT "FK_cbef839d8be38f6274356fe02ae"`);
    await queryRunner.query(`ALTER TABLE "customer_notes" DROP CONSTRAINT "FK_b77784184daa7589018ac4e8402"`);
    await queryRunner.query(`ALTER TABLE "customer_collectors" DROP CONSTRAINT "FK_40bea51cd4f72908149cf83da96"`);
    await queryRunner.query(`ALTER TABLE "collector_rules" DROP CONSTRAINT "FK_f759b6e9b9b5618dee9fff487ea"`);
    await queryRunner.query(`DROP INDEX "public"."ix_collector_tasks_assignee"`);
    await queryRunner.query(`DROP INDEX "public"."ix_collector_tasks_customer"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP COLUMN "closed_by"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP COLUMN "note"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP COLUMN "snoozed_until"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP COLUMN "assignee_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_notes_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_notes_invoice"`);
    await queryRunner.query(`DROP TABLE "customer_notes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customer_collectors_collector"`);
    await queryRunner.query(`DROP TABLE "customer_collectors"`);
    await queryRunner.query(`DROP INDEX "public"."ix_collector_rules_collector"`);
    await queryRunner.query(`DROP TABLE "collector_rules"`);
  }
}
