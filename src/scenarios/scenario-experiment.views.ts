import type { ExperimentArm } from './experiment-split.js';
import type { ExperimentStatus, ScenarioExperiment } from './scenario-experiment.entity.js';

export interface ExperimentView {
  id: string;
  scenarioId: string;
  status: ExperimentStatus;
  /** Percent of customers on arm B. */
  shareB: number;
  arms: { arm: ExperimentArm; version: number }[];
  startedAt: string;
  endedAt: string | null;
  promotedArm: ExperimentArm | null;
  promotedVersion: number | null;
}

export function toExperimentView(x: ScenarioExperiment): ExperimentView {
  return {
    id: x.id, scenarioId: x.scenarioId, status: x.status, shareB: x.shareB,
    arms: [{ arm: 'A', version: x.versionA }, { arm: 'B', version: x.versionB }],
    startedAt: x.startedAt.toISOString(), endedAt: x.endedAt?.toISOString() ?? null,
    promotedArm: x.promotedArm, promotedVersion: x.promotedVersion,
  };
}
