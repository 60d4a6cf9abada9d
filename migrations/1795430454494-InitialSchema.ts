import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795430454494 implements MigrationInterface {
  name = 'InitialSchema1795430454494';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "legal_entities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "country" character(2) NOT NULL DEFAULT 'FR', "time_zone" character varying(64) NOT NULL DEFAULT 'Europe/Paris', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_957140fc9f028601347fbe28f89" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_legal_entities_code" ON "legal_entities"  ("code") `);
    await queryRunner.query(`CREATE TABLE "customers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "external_id" character varying(128) NOT NULL, "name" character varying(300) NOT NULL, "time_zone" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customers_entity_external_id" ON "customers"  ("entity_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "customer_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "name" character varying(300), "email" character varying(320), "phone" character varying(32), "language" character varying(8) NOT NULL DEFAULT 'fr', "is_primary" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bde619dbcb45a3e4d542e137bd3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_customer_contacts_primary" ON "customer_contacts"  ("customer_id") WHERE "is_primary"`);
    await queryRunner.query(`CREATE TABLE "invoices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "customer_id" uuid NOT NULL, "external_id" character varying(128) NOT NULL, "number" character varying(64) NOT NULL, "issue_date" date NOT NULL, "due_date" date NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "open_amount_minor" bigint NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "workflow_id" character varying(300) NOT NULL, "next_action_at" TIMESTAMP WITH TIME ZONE, "next_action_step" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "ck_invoices_amount" CHECK ("amount_minor" >= 0), CONSTRAINT "ck_invoices_status" CHECK ("status" IN ('open', 'paid', 'cancelled')), CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoices_customer" ON "invoices"  ("customer_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoices_entity_external_id" ON "invoices"  ("entity_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "invoice_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "invoice_id" uuid NOT NULL, "type" character varying(64) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "dedupe_key" character varying(200) NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_a42e9c3b2513d1e6c2db08ad914" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_invoice_events_invoice_time" ON "invoice_events"  ("invoice_id", "occurred_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoice_events_dedupe" ON "invoice_events"  ("invoice_id", "dedupe_key") `);
    await queryRunner.query(`CREATE TABLE "outbound_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "idempotency_key" character varying(300) NOT NULL, "invoice_id" uuid, "customer_id" uuid NOT NULL, "step" character varying(64), "channel" character varying(16) NOT NULL, "recipient" character varying(320) NOT NULL, "subject" character varying(500), "body" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "provider_message_id" character varying(200), "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_outbound_messages_channel" CHECK ("channel" IN ('email', 'sms', 'letter')), CONSTRAINT "ck_outbound_messages_status" CHECK ("status" IN ('pending', 'sent', 'recorded', 'to_post', 'failed')), CONSTRAINT "PK_0a03db3e2f04f9f33e6daa597ff" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbound_messages_invoice" ON "outbound_messages"  ("invoice_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outbound_messages_idempotency_key" ON "outbound_messages"  ("idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "entity_id" uuid NOT NULL, "external_id" character varying(128) NOT NULL, "currency" character(3) NOT NULL, "amount_minor" bigint NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "request_fingerprint" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_payments_entity_external_id" ON "payments"  ("entity_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "payment_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "amount_minor" bigint NOT NULL, CONSTRAINT "ck_payment_allocations_amount" CHECK ("amount_minor" > 0), CONSTRAINT "PK_a5c6ff22065ac772620c85f4efb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_payment_allocations_invoice" ON "payment_allocations"  ("invoice_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_payment_allocations_payment_invoice" ON "payment_allocations"  ("payment_id", "invoice_id") `);
    await queryRunner.query(`ALTER TABLE "customers" ADD CONSTRAINT "FK_6c47c0ed944790dd776a8180b2a" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" ADD CONSTRAINT "FK_76ca61fed7339b9f358599f9fda" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_828880876904bc3e3cb4dd3b9e0" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_65e3145f317bd655481d3f96c74" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoice_events" ADD CONSTRAINT "FK_80889698a7725b90dce4565a356" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "FK_719191a3b0705b1674c99dc14b7" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" ADD CONSTRAINT "FK_6749b289ddc2d743cdff404e6d2" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payments" ADD CONSTRAINT "FK_24d99f5b05e26c0c3ced70d5506" FOREIGN KEY ("entity_id") REFERENCES "legal_entities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment_allocations" ADD CONSTRAINT "FK_4348f49c6822420b9503ba880b8" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "payment_allocations" ADD CONSTRAINT "FK_72095d7b95a6168756ea7d4fbc5" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_allocations" DROP CONSTRAINT "FK_72095d7b95a6168756ea7d4fbc5"`);
    await queryRunner.query(`ALTER TABLE "payment_allocations" DROP CONSTRAINT "FK_4348f49c6822420b9503ba880b8"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_24d99f5b05e26c0c3ced70d5506"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP CONSTRAINT "FK_6749b289ddc2d743cdff404e6d2"`);
    await queryRunner.query(`ALTER TABLE "outbound_messages" DROP CONSTRAINT "FK_719191a3b0705b1674c99dc14b7"`);
    await queryRunner.query(`ALTER TABLE "invoice_events" DROP CONSTRAINT "FK_80889698a7725b90dce4565a356"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_65e3145f317bd655481d3f96c74"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_828880876904bc3e3cb4dd3b9e0"`);
    await queryRunner.query(`ALTER TABLE "customer_contacts" DROP CONSTRAINT "FK_76ca61fed7339b9f358599f9fda"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP CONSTRAINT "FK_6c47c0ed944790dd776a8180b2a"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payment_allocations_payment_invoice"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_allocations_invoice"`);
    await queryRunner.query(`DROP TABLE "payment_allocations"`);
    await queryRunner.query(`DROP INDEX "public"."uq_payments_entity_external_id"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbound_messages_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_messages_invoice"`);
    await queryRunner.query(`DROP TABLE "outbound_messages"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invoice_events_dedupe"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoice_events_invoice_time"`);
    await queryRunner.query(`DROP TABLE "invoice_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_invoices_entity_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_invoices_customer"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customer_contacts_primary"`);
    await queryRunner.query(`DROP TABLE "customer_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_customers_entity_external_id"`);
    await queryRunner.query(`DROP TABLE "customers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_legal_entities_code"`);
    await queryRunner.query(`DROP TABLE "legal_entities"`);
  }
}
