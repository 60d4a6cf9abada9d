import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Today's aged balance per customer comes a page at a time, largest total first: an index on
 * the kept day's total gives a page without sorting every customer. Written by hand: TypeORM's
 * schema diff does not build expression indexes (the entity declares it with synchronize: false).
 */
export class AgedBalancePageIndex1796300000000 implements MigrationInterface {
  name = 'AgedBalancePageIndex1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_aged_balance_customers_page" ON "aged_balance_customers" ("day", "currency", ("b0" + "b1" + "b2" + "b3" + "b4" + "b5") DESC, "customer_id", "entity_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_aged_balance_customers_page"`);
  }
}
