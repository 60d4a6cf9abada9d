import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ListIndexes1796267122914 implements MigrationInterface {
  name = 'ListIndexes1796267122914';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_credit_limit_requests_created_at_id" ON "credit_limit_requests"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_customers_name_id" ON "customers"  ("name", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_issue_date_id" ON "invoices"  ("issue_date", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_status_due_date_id" ON "invoices"  ("status", "due_date", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_invoices_due_date_id" ON "invoices"  ("due_date", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_disputes_created_at_id" ON "disputes"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_payments_received_at_id" ON "payments"  ("received_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_payments_received_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disputes_created_at_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_due_date_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_status_due_date_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_issue_date_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_customers_name_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_credit_limit_requests_created_at_id"`);
  }
}
