import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsoleSessions1796264732277 implements MigrationInterface {
  name = 'ConsoleSessions1796264732277';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "console_accounts" ("user_id" uuid NOT NULL, "password_hash" text, "language" character varying(2) NOT NULL DEFAULT 'fr', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62d1175a5391e7f81e3df25d6f0" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "console_sessions" ("token_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_203b813dcc0698cbc2e97ba299c" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "ix_console_sessions_user" ON "console_sessions"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "sign_in_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" character varying(16) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2097ee1b62272fac6526b35398e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sign_in_links_user" ON "sign_in_links"  ("user_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_sign_in_links_user"`);
    await queryRunner.query(`DROP TABLE "sign_in_links"`);
    await queryRunner.query(`DROP INDEX "public"."ix_console_sessions_user"`);
    await queryRunner.query(`DROP TABLE "console_sessions"`);
    await queryRunner.query(`DROP TABLE "console_accounts"`);
  }
}
