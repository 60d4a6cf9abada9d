import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CustomerPortal1796290833076 implements MigrationInterface {
  name = 'CustomerPortal1796290833076';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "portal_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "file_name" character varying(255) NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a91f44200b52366f704d71a6ad3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_portal_attachments_customer" ON "portal_attachments"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "portal_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "contact_id" uuid, "actor" character varying(400) NOT NULL, "type" character varying(40) NOT NULL, "invoice_ids" uuid array NOT NULL DEFAULT '{}', "data" jsonb NOT NULL DEFAULT '{}', "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6ebee8ca5968a1cfec40b5e545e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_portal_events_customer" ON "portal_events"  ("customer_id", "at") `);
    await queryRunner.query(`CREATE TABLE "portal_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "customer_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" character varying(300), "issued_by" character varying(300) NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b1bb82b3e588a5030649b3dc95b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_portal_links_contact" ON "portal_links"  ("contact_id") `);
    await queryRunner.query(`CREATE INDEX "ix_portal_links_customer" ON "portal_links"  ("customer_id") `);
    await queryRunner.query(`CREATE TABLE "portal_sessions" ("token_hash" character(64) NOT NULL, "link_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0db68097f7f2da3e7b60ccb4c6" PRIMARY KEY ("token_hash"))`);
    await queryRunner.query(`CREATE INDEX "ix_portal_sessions_link" ON "portal_sessions"  ("link_id") `);
    await queryRunner.query(`CREATE TABLE "invoice_documents" ("invoice_id" uuid NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "content" bytea NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a1961442848ccbf649ee432a2f" PRIMARY KEY ("invoice_id"))`);
    await queryRunner.query(`ALTER TABLE "legal_entities" ADD "payment_url_template" character varying(1000)`);
    await queryRunner.query(`ALTER TABLE "portal_attachments" ADD CONSTRAINT "FK_a064f53bc4d1016b44a05d3bb1b" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "portal_events" ADD CONSTRAINT "FK_0f0610bd8ac9a750e2908d2cad7" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "portal_links" ADD CONSTRAINT "FK_1885ce0ce37cca4ec608b30224a" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "portal_links" ADD CONSTRAINT "FK_6295988356ce0c85b8fcdb0ce84" FOREIGN KEY ("contact_id") REFERENCES "customer_contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "portal_sessions" ADD CONSTRAINT "FK_f5a9de17bc03a7484fdf212cacf" FOREIGN KEY ("link_id") REFERENCES "portal_links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "invoice_documents" ADD CONSTRAINT "FK_5a1961442848ccbf649ee432a2f" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing', 'delivery_failed', 'customer_reply', 'customer_portal'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP CONSTRAINT "ck_collector_tasks_kind"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD CONSTRAINT "ck_collector_tasks_kind" CHECK ("kind" IN ('call', 'checkpoint', 'litigation_handover', 'credit_alert', 'class_degraded', 'contact_missing', 'delivery_failed', 'customer_reply'))`);
    await queryRunner.query(`ALTER TABLE "invoice_documents" DROP CONSTRAINT "FK_5a1961442848ccbf649ee432a2f"`);
    await queryRunner.query(`ALTER TABLE "portal_sessions" DROP CONSTRAINT "FK_f5a9de17bc03a7484fdf212cacf"`);
    await queryRunner.query(`ALTER TABLE "portal_links" DROP CONSTRAINT "FK_6295988356ce0c85b8fcdb0ce84"`);
    await queryRunner.query(`ALTER TABLE "portal_links" DROP CONSTRAINT "FK_1885ce0ce37cca4ec608b30224a"`);
    await queryRunner.query(`ALTER TABLE "portal_events" DROP CONSTRAINT "FK_0f0610bd8ac9a750e2908d2cad7"`);
    await queryRunner.query(`ALTER TABLE "portal_attachments" DROP CONSTRAINT "FK_a064f53bc4d1016b44a05d3bb1b"`);
    await queryRunner.query(`ALTER TABLE "legal_entities" DROP COLUMN "payment_url_template"`);
    await queryRunner.query(`DROP TABLE "invoice_documents"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portal_sessions_link"`);
    await queryRunner.query(`DROP TABLE "portal_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portal_links_customer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portal_links_contact"`);
    await queryRunner.query(`DROP TABLE "portal_links"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portal_events_customer"`);
    await queryRunner.query(`DROP TABLE "portal_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_portal_attachments_customer"`);
    await queryRunner.query(`DROP TABLE "portal_attachments"`);
  }
}
