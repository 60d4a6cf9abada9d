import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The production worker entry point (src/worker.main.ts) as a separate OS
 * process, run from the sources through scripts/run-ts.mjs (no build), so a
 * fault suite can `kill -9` it like an orchestrator losing a node. Its output
 * goes to a log file the suite prints when something goes wrong.
 */
export interface WorkerProcess {
  pid: number;
  logFile: string;
  /** Settles with the exit code (or the signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** SIGKILL: no shutdown hook runs, in-flight activities are cut short. */
  kill9(): Promise<void>;
  /** SIGTERM: the worker's own graceful shutdown. */
  stop(): Promise<void>;
  /** Resolves once the worker polls its task queue (its `worker polling` log line); throws if it exits first. */
  ready(timeoutMs?: number): Promise<void>;
  /** The last lines it wrote (for failure messages). */
  tail(lines?: number): string;
}

export function spawnWorkerProcess(options: { env: Record<string, string>; logDir: string; name: string }): WorkerProcess {
  const logFile = join(options.logDir, `${options.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, [join('scripts', 'run-ts.mjs'), join('src', 'worker.main.ts')], {
    cwd: process.cwd(),
    // Only what the worker needs: no inherited NODE_OPTIONS (jest's VM modules flag) or test variables.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (child.pid === undefined) throw new Error('worker process did not start');
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    });
  });
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
    async ready(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!alive()) throw new Error(`worker process exited before polling:\n${this.tail()}`);
        if (this.tail(200).includes('worker polling')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`worker process not polling within ${timeoutMs} ms:\n${this.tail()}`);
    },
    tail(lines = 30) {
      try {
        return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
      } catch {
        return '(no output)';
      }
    },
  };
}
