import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreditLimitPreviousLimit1795442730310 implements MigrationInterface {
  name = 'CreditLimitPreviousLimit1795442730310';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credit_limit_requests" ADD "previous_limit" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "credit_limit_requests" DROP COLUMN "previous_limit"`);
  }
}
