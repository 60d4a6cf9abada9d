import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: the trigram index (text search on invoice numbers) is beyond TypeORM's schema
 * diff, which only produced the b-tree index below (the entity declares the trigram one with
 * `synchronize: false`).
 */
export class InvoiceSearchIndexes1796267556175 implements MigrationInterface {
  name = 'InvoiceSearchIndexes1796267556175';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_invoices_status_open_amount_id" ON "invoices"  ("status", "open_amount_minor", "id") `);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "ix_invoices_number_trgm" ON "invoices" USING gin ("number" gin_trgm_ops)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm stays installed: other indexes may use it, and it holds no data.
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_number_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_status_open_amount_id"`);
  }
}
