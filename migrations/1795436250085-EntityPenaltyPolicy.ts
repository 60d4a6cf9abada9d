import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EntityPenaltyPolicy1795436250085 implements MigrationInterface {
  name = 'EntityPenaltyPolicy1795436250085';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "legal_entities" ADD "penalty_policy" jsonb NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "legal_entities" DROP COLUMN "penalty_policy"`);
  }
}
