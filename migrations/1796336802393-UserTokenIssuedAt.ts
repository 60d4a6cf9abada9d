import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserTokenIssuedAt1796336802393 implements MigrationInterface {
  name = 'UserTokenIssuedAt1796336802393';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_issued_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "token_hash" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Revoked users get the hash of a random value nobody holds, so their token stays unusable.
    await queryRunner.query(`UPDATE "users" SET "token_hash" = encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex') WHERE "token_hash" IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "token_hash" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_issued_at"`);
  }
}
