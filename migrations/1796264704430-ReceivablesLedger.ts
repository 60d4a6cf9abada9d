import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReceivablesLedger1796264704430 implements MigrationInterface {
  name = 'ReceivablesLedger1796264704430';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "open_receivables" ("document_id" uuid NOT NULL, "due_date" date NOT NULL, "issue_date" date NOT NULL, "document_type" character varying(16) NOT NULL, "customer_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "currency" character(3) NOT NULL, "open_minor" bigint NOT NULL, CONSTRAINT "PK_bb514b1a2fcdd69102bc3d66b57" PRIMARY KEY ("document_id", "due_date", "issue_date"))`);
    await queryRunner.query(`CREATE INDEX "ix_open_receivables_currency_customer" ON "open_receivables"  ("currency", "customer_id") `);
    await queryRunner.query(`CREATE TABLE "receivable_movements" ("id" BIGSERIAL NOT NULL, "document_id" uuid NOT NULL, "document_type" character varying(16) NOT NULL, "customer_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "currency" character(3) NOT NULL, "issue_date" date NOT NULL, "due_date" date NOT NULL, "kind" character varying(24) NOT NULL, "amount_minor" bigint NOT NULL, "effective_date" date NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "source_key" character varying(300) NOT NULL, "source_id" uuid, CONSTRAINT "ck_receivable_movements_document_type" CHECK ("document_type" IN ('invoice', 'credit_note')), CONSTRAINT "ck_receivable_movements_kind" CHECK ("kind" IN ('invoice', 'payment', 'credit_note', 'credit_allocation', 'write_off', 'cancellation', 'adjustment')), CONSTRAINT "PK_2c764359600940feb68603e068e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_receivable_movements_document" ON "receivable_movements"  ("document_id", "effective_date") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_receivable_movements_source_key" ON "receivable_movements"  ("source_key") `);
    await queryRunner.query(`CREATE TABLE "kpi_month_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "currency" character(3) NOT NULL, "scope" character varying(64) NOT NULL, "month" date NOT NULL, "kpis" jsonb NOT NULL, "origin" character varying(16) NOT NULL, "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_26d80a40a68064bbe5274e8371f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_kpi_month_snapshots_month" ON "kpi_month_snapshots"  ("currency", "scope", "month") `);
    // Covering index of the report queries (declared with synchronize: false on the entity).
    await queryRunner.query(`CREATE INDEX "ix_receivable_movements_report" ON "receivable_movements" ("currency", "effective_date") INCLUDE ("customer_id", "entity_id", "document_id", "document_type", "due_date", "issue_date", "kind", "amount_minor")`);
    await queryRunner.query(`CREATE INDEX "ix_open_receivables_report" ON "open_receivables" ("currency") INCLUDE ("customer_id", "entity_id", "document_id", "document_type", "due_date", "issue_date", "open_minor")`);
    await queryRunner.query(`CREATE TABLE "aged_balance_days" ("day" date NOT NULL, "currency" character(3) NOT NULL, "materialized_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9c471f5ed674fb6c06084847e8c" PRIMARY KEY ("day", "currency"))`);
    await queryRunner.query(`CREATE TABLE "aged_balance_customers" ("day" date NOT NULL, "currency" character(3) NOT NULL, "customer_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "b0" bigint NOT NULL, "b1" bigint NOT NULL, "b2" bigint NOT NULL, "b3" bigint NOT NULL, "b4" bigint NOT NULL, "b5" bigint NOT NULL, CONSTRAINT "PK_fa7191681f657afd7e877e13ecf" PRIMARY KEY ("day", "currency", "customer_id", "entity_id"))`);
    await queryRunner.query(`CREATE TABLE "receivable_settlements" ("document_id" uuid NOT NULL, "currency" character(3) NOT NULL, "customer_id" uuid NOT NULL, "entity_id" uuid NOT NULL, "issue_date" date NOT NULL, "settled_on" date NOT NULL, "amount_minor" bigint NOT NULL, "closed_otherwise" boolean NOT NULL, CONSTRAINT "PK_857236a1e66fb30cc8f7767a0fb" PRIMARY KEY ("document_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_receivable_settlements_currency_day" ON "receivable_settlements"  ("currency", "settled_on") `);
    await backfill(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_receivable_settlements_currency_day"`);
    await queryRunner.query(`DROP TABLE "receivable_settlements"`);
    await queryRunner.query(`DROP TABLE "aged_balance_customers"`);
    await queryRunner.query(`DROP TABLE "aged_balance_days"`);
    await queryRunner.query(`DROP INDEX "public"."ix_open_receivables_report"`);
    await queryRunner.query(`DROP INDEX "public"."ix_receivable_movements_report"`);
    await queryRunner.query(`DROP INDEX "public"."uq_kpi_month_snapshots_month"`);
    await queryRunner.query(`DROP TABLE "kpi_month_snapshots"`);
    await queryRunner.query(`DROP INDEX "public"."uq_receivable_movements_source_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_receivable_movements_document"`);
    await queryRunner.query(`DROP TABLE "receivable_movements"`);
    await queryRunner.query(`DROP INDEX "public"."ix_open_receivables_currency_customer"`);
    await queryRunner.query(`DROP TABLE "open_receivables"`);
  }
}

const COLUMNS = `(document_id, document_type, customer_id, entity_id, currency, issue_date, due_date, kind, amount_minor, effective_date, recorded_at, source_key, source_id)`;

/**
 * An existing database gets a complete ledger: each invoice issued on its issue
 * date, each payment allocation on the day it was received (the entity's zone;
 * source keys as the live code writes them, so nothing is counted twice), and
 * whatever else moved an open amount (disputes' credit notes, cancellations)
 * as one adjustment or cancellation on the day the invoice last changed;
 * then today's open amounts and the settled invoices.
 */
async function backfill(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`INSERT INTO receivable_movements ${COLUMNS}
    SELECT i.id, 'invoice', i.customer_id, i.entity_id, i.currency, i.issue_date, i.due_date, 'invoice', i.amount_minor,
           i.issue_date, i.created_at, 'invoice:' || i.id, NULL
    FROM invoices i WHERE i.amount_minor <> 0`);
  await queryRunner.query(`INSERT INTO receivable_movements ${COLUMNS}
    SELECT i.id, 'invoice', i.customer_id, i.entity_id, i.currency, i.issue_date, i.due_date, 'payment', -a.amount_minor,
           greatest((p.received_at AT TIME ZONE e.time_zone)::date, i.issue_date), p.created_at, 'payment:' || p.id || ':' || i.id, p.id
    FROM payment_allocations a
    JOIN payments p ON p.id = a.payment_id
    JOIN invoices i ON i.id = a.invoice_id
    JOIN legal_entities e ON e.id = i.entity_id`);
  await queryRunner.query(`INSERT INTO receivable_movements ${COLUMNS}
    SELECT i.id, 'invoice', i.customer_id, i.entity_id, i.currency, i.issue_date, i.due_date,
           CASE WHEN i.status = 'cancelled' THEN 'cancellation' ELSE 'adjustment' END,
           (CASE WHEN i.status = 'cancelled' THEN 0 ELSE i.open_amount_minor END) - (i.amount_minor - coalesce(pa.paid, 0)),
           greatest((i.updated_at AT TIME ZONE e.time_zone)::date, i.issue_date), i.updated_at, 'backfill:' || i.id, NULL
    FROM invoices i
    JOIN legal_entities e ON e.id = i.entity_id
    LEFT JOIN (SELECT invoice_id, sum(amount_minor) AS paid FROM payment_allocations GROUP BY invoice_id) pa ON pa.invoice_id = i.id
    WHERE (CASE WHEN i.status = 'cancelled' THEN 0 ELSE i.open_amount_minor END) <> i.amount_minor - coalesce(pa.paid, 0)`);
  await queryRunner.query(`INSERT INTO open_receivables (document_id, due_date, issue_date, document_type, customer_id, entity_id, currency, open_minor)
    SELECT document_id, due_date, issue_date, min(document_type), (array_agg(customer_id))[1], (array_agg(entity_id))[1], min(currency), sum(amount_minor)
    FROM receivable_movements GROUP BY document_id, due_date, issue_date HAVING sum(amount_minor) <> 0`);
  await queryRunner.query(`INSERT INTO receivable_settlements (document_id, currency, customer_id, entity_id, issue_date, settled_on, amount_minor, closed_otherwise)
    SELECT document_id, min(currency), (array_agg(customer_id))[1], (array_agg(entity_id))[1], (array_agg(issue_date ORDER BY id DESC))[1],
           max(effective_date), sum(amount_minor) FILTER (WHERE kind IN ('invoice', 'adjustment')), bool_or(kind IN ('cancellation', 'write_off'))
    FROM receivable_movements WHERE document_type = 'invoice' GROUP BY document_id
    HAVING sum(amount_minor) = 0 AND coalesce(sum(amount_minor) FILTER (WHERE kind IN ('invoice', 'adjustment')), 0) > 0`);
}
