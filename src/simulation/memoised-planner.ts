import type { ScenarioPlanner } from './dunning-simulation.js';
import { planScenario } from '../../workflows/domain/scenario-schedule.js';
import type { ScenarioDefinition } from '../../workflows/domain/scenario.js';

/** Beyond this many plans the cache starts over: memory stays bounded on any portfolio. */
const MAX_ENTRIES = 100_000;

/**
 * planScenario, remembered for one forecast. Invoices of a portfolio share
 * due dates, zones and scenarios, and business-day shifting is the costly
 * part, so most plans are computed once. Plans are only read, never changed.
 */
export function memoisedPlanner(): ScenarioPlanner {
  const cache = new Map<string, ReturnType<typeof planScenario>>();
  // Definitions and calendars are keyed by identity: the portfolio reader shares one object per version and per entity.
  const ids = new WeakMap<object, number>();
  let lastId = 0;
  const idOf = (o: object): number => {
    let id = ids.get(o);
    if (id === undefined) ids.set(o, (id = ++lastId));
    return id;
  };
  return (definition: ScenarioDefinition, timing, executedOn = {}) => {
    const key = [
      idOf(definition), idOf(timing.calendar), timing.dueDate, timing.timeZone, timing.sendHour,
      timing.window && `${timing.window.startHour}-${timing.window.endHour}-${timing.window.businessDaysOnly}`, JSON.stringify(executedOn),
    ].join('|');
    let plan = cache.get(key);
    if (!plan) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      plan = planScenario(definition, timing, executedOn);
      cache.set(key, plan);
    }
    return plan;
  };
}
