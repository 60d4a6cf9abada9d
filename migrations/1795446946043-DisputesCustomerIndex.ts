import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisputesCustomerIndex1795446946043 implements MigrationInterface {
  name = 'DisputesCustomerIndex1795446946043';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_disputes_customer_status" ON "disputes"  ("customer_id", "status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_disputes_customer_status"`);
  }
}
