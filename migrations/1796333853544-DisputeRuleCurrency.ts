import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisputeRuleCurrency1796333853544 implements MigrationInterface {
  name = 'DisputeRuleCurrency1796333853544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispute_rules" ADD "currency" character(3)`);
    // Rules stating amounts were read in EUR (the API's default, and how they were shown): say so.
    await queryRunner.query(`UPDATE "dispute_rules" SET "currency" = 'EUR'
      WHERE "min_amount_minor" IS NOT NULL OR "max_amount_minor" IS NOT NULL OR "second_level_from_minor" IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "dispute_rules" DROP COLUMN "currency"`);
  }
}
