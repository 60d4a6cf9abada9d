import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A task's title as a code with params, for the console to write in the reader's language; older rows keep their English title (null code). */
export class CollectorTaskTitleCodes1796337691243 implements MigrationInterface {
  name = 'CollectorTaskTitleCodes1796337691243';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD "title_code" character varying(48)`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" ADD "title_params" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP COLUMN "title_params"`);
    await queryRunner.query(`ALTER TABLE "collector_tasks" DROP COLUMN "title_code"`);
  }
}
