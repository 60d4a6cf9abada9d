import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UsersGroupsInternalMailErpOutbox1795440698948 implements MigrationInterface {
  name = 'UsersGroupsInternalMailErpOutbox1795440698948';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "erp_outbox_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(300) NOT NULL, "type" character varying(100) NOT NULL, "data" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_erp_outbox_events_status" CHECK ("status" IN ('pending', 'delivered', 'held')), CONSTRAINT "PK_da642d485da96927036b8274205" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_erp_outbox_events_status" ON "erp_outbox_events"  ("status", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_erp_outbox_events_idempotency_key" ON "erp_outbox_events"  ("idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "roles" text array NOT NULL DEFAULT '{}', "groups" text array NOT NULL DEFAULT '{}', "token_hash" character(64) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_token_hash" ON "users"  ("token_hash") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_users_email" ON "users"  ("email") `);
    await queryRunner.query(`CREATE TABLE "user_groups" ("code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "manager_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ada73a1f809a54ba64713867088" PRIMARY KEY ("code"))`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD "audience" character varying(16) NOT NULL DEFAULT 'customer'`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "ck_outbound_messages_audience" CHECK ("audience" IN ('customer', 'internal'))`);
    await queryRunner.query(`ALTER TABLE "user_groups" ADD CONSTRAINT "FK_1b262ecaf35f5c95fccf0bab077" FOREIGN KEY ("manager_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_groups" DROP CONSTRAINT "FK_1b262ecaf35f5c95fccf0bab077"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP CONSTRAINT "ck_outbound_messages_audience"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP COLUMN "audience"`);
    await queryRunner.query(`DROP TABLE "user_groups"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_email"`);
    await queryRunner.query(`DROP INDEX "public"."uq_users_token_hash"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."uq_erp_outbox_events_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_erp_outbox_events_status"`);
    await queryRunner.query(`DROP TABLE "erp_outbox_events"`);
  }
}
