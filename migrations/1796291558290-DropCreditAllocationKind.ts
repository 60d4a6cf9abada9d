import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger kind `credit_allocation` never had a writer (credit notes are allocated when the
 * ERP sends them, as `credit_note` rows): it leaves the kinds a movement may have. Written by
 * hand: TypeORM's schema diff does not compare CHECK expressions.
 */
export class DropCreditAllocationKind1796291558290 implements MigrationInterface {
  name = 'DropCreditAllocationKind1796291558290';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "receivable_movements" DROP CONSTRAINT "ck_receivable_movements_kind"`);
    await queryRunner.query(`ALTER TABLE "receivable_movements" ADD CONSTRAINT "ck_receivable_movements_kind" CHECK ("kind" IN ('invoice', 'payment', 'credit_note', 'write_off', 'cancellation', 'adjustment'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "receivable_movements" DROP CONSTRAINT "ck_receivable_movements_kind"`);
    await queryRunner.query(`ALTER TABLE "receivable_movements" ADD CONSTRAINT "ck_receivable_movements_kind" CHECK ("kind" IN ('invoice', 'payment', 'credit_note', 'credit_allocation', 'write_off', 'cancellation', 'adjustment'))`);
  }
}
