import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScenarioExperiments1796279282535 implements MigrationInterface {
  name = 'ScenarioExperiments1796279282535';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scenario_experiments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scenario_id" uuid NOT NULL, "version_a" integer NOT NULL, "version_b" integer NOT NULL, "share_b" integer NOT NULL, "status" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "promoted_arm" character varying(1), "promoted_version" integer, CONSTRAINT "ck_scenario_experiments_promotion" CHECK (("status" = 'running' AND "promoted_arm" IS NULL AND "promoted_version" IS NULL AND "ended_at" IS NULL)
  OR ("status" = 'promoted' AND "promoted_arm" IN ('A', 'B') AND "promoted_version" IS NOT NULL AND "ended_at" IS NOT NULL)), CONSTRAINT "ck_scenario_experiments_status" CHECK ("status" IN ('running', 'promoted')), CONSTRAINT "ck_scenario_experiments_versions" CHECK ("version_a" >= 1 AND "version_b" >= 1 AND "version_a" <> "version_b"), CONSTRAINT "ck_scenario_experiments_share_b" CHECK ("share_b" BETWEEN 1 AND 99), CONSTRAINT "PK_4f3505d378987f45aeb755d8bd0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_scenario_experiments_scenario" ON "scenario_experiments"  ("scenario_id", "started_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_scenario_experiments_running" ON "scenario_experiments"  ("scenario_id") WHERE "status" = 'running'`);
    await queryRunner.query(`CREATE TABLE "scenario_experiment_assignments" ("invoice_id" uuid NOT NULL, "experiment_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "arm" character varying(1) NOT NULL, "version" integer NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_scenario_experiment_assignments_arm" CHECK ("arm" IN ('A', 'B')), CONSTRAINT "PK_cd3f29fc107d955a6063773a543" PRIMARY KEY ("invoice_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_scenario_experiment_assignments_experiment" ON "scenario_experiment_assignments"  ("experiment_id", "arm") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_scenario" ON "invoices"  ("scenario_id", "scenario_version") `);
    await queryRunner.query(`ALTER TABLE "scenario_experiments" ADD CONSTRAINT "FK_60f5baf355c77ce530a30922e7d" FOREIGN KEY ("scenario_id") REFERENCES "scenarios"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scenario_experiment_assignments" ADD CONSTRAINT "FK_cd3f29fc107d955a6063773a543" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "scenario_experiment_assignments" ADD CONSTRAINT "FK_c121ca1e727c4baa0becb29331d" FOREIGN KEY ("experiment_id") REFERENCES "scenario_experiments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "scenario_experiment_assignments" DROP CONSTRAINT "FK_c121ca1e727c4baa0becb29331d"`);
    await queryRunner.query(`ALTER TABLE "scenario_experiment_assignments" DROP CONSTRAINT "FK_cd3f29fc107d955a6063773a543"`);
    await queryRunner.query(`ALTER TABLE "scenario_experiments" DROP CONSTRAINT "FK_60f5baf355c77ce530a30922e7d"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_scenario"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scenario_experiment_assignments_experiment"`);
    await queryRunner.query(`DROP TABLE "scenario_experiment_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_scenario_experiments_running"`);
    await queryRunner.query(`DROP INDEX "public"."ix_scenario_experiments_scenario"`);
    await queryRunner.query(`DROP TABLE "scenario_experiments"`);
  }
}
