import { ScenarioExperimentAssignment } from './scenario-experiment-assignment.entity.js';
import { ScenarioExperiment } from './scenario-experiment.entity.js';

/** The experiments' tables (A/B tests of scenario versions). */
export const EXPERIMENT_ENTITIES = [ScenarioExperiment, ScenarioExperimentAssignment];
