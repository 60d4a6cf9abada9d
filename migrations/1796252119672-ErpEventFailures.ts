import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ErpEventFailures1796252119672 implements MigrationInterface {
  name = 'ErpEventFailures1796252119672';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" DROP CONSTRAINT "ck_erp_outbox_events_status"`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" ADD "last_response_status" integer`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" ADD "last_response_body" text`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" ADD "failed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" ADD "operator_retries" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" ADD CONSTRAINT "ck_erp_outbox_events_status_failed" CHECK ("status" IN ('pending', 'delivered', 'held', 'failed'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" DROP CONSTRAINT "ck_erp_outbox_events_status_failed"`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" DROP COLUMN "operator_retries"`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" DROP COLUMN "failed_at"`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" DROP COLUMN "last_response_body"`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" DROP COLUMN "last_response_status"`);
    await queryRunner.query(`ALTER TABLE "erp_outbox_events" ADD CONSTRAINT "ck_erp_outbox_events_status" CHECK (((status)::text = ANY ((ARRAY['pending'::character varying, 'delivered'::character varying, 'held'::character varying])::text[])))`);
  }
}
