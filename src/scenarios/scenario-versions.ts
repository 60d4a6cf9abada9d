import type { EntityManager } from 'typeorm';
import { ScenarioVersion } from './scenario-version.entity.js';

/** What an invoice's workflow runs from a published scenario version. */
export type PublishedScenarioVersion = Pick<ScenarioVersion, 'scenarioId' | 'version' | 'inFlightPolicy' | 'definition'>;

/** A published version of a scenario, for the capabilities that start workflows on it (fails when it does not exist). */
export async function scenarioVersion(manager: EntityManager, scenarioId: string, version: number): Promise<PublishedScenarioVersion> {
  return manager.findOneByOrFail(ScenarioVersion, { scenarioId, version });
}
