/**
 * Replays every committed workflow history (test/histories/**) against the
 * current workflow code: a change that would break workflows already running
 * in production (a reordered, added or removed command without `patched()`)
 * fails here. Record new histories with `npm run histories:record`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@jest/globals';
import { Worker } from '@temporalio/worker';
import { quietTemporalRuntime } from '../support/quiet-runtime.js';
import { historyFromJson } from '../support/time-skipping.js';
import { suiteState } from '../support/suite-state.js';

const HISTORIES_ROOT = join(process.cwd(), 'test', 'histories');

function jsonFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

test('every committed workflow history replays on the current workflow code without a determinism error', async () => {
  const files = jsonFiles(HISTORIES_ROOT);
  expect(files.length).toBeGreaterThan(0);
  quietTemporalRuntime();

  const histories = files.map((file) => ({
    // The workflow never reads its id; the file name makes a failure easy to trace.
    workflowId: relative(HISTORIES_ROOT, file),
    history: historyFromJson(JSON.parse(readFileSync(file, 'utf8'))),
  }));
  const outcomes: [string, string][] = [];
  const replays = Worker.runReplayHistories(
    { workflowBundle: { codePath: suiteState().workflowBundlePath }, replayName: 'committed-histories' },
    histories,
  );
  for await (const result of replays) {
    outcomes.push([result.workflowId, result.error ? `${result.error.name}: ${result.error.message}` : 'ok']);
  }

  expect(outcomes).toEqual(histories.map((h) => [h.workflowId, 'ok']));
});
