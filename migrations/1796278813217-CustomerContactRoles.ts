import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerContactRoles1796278813217 implements MigrationInterface {
  name = 'CustomerContactRoles1796278813217';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "roles" text array NOT NULL DEFAULT '{billing}'`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "opt_outs" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "postal_address" character varying(300)`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD "contact_id" uuid`);
    // Schema diffs do not see a changed CHECK under the same name: written out as the entity declares it.
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "collector_tasks" WHERE "kind" = 'contact_missing'`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded'))`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP COLUMN "contact_id"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "postal_address"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "opt_outs"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "roles"`);
  }
}
