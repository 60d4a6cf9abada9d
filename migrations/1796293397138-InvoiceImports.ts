import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InvoiceImports1796293397138 implements MigrationInterface {
  name = 'InvoiceImports1796293397138';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "file_sha256" character(64) NOT NULL, "file_name" character varying(255), "format" character varying(8) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'loading', "total_rows" integer NOT NULL, "rows_done" integer NOT NULL DEFAULT '0', "rows_failed" integer NOT NULL DEFAULT '0', "workflow_id" character varying(200) NOT NULL, "submitted_by" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "loading_started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_imports_format" CHECK ("format" IN ('csv', 'jsonl')), CONSTRAINT "ck_imports_status" CHECK ("status" IN ('loading', 'completed')), CONSTRAINT "PK_ea10c62f5eb1d75e83d8b5225db" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_imports_file_sha256" ON "imports"  ("file_sha256") `);
    await queryRunner.query(`CREATE TABLE "import_rows" ("import_id" uuid NOT NULL, "row_number" integer NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "error" text, CONSTRAINT "ck_import_rows_status" CHECK ("status" IN ('pending', 'done', 'failed')), CONSTRAINT "PK_91bb5e34a40913867fcc14d42bc" PRIMARY KEY ("import_id", "row_number"))`);
    await queryRunner.query(`CREATE INDEX "ix_import_rows_pending" ON "import_rows"  ("import_id", "status", "row_number") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_import_rows_pending"`);
    await queryRunner.query(`DROP TABLE "import_rows"`);
    await queryRunner.query(`DROP INDEX "public"."uq_imports_file_sha256"`);
    await queryRunner.query(`DROP TABLE "imports"`);
  }
}
