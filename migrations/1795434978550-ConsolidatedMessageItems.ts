import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsolidatedMessageItems1795434978550 implements MigrationInterface {
  name = 'ConsolidatedMessageItems1795434978550';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outbound_message_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "invoice_id" uuid NOT NULL, "step" character varying(64) NOT NULL, "item_key" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c52b4f3b1b5cf323c632aeb0737" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_outbound_message_items_invoice" ON "outbound_message_items"  ("invoice_id") `);
    await queryRunner.query(`CREATE INDEX "ix_outbound_message_items_message" ON "outbound_message_items"  ("message_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_outbound_message_items_item_key" ON "outbound_message_items"  ("item_key") `);
    await queryRunner.query(`ALTER TABLE "outbound_message_items" ADD CONSTRAINT "FK_38119a6a69e20ddd054d3a0520f" FOREIGN KEY ("message_id") REFERENCES "outbound_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "outbound_message_items" ADD CONSTRAINT "FK_8f5a93462c7dd0fe45b5e68592b" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_message_items" DROP CONSTRAINT "FK_8f5a93462c7dd0fe45b5e68592b"`);
    await queryRunner.query(`ALTER TABLE "outbound_message_items" DROP CONSTRAINT "FK_38119a6a69e20ddd054d3a0520f"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbound_message_items_item_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_message_items_message"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_message_items_invoice"`);
    await queryRunner.query(`DROP TABLE "outbound_message_items"`);
  }
}
