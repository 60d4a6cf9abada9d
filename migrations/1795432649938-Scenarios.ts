import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scenarios1795432649938 implements MigrationInterface {
  name = 'Scenarios1795432649938';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scenarios" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "description" text, "draft" jsonb NOT NULL, "draft_revision" integer NOT NULL DEFAULT '1', "latest_version" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "archived_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_scenarios_latest_version" CHECK ("latest_version" IS NULL OR "latest_version" >= 1), CONSTRAINT "ck_scenarios_draft_revision" CHECK ("draft_revision" >= 1), CONSTRAINT "PK_a2af4912aab626639cca306b987" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenarios_entity_name" ON "scenarios"  ("entity_id", "name") `);
    await queryRunner.query(`CREATE TABLE "scenario_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "customer_external_id" character varying(128), "segment" character varying(64), "risk_class" character(1), "scenario_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_scenario_assignments_risk_class" CHECK ("risk_class" IN ('A', 'B', 'C', 'D', 'E')), CONSTRAINT "ck_scenario_assignments_kind" CHECK (CASE "kind"
  WHEN 'customer' THEN "customer_external_id" IS NOT NULL AND "segment" IS NULL AND "risk_class" IS NULL
  WHEN 'segment_risk' THEN "customer_external_id" IS NULL AND "segment" IS NOT NULL AND "risk_class" IS NOT NULL
  WHEN 'segment' THEN "customer_external_id" IS NULL AND "segment" IS NOT NULL AND "risk_class" IS NULL
  WHEN 'risk' THEN "customer_external_id" IS NULL AND "segment" IS NULL AND "risk_class" IS NOT NULL
  WHEN 'default' THEN "customer_external_id" IS NULL AND "segment" IS NULL AND "risk_class" IS NULL
  ELSE false END), CONSTRAINT "PK_b4ab2875fe573a9dd586c2258d4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_scenario_assignments_scenario" ON "scenario_assignments"  ("scenario_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_assignments_default" ON "scenario_assignments"  ("entity_id") WHERE "kind" = 'default'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_assignments_risk" ON "scenario_assignments"  ("entity_id", "risk_class") WHERE "kind" = 'risk'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_assignments_segment" ON "scenario_assignments"  ("entity_id", "segment") WHERE "kind" = 'segment'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_assignments_segment_risk" ON "scenario_assignments"  ("entity_id", "segment", "risk_class") WHERE "kind" = 'segment_risk'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_assignments_customer" ON "scenario_assignments"  ("entity_id", "customer_external_id") WHERE "kind" = 'customer'`);
    await queryRunner.query(`CREATE TABLE "scenario_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scenario_id" uuid NOT NULL, "version" integer NOT NULL, "definition" jsonb NOT NULL, "in_flight_policy" character varying(32) NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_by" text, CONSTRAINT "ck_scenario_versions_in_flight_policy" CHECK ("in_flight_policy" IN ('migrate_at_next_step', 'keep_version')), CONSTRAINT "ck_scenario_versions_version" CHECK ("version" >= 1), CONSTRAINT "PK_0c7b34ad7e0a1e80d1ee0f6ff0b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_versions_scenario_version" ON "scenario_versions"  ("scenario_id", "version") `);
    await queryRunner.query(`ALTER TABLE "customers" ADD "segment" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "customers" ADD "risk_class" character(1)`);
    await queryRunner.query(`ALTER TABLE "customers" ADD CONSTRAINT "ck_customers_risk_class" CHECK ("risk_class" IN ('A', 'B', 'C', 'D', 'E'))`);
    await queryRunner.query(`ALTER TABLE "scenarios" ADD CONSTRAINT "FK_b2ec0d6fd75cae306f103ab72ed" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scenario_assignments" ADD CONSTRAINT "FK_a98dae2000ee30bd7f36a2f9b53" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scenario_assignments" ADD CONSTRAINT "FK_b4025264f5707b4a7fb852d049c" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scenario_versions" ADD CONSTRAINT "FK_eb6d69c2e5fc07e186a2176bc75" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Written by hand (TypeORM does not diff triggers): a published version is
    // frozen, since workflows may still be running it. Publishing inserts a new row.
    await queryRunner.query(`CREATE FUNCTION "scenario_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'scenario_versions rows are immutable: publish a new version instead' USING ERRCODE = 'restrict_violation'; END $$`);
    await queryRunner.query(`CREATE TRIGGER "trg_scenario_versions_immutable" BEFORE UPDATE OR DELETE ON "scenario_versions" FOR EACH ROW EXECUTE FUNCTION "scenario_versions_immutable"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_scenario_versions_immutable" ON "scenario_versions"`);
    await queryRunner.query(`DROP FUNCTION "scenario_versions_immutable"()`);
    await queryRunner.query(`ALTER TABLE "scenario_versions" DROP CONSTRAINT "FK_eb6d69c2e5fc07e186a2176bc75"`);
    await queryRunner.query(`ALTER TABLE "scenario_assignments" DROP CONSTRAINT "FK_b4025264f5707b4a7fb852d049c"`);
    await queryRunner.query(`ALTER TABLE "scenario_assignments" DROP CONSTRAINT "FK_a98dae2000ee30bd7f36a2f9b53"`);
    await queryRunner.query(`ALTER TABLE "scenarios" DROP CONSTRAINT "FK_b2ec0d6fd75cae306f103ab72ed"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP CONSTRAINT "ck_customers_risk_class"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "risk_class"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "segment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_versions_scenario_version"`);
    await queryRunner.query(`DROP TABLE "scenario_versions"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_assignments_customer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_assignments_segment_risk"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_assignments_segment"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_assignments_risk"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_assignments_default"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scenario_assignments_scenario"`);
    await queryRunner.query(`DROP TABLE "scenario_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenarios_entity_name"`);
    await queryRunner.query(`DROP TABLE "scenarios"`);
  }
}
