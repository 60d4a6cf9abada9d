import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LetterDocuments1795434395382 implements MigrationInterface {
  name = 'LetterDocuments1795434395382';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "letter_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "message_id" uuid NOT NULL, "content_type" character varying(64) NOT NULL DEFAULT 'application/pdf', "content" bytea NOT NULL, "sha256" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_c20e9b9976c7f48ebdd0c3f689" UNIQUE ("message_id"), CONSTRAINT "PK_2ebadfb2ec4e0a404eafac25012" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_letter_documents_message" ON "letter_documents"  ("message_id") `);
    await queryRunner.query(`ALTER TABLE "letter_documents" ADD CONSTRAINT "FK_c20e9b9976c7f48ebdd0c3f689c" FOREIGN KEY ("message_id") REFERENCES "outbound_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "letter_documents" DROP CONSTRAINT "FK_c20e9b9976c7f48ebdd0c3f689c"`);
    await queryRunner.query(`DROP INDEX "public"."uq_letter_documents_message"`);
    await queryRunner.query(`DROP TABLE "letter_documents"`);
  }
}
