import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboundMessagesChannelStatusIndex1796290621159 implements MigrationInterface {
  name = 'OutboundMessagesChannelStatusIndex1796290621159';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_outbound_messages_channel_status" ON "outbound_messages"  ("channel", "status") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_messages_channel_status"`);
  }
}
