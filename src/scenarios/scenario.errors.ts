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
  constructor(id: string) {
    super('SCENARIO_NOT_PUBLISHED', `Scenario ${id} has no published version yet: publish it before assigning it`);
  }
}

export class ScenarioEntityMismatchError extends ConflictError {
  constructor(id: string, scenarioEntity: string, ruleEntity: string) {
    super('SCENARIO_ENTITY_MISMATCH', `Scenario ${id} belongs to entity ${scenarioEntity}, not ${ruleEntity}`);
  }
}
