import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import type { InvoiceDunningState } from '../../../workflows/definitions.js';
import { suiteState } from '../../support/suite-state.js';

/** The operator key the API processes accept (RELANCE_DEV_API_KEY). */
export const FAULT_API_KEY = `faults-operator-${randomBytes(8).toString('hex')}`;

export const uniqueId = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

/** A calendar date `days` from today (UTC): far enough from the hour that the step dates do not depend on it. */
export const isoDateDaysFromToday = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const logDirFor = (suite: string): string => mkdtempSync(join(tmpdir(), `relance-${suite}-`));

/** Environment shared by the API and worker processes of a fault suite. */
export function processEnv(databaseUrl: string, taskQueue: string, extra: Record<string, string> = {}): Record<string, string> {
  const state = suiteState();
  return {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: state.temporalAddress,
    TEMPORAL_TASK_QUEUE: taskQueue,
    RELANCE_DEV_API_KEY: FAULT_API_KEY,
    RELANCE_WORKFLOW_BUNDLE: state.workflowBundlePath,
    // Steps go out at any hour: the suites must not depend on when they run.
    RELANCE_SENDING_WINDOW: 'off',
    LOG_LEVEL: 'log',
    ...extra,
  };
}

export async function temporalClient(): Promise<{ client: Client; close(): Promise<void> }> {
  const connection = await Connection.connect({ address: suiteState().temporalAddress });
  return { client: new Client({ connection }), close: () => connection.close() };
}

/** The invoice workflow's own view: its query while it runs, its result once it has ended. */
export async function workflowView(client: Client, workflowId: string): Promise<{ running: boolean; status: string; openAmountMinor: string | null; state: InvoiceDunningState | null } | null> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const desc = await handle.describe();
    if (desc.status.name === 'RUNNING') {
      const state = await handle.query<InvoiceDunningState>('dunningState');
      return { running: true, status: state.status, openAmountMinor: state.openAmountMinor, state };
    }
    if (desc.status.name === 'COMPLETED') {
      const result = await handle.result();
      return { running: false, status: (result as { status: string }).status, openAmountMinor: null, state: null };
    }
    return { running: false, status: desc.status.name, openAmountMinor: null, state: null };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}
