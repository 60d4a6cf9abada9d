import type { WriteOffDecisionRecord } from '../workflows/write-off.definitions.js';
import type { WriteOffOutcome, WriteOffPort } from './write-off-ports.js';

/** Activities of the write-off approval workflow, over the write-off port. */
export function createWriteOffActivities(ports: { writeOffs: WriteOffPort }) {
  return {
    applyApprovedWriteOff(writeOffId: string, decision: WriteOffDecisionRecord): Promise<WriteOffOutcome> {
      return ports.writeOffs.apply(writeOffId, decision);
    },
    recordWriteOffRejection(writeOffId: string, decision: WriteOffDecisionRecord): Promise<void> {
      return ports.writeOffs.reject(writeOffId, decision);
    },
  };
}

export type WriteOffActivities = ReturnType<typeof createWriteOffActivities>;
