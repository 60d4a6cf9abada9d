import { ConflictError } from '../common/errors.js';

export class ScenarioNameTakenError extends ConflictError {
  constructor(name: string) {
    super('SCENARIO_NAME_TAKEN', `A scenario named "${name}" already exists in this entity`);
  }
}

/** The draft changed since the editor loaded it: reload, merge, retry. */
export class ScenarioRevisionConflictError extends ConflictError {
  constructor(expected: number, current: number) {
    super('SCENARIO_REVISION_CONFLICT', `The draft is at revision ${current}, not ${expected}: reload it and apply your edit again`, {
      currentRevision: current,
    });
  }
}

/** Publishing must produce a new definition: otherwise versions would differ only by number. */
export class ScenarioUnchangedError extends ConflictError {
  constructor(version: number) {
    super('SCENARIO_UNCHANGED', `The draft is identical to version ${version}: nothing to publish`, { latestVersion: version });
  }
}

/** Only published versions can drive invoices. */
export class ScenarioNotPublishedError extends ConflictError {
  constructor(id: string, before = 'assigning it') {
    super('SCENARIO_NOT_PUBLISHED', `Scenario ${id} has no published version yet: publish it before ${before}`);
  }
}

export class ScenarioEntityMismatchError extends ConflictError {
  constructor(id: string, scenarioEntity: string, ruleEntity: string) {
    super('SCENARIO_ENTITY_MISMATCH', `Scenario ${id} belongs to entity ${scenarioEntity}, not ${ruleEntity}`);
  }
}

/** One experiment at a time, and no plain publish while it runs: promote an arm first. */
export class ScenarioExperimentRunningError extends ConflictError {
  constructor(experimentId: string) {
    super('SCENARIO_EXPERIMENT_RUNNING', `Experiment ${experimentId} is running on this scenario: promote one of its arms first`, {
      experimentId,
    });
  }
}

export class ScenarioExperimentNotRunningError extends ConflictError {
  constructor(id: string) {
    super('SCENARIO_EXPERIMENT_NOT_RUNNING', `Scenario ${id} has no running experiment`);
  }
}
