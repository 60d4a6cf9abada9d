import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJson } from './time-skipping.js';

/** The set named by HISTORIES_SET (e.g. 2026-12-what-changed): recordings go into a new set, older ones stay. */
export function historySetName(): string {
  const set = process.env.HISTORIES_SET;
  if (!set || !/^[\w.-]+$/.test(set)) throw new Error('Name the history set: HISTORIES_SET=2026-12-what-changed npm run histories:record');
  return set;
}

/**
 * One workflow's folder of a history set, test/histories/<workflow>/<set>/,
 * which test/workflows/replay.test.ts replays. Emptied when opened, so a
 * scenario dropped from a script leaves no stale history behind.
 */
export class HistorySet {
  readonly dir: string;
  readonly recorded: string[] = [];

  constructor(workflowFolder: string, set = historySetName()) {
    this.dir = join(process.cwd(), 'test', 'histories', workflowFolder, set);
  }

  open(): this {
    mkdirSync(this.dir, { recursive: true });
    for (const file of readdirSync(this.dir)) if (file.endsWith('.json')) rmSync(join(this.dir, file));
    return this;
  }

  /** Writes every run of the workflow (following continue-as-new): `<name>.json`, or `<name>.run-<n>.json`. Returns the number of runs. */
  async record(client: Client, name: string, handle: { workflowId: string; firstExecutionRunId: string }): Promise<number> {
    const runs = [handle.firstExecutionRunId];
    const histories = [];
    for (;;) {
      const history = await client.workflow.getHandle(handle.workflowId, runs[runs.length - 1]).fetchHistory();
      histories.push(history);
      const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
      if (!next) break;
      runs.push(next);
    }
    histories.forEach((history, i) => {
      const file = histories.length === 1 ? `${name}.json` : `${name}.run-${i + 1}.json`;
      writeFileSync(join(this.dir, file), historyToJson(history));
      this.recorded.push(file);
    });
    return histories.length;
  }

  summary(): string {
    return `recorded ${this.recorded.length} histories in ${this.dir}:\n  ${this.recorded.join('\n  ')}\n`;
  }
}
