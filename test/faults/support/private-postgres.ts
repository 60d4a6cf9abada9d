import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../support/free-port.js';

/**
 * A PostgreSQL instance of its own (initdb + pg_ctl from the machine's
 * binaries, in a temporary directory, on a free port), so a fault suite can
 * stop and restart PostgreSQL without touching the shared server on 5432.
 * As root, the binaries run as the `postgres` user (PostgreSQL refuses root).
 */
export interface PrivatePostgres {
  port: number;
  /** URL of a database on this instance (created by the application itself, or by `createDatabase`). */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m fast`: open connections are cut, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the instance and deletes its files. */
  destroy(): Promise<void>;
  /** The server's log, for failure messages. */
  log(): string;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${root} (install the postgresql package)`);
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0]!;
  return join(root, newest, 'bin');
}

const asRoot = process.getuid?.() === 0;

/**
 * Runs a PostgreSQL binary, as the `postgres` user when we are root; asynchronously, so the
 * suite's own servers (provider stand-in) keep answering meanwhile.
 */
async function run(bin: string, args: string[]): Promise<string> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return (await promisify(execFile)(file, argv, { encoding: 'utf8', timeout: 60_000 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`, { cause: err });
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'relance-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = await freePort();
  await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const options = [
    `-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${dir}`,
    // A throwaway instance: durability is not what the suite tests.
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=100',
  ].join(' ');
  const start = async () => {
    await run(join(bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    await run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  await start();
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  let destroyed = false;
  return {
    port,
    url,
    async createDatabase(name) {
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (existsSync(join(data, 'postmaster.pid'))) await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
    log() {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
      } catch {
        return '(no server log)';
      }
    },
  };
}
