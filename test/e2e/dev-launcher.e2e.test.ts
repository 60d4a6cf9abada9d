import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { resolveDevApiKey } from '../../src/bootstrap/dev-api-key.js';
import { startDevTemporal } from '../../src/bootstrap/dev-temporal.js';
import { loadConfig } from '../../src/config/app-config.js';
import { freePort } from '../support/free-port.js';

const dataDir = mkdtempSync(join(tmpdir(), 'relance-dev-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start building blocks', () => {
  test('the dev Temporal server persists to SQLite under the data directory and survives a restart', async () => {
    const config = loadConfig({
      RELANCE_DATA_DIR: dataDir,
      TEMPORAL_DEV_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
    });
    const first = await startDevTemporal(config, () => {});
    expect(existsSync(join(dataDir, 'temporal.db'))).toBe(true);
    let connection = await Connection.connect({ address: first.address });
    await new Client({ connection }).workflow.start('invoiceDunningWorkflow', {
      workflowId: 'persisted-across-restarts', taskQueue: 'nobody-polls', args: [],
    });
    await connection.close();
    await first.stop();

    const second = await startDevTemporal(config, () => {});
    connection = await Connection.connect({ address: second.address });
    const description = await new Client({ connection }).workflow.getHandle('persisted-across-restarts').describe();
    expect(description.status.name).toBe('RUNNING');
    const ui = await fetch(second.uiUrl!);
    expect(ui.status).toBe(200);
    await connection.close();
    await second.stop();
  }, 90_000);

  test('the generated API key is kept across restarts; RELANCE_DEV_API_KEY wins', () => {
    const config = loadConfig({ RELANCE_DATA_DIR: dataDir });
    const first = resolveDevApiKey(config);
    expect(first.generated).toBe(true);
    expect(first.key.length).toBeGreaterThanOrEqual(32);
    expect(resolveDevApiKey(config).key).toBe(first.key);
    expect(readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim()).toBe(first.key);
    const chosen = resolveDevApiKey(loadConfig({ RELANCE_DATA_DIR: dataDir, RELANCE_DEV_API_KEY: 'my-own-key-0123456789' }));
    expect(chosen).toEqual({ key: 'my-own-key-0123456789', generated: false });
  });
});
