import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Relance's production entry points (src/api.main.ts, src/worker.main.ts) as
 * separate OS processes, run from the sources through scripts/run-ts.mjs (no
 * build), so a fault suite can kill and restart them like an orchestrator
 * would. Their output goes to a log file the suite prints when something fails.
 */
export interface RelanceProcess {
  readonly pid: number;
  logFile: string;
  alive(): boolean;
  /** SIGKILL: no shutdown hook runs, requests in flight are cut. */
  kill9(): Promise<void>;
  /** SIGTERM: the process's own graceful shutdown. */
  stop(): Promise<void>;
  /** The last lines it wrote. */
  tail(lines?: number): string;
}

export type Entry = 'api' | 'worker';

export function spawnRelanceProcess(entry: Entry, options: { env: Record<string, string>; logDir: string; name: string }): RelanceProcess & {
  exited: Promise<void>;
} {
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, [join('scripts', 'run-ts.mjs'), join('src', `${entry}.main.ts`)], {
    cwd: process.cwd(),
    // Only what the process needs: no inherited NODE_OPTIONS (jest's VM modules flag) or test variables.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (child.pid === undefined) throw new Error(`${entry} process did not start`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    log.end();
    resolve();
  }));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signal = async (sig: NodeJS.Signals) => {
    if (alive()) child.kill(sig);
    await exited;
  };
  return {
    pid: child.pid,
    logFile,
    exited,
    alive,
    kill9: () => signal('SIGKILL'),
    stop: () => signal('SIGTERM'),
    tail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '(no output)';
      }
    },
  };
}

/** Waits for a log line (`API listening`, `worker polling`); throws with the log if the process exits first. */
export async function untilLogged(proc: RelanceProcess, text: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.tail(400).includes(text)) return;
    if (!proc.alive()) throw new Error(`process ${proc.pid} exited before "${text}":\n${proc.tail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`process ${proc.pid}: no "${text}" within ${timeoutMs} ms:\n${proc.tail()}`);
}

/**
 * The API as a process on a fixed port that survives restarts (the ERP keeps
 * one base URL): `restart()` kills it with SIGKILL and starts a new one.
 */
export interface ApiProcess extends RelanceProcess {
  baseUrl: string;
  restarts: number;
  /** For each restart, the time from the kill to the new process listening. */
  downtimesMs: number[];
  /** kill -9, then a new process on the same port; resolves once it listens. */
  restart(): Promise<void>;
}

export async function startApiProcess(options: { env: Record<string, string>; port: number; logDir: string; name?: string }): Promise<ApiProcess> {
  const name = options.name ?? 'api';
  const env = { ...options.env, PORT: String(options.port), HOST: '127.0.0.1' };
  let current = spawnRelanceProcess('api', { env, logDir: options.logDir, name: `${name}-0` });
  await untilLogged(current, 'API listening');
  const api: ApiProcess = {
    baseUrl: `http://127.0.0.1:${options.port}`,
    restarts: 0,
    downtimesMs: [],
    get pid() {
      return current.pid;
    },
    get logFile() {
      return current.logFile;
    },
    alive: () => current.alive(),
    kill9: () => current.kill9(),
    stop: () => current.stop(),
    tail: (lines) => current.tail(lines),
    async restart() {
      const killedAt = Date.now();
      await current.kill9();
      api.restarts += 1;
      current = spawnRelanceProcess('api', { env, logDir: options.logDir, name: `${name}-${api.restarts}` });
      await untilLogged(current, 'API listening');
      api.downtimesMs.push(Date.now() - killedAt);
    },
  };
  return api;
}

/** The worker entry point as a process; resolves once it polls its task queue. */
export async function startWorkerProcess(options: { env: Record<string, string>; logDir: string; name?: string }): Promise<RelanceProcess> {
  const worker = spawnRelanceProcess('worker', { env: options.env, logDir: options.logDir, name: options.name ?? 'worker' });
  await untilLogged(worker, 'worker polling');
  return worker;
}
