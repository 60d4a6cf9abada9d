import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DunningPauseHistoryIndexes1795436291927 implements MigrationInterface {
  name = 'DunningPauseHistoryIndexes1795436291927';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_dunning_pauses_customer" ON "dunning_pauses"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "ix_dunning_pauses_invoice" ON "dunning_pauses"  ("invoice_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_dunning_pauses_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_dunning_pauses_customer"`);
  }
}
