// The test platform's close stops every worker before it drops the database, the one a test started
// in place of the original included (the imports tests restart theirs): a worker left running kept
// retrying an import's loadImportSlice against the dropped database, then in the next test file.
import { expect, test } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startWorker } from '../../src/bootstrap/create-worker.js';
import { startPlatform } from '../support/platform.js';
import { suiteState } from '../support/suite-state.js';

test('closing the platform stops the original worker and the one a test put in its place, then closes their databases', async () => {
  const platform = await startPlatform();
  const original = platform.worker!;
  const replacement = await startWorker(platform.config, { workflowBundlePath: suiteState().workflowBundlePath, logger: false });
  platform.worker = replacement;
  expect([replacement.worker.getState(), replacement.bulkWorker.getState()]).toEqual(['RUNNING', 'RUNNING']);

  await platform.close();

  for (const running of [original, replacement]) {
    expect([running.worker.getState(), running.bulkWorker.getState()]).toEqual(['STOPPED', 'STOPPED']);
    expect(running.context.get(DataSource).isInitialized).toBe(false);
  }
}, 60_000);
