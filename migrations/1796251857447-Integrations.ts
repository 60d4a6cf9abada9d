import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Integrations1796251857447 implements MigrationInterface {
  name = 'Integrations1796251857447';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "integrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "token_hash" character(64) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9adcdc6d6f3922535361ce641e8" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_integrations_token_hash" ON "integrations"  ("token_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_integrations_name" ON "integrations"  ("name") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_integrations_name"`);
    await queryRunner.query(`DROP INDEX "public"."uq_integrations_token_hash"`);
    await queryRunner.query(`DROP TABLE "integrations"`);
  }
}
