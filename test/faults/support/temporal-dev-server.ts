import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureTemporalBinaries } from '../../../scripts/temporal-binaries.mjs';
import { freePort } from '../../support/free-port.js';

/**
 * A private `temporal server start-dev` for one fault suite, persisted to a
 * SQLite file so that it can be stopped and started again on the same port
 * with its state (workflows, timers, task queues) intact. The suite's shared
 * dev server is never stopped: other test files use it.
 */
export interface PrivateTemporal {
  address: string;
  /** The SQLite file holding its state; null: in memory (a restart starts empty). */
  dbFile: string | null;
  running(): boolean;
  /** Stops the server (SIGTERM, or SIGKILL with `{ kill: true }`) and waits for it to exit. */
  stop(options?: { kill?: boolean }): Promise<void>;
  /** Starts it again on the same port and file; resolves once it answers. */
  start(): Promise<void>;
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
      } finally {
        await connection.close();
      }
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`temporal dev server not ready on ${address}: ${String(last)}`);
}

export async function startPrivateTemporal(dir: string, options: { persisted?: boolean } = {}): Promise<PrivateTemporal> {
  const { cli } = ensureTemporalBinaries({ root: process.cwd(), log: () => {} });
  if (!cli) throw new Error('The Temporal CLI is required: run `node scripts/ensure-temporal.mjs`');
  mkdirSync(dir, { recursive: true });
  const dbFile = options.persisted === false ? null : join(dir, 'temporal.db');
  const [port, httpPort] = [await freePort(), await freePort()];
  const address = `127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const server: PrivateTemporal = {
    address,
    dbFile,
    running: () => child !== null && child.exitCode === null && child.signalCode === null,
    async start() {
      if (server.running()) throw new Error('temporal dev server already running');
      child = spawn(
        cli,
        [
          'server', 'start-dev', '--headless',
          '--ip', '127.0.0.1', '--port', String(port), '--http-port', String(httpPort),
          ...(dbFile ? ['--db-filename', dbFile] : []), '--log-level', 'error',
        ],
        { stdio: 'ignore' },
      );
      await waitUntilServing(address, child);
    },
    async stop({ kill = false } = {}) {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((done) => {
        c.once('exit', () => done());
        c.kill(kill ? 'SIGKILL' : 'SIGTERM');
      });
    },
  };
  await server.start();
  return server;
}
