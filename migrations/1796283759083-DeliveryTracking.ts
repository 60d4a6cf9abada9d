import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryTracking1796283759083 implements MigrationInterface {
  name = 'DeliveryTracking1796283759083';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inbound_replies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dedupe_key" character varying(300) NOT NULL, "message_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "from_address" character varying(500) NOT NULL, "subject" character varying(500), "text" text NOT NULL, "attachment_names" text array NOT NULL DEFAULT '{}', "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f03dc5314a31780b8f9354bcc48" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_inbound_replies_customer" ON "inbound_replies"  ("customer_id", "received_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_inbound_replies_dedupe_key" ON "inbound_replies"  ("dedupe_key") `);
    await queryRunner.query(`CREATE TABLE "message_delivery_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "provider" character varying(16) NOT NULL, "provider_event_id" character varying(200) NOT NULL, "event" character varying(32) NOT NULL, "reason" character varying(1000), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a8c4fef1db5101fb03c3973bc5a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_message_delivery_events_message" ON "message_delivery_events"  ("message_id", "occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_message_delivery_events_provider_event" ON "message_delivery_events"  ("provider", "provider_event_id") `);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "position" smallint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "email_undeliverable_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "phone_undeliverable_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD "undeliverable_reason" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD "delivery_status" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD "delivery_updated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_outbound_messages_provider_message_id" ON "outbound_messages"  ("provider_message_id") `);
    await queryRunner.query(`ALTER TABLE "inbound_replies" ADD CONSTRAINT "FK_6d2bed210513a64b17b5a855ca0" FOREIGN KEY ("message_id") REFERENCES "outbound_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbound_replies" ADD CONSTRAINT "FK_441dcc76d18c02df445d9967b65" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "message_delivery_events" ADD CONSTRAINT "FK_4252551f2fb15c78d00c43f4328" FOREIGN KEY ("message_id") REFERENCES "outbound_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Schema diffs do not see a changed CHECK under the same name: written out as the entity declares it.
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing', 'delivery_failed', 'customer_reply'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "collector_tasks" WHERE "kind" IN ('delivery_failed', 'customer_reply')`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing'))`);
    await queryRunner.query(`ALTER TABLE "message_delivery_events" DROP CONSTRAINT "FK_4252551f2fb15c78d00c43f4328"`);
    await queryRunner.query(`ALTER TABLE "inbound_replies" DROP CONSTRAINT "FK_441dcc76d18c02df445d9967b65"`);
    await queryRunner.query(`ALTER TABLE "inbound_replies" DROP CONSTRAINT "FK_6d2bed210513a64b17b5a855ca0"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_messages_provider_message_id"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP COLUMN "delivery_updated_at"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP COLUMN "delivery_status"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "undeliverable_reason"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "phone_undeliverable_at"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "email_undeliverable_at"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP COLUMN "position"`);
    await queryRunner.query(`DROP INDEX "public"."uq_message_delivery_events_provider_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_message_delivery_events_message"`);
    await queryRunner.query(`DROP TABLE "message_delivery_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_inbound_replies_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_replies_customer"`);
    await queryRunner.query(`DROP TABLE "inbound_replies"`);
  }
}
