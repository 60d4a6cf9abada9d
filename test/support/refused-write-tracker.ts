import { AsyncLocalStorage } from 'node:async_hooks';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent.js';
import type { TransactionCommitEvent } from 'typeorm/subscriber/event/TransactionCommitEvent.js';
import type { TransactionRollbackEvent } from 'typeorm/subscriber/event/TransactionRollbackEvent.js';

/** A request the API refused (4xx/5xx) although it had committed a write to PostgreSQL. */
export interface RefusedWrite {
  method: string;
  url: string;
  status: number;
  statements: string[];
}

interface RequestWrites {
  committed: string[];
  /** Writes inside a transaction, kept until it commits (and dropped on rollback). */
  pending: Map<QueryRunner, string[]>;
}

const ROW_WRITES = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const DDL = /^\s*(truncate|alter|create|drop)\b/i;
const WRITING_CTE = /^\s*with\b[\s\S]*\b(insert|update|delete)\b/i;

/** Whether a successful statement changed something: a row write that touched rows, DDL, or a CTE that may write. */
function wrote(query: string, raw: unknown): boolean {
  const { command, rowCount } = (raw ?? {}) as { command?: string; rowCount?: number | null };
  if (command && ROW_WRITES.has(command)) return (rowCount ?? 1) > 0;
  return DDL.test(query) || WRITING_CTE.test(query);
}

/**
 * "A refused request changes nothing", checked from the database side: every statement the
 * API's DataSource runs is attributed to the HTTP request whose async context issued it
 * (AsyncLocalStorage); a request answered with a status ≥ 400 that committed a write (a statement
 * that touched rows: a DELETE matching nothing is not one) is recorded.
 * Background work (the worker's activities in the same process) runs outside any request
 * and is not counted. Install before the app listens (the middleware must precede the routes).
 */
export function trackRefusedWrites(app: INestApplication): { refused: RefusedWrite[]; requests: () => number } {
  const context = new AsyncLocalStorage<RequestWrites>();
  const refused: RefusedWrite[] = [];
  let requests = 0;
  const current = (runner: QueryRunner | undefined) => {
    const writes = context.getStore();
    return writes && runner ? { writes, runner } : undefined;
  };
  const subscriber: EntitySubscriberInterface = {
    afterQuery(event: AfterQueryEvent) {
      const at = current(event.queryRunner);
      if (!at || !event.success || !wrote(event.query, event.rawResults)) return;
      const statement = event.query.replace(/\s+/g, ' ').slice(0, 160);
      if (at.runner.isTransactionActive) {
        const list = at.writes.pending.get(at.runner) ?? [];
        list.push(statement);
        at.writes.pending.set(at.runner, list);
      } else {
        at.writes.committed.push(statement);
      }
    },
    afterTransactionCommit(event: TransactionCommitEvent) {
      const at = current(event.queryRunner);
      if (!at || at.runner.isTransactionActive) return; // a savepoint released, not the outer commit
      at.writes.committed.push(...(at.writes.pending.get(at.runner) ?? []));
      at.writes.pending.delete(at.runner);
    },
    afterTransactionRollback(event: TransactionRollbackEvent) {
      const at = current(event.queryRunner);
      if (!at || at.runner.isTransactionActive) return;
      at.writes.pending.delete(at.runner);
    },
  };
  app.get(DataSource).subscribers.push(subscriber);
  app.use((req: Request, res: Response, next: NextFunction) => {
    requests += 1;
    const writes: RequestWrites = { committed: [], pending: new Map() };
    res.once('finish', () => {
      if (res.statusCode >= 400 && writes.committed.length > 0) {
        refused.push({ method: req.method, url: req.originalUrl.slice(0, 200), status: res.statusCode, statements: writes.committed });
      }
    });
    context.run(writes, next);
  });
  return { refused, requests: () => requests };
}
