import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why an import row was refused while loading as a code with params; rows refused before keep their English error alone (null code). */
export class ImportLoadFailureCodes1796353629118 implements MigrationInterface {
  name = 'ImportLoadFailureCodes1796353629118';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_rows" ADD "error_code" character varying(32)`);
    await queryRunner.query(`ALTER TABLE "import_rows" ADD "error_params" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_rows" DROP COLUMN "error_params"`);
    await queryRunner.query(`ALTER TABLE "import_rows" DROP COLUMN "error_code"`);
  }
}
