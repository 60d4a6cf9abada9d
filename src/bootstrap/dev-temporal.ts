import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { AppConfig } from '../config/app-config.js';
import { projectRoot } from './project-root.js';
import { loadTemporalBinaries } from './temporal-binaries.js';

export interface DevTemporal {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

async function waitUntilServing(address: string, child: ChildProcess | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal did not answer on ${address}: ${String(lastError)}`);
}

/** SQLite settings of the dev server's file (the production stack runs Temporal on PostgreSQL). */
export const SQLITE_PRAGMAS = ['journal_mode=WAL', 'synchronous=NORMAL'] as const;

/**
 * Runs `temporal server start-dev` persisted to a SQLite file under the data
 * directory. Without a CLI, the SDK's own download is the last resort (it
 * needs internet).
 */
export async function startDevTemporal(config: AppConfig, log: (line: string) => void): Promise<DevTemporal> {
  const dataDir = resolve(projectRoot(), config.RELANCE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const address = `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const { resolveTemporalBinaries, ensureTemporalBinaries } = await loadTemporalBinaries();
  let { cli } = resolveTemporalBinaries({ root: projectRoot() });
  cli ??= ensureTemporalBinaries({ root: projectRoot(), log }).cli;

  if (!cli) {
    log('No temporal CLI found; trying the SDK download of the dev server (needs internet)');
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { ip: '127.0.0.1', port: config.TEMPORAL_DEV_PORT, ui: true, uiPort: config.TEMPORAL_UI_PORT, dbFilename: join(dataDir, 'temporal.db') },
    });
    return { address: env.address, uiUrl: `http://localhost:${config.TEMPORAL_UI_PORT}`, stop: () => env.teardown() };
  }

  const child = spawn(
    cli,
    [
      'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(config.TEMPORAL_DEV_PORT),
      '--ui-port', String(config.TEMPORAL_UI_PORT),
      '--db-filename', join(dataDir, 'temporal.db'),
      // Write-ahead log, synced at checkpoints rather than at every commit: a crash of the server (or of
      // the machine's processes) loses nothing; only a power cut may lose the last commits. SQLite's
      // default (a rollback journal synced at every commit) capped workflow-task throughput (docs/scaling.md).
      ...SQLITE_PRAGMAS.flatMap((p) => ['--sqlite-pragma', p]),
      '--namespace', config.TEMPORAL_NAMESPACE,
      '--http-port', String(config.TEMPORAL_DEV_PORT + 10),
      '--ui-disable-news-fetch',
      '--log-level', 'warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(`[temporal] ${line}`);
  });
  await waitUntilServing(address, child, 60_000);
  return {
    address,
    uiUrl: `http://localhost:${config.TEMPORAL_UI_PORT}`,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        // Its shutdown chatter (pollers losing their connection) is not news.
        child.stderr?.removeAllListeners('data');
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
