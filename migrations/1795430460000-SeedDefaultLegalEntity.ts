import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The entity that ERP calls without an `entity` field belong to. */
export class SeedDefaultLegalEntity1795430460000 implements MigrationInterface {
  name = 'SeedDefaultLegalEntity1795430460000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO "legal_entities" ("code", "name", "country", "time_zone") VALUES ('default', 'Default entity', 'FR', 'Europe/Paris') ON CONFLICT DO NOTHING`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "legal_entities" WHERE "code" = 'default'`);
  }
}
