/**
 * Dunning pauses: a pause stops the invoice's dunning clock, so on resume
 * the invoice continues where it was (pending steps move by the paused days).
 * Pure: the workflow keeps the state, these functions decide.
 */
import { dateInZone, daysBetween } from './calendar.js';

export type PauseScope = 'invoice' | 'customer';

export interface ActivePause {
  /** Id of the pause record in the API: timeline events are keyed on it. */
  pauseId: string;
  scope: PauseScope;
  reason: string;
  /** Epoch ms at which the pause lifts by itself, or null. */
  until: number | null;
}

/** Whole local days the clock stood still between `since` and `until`. */
export function pausedDaysBetween(since: number, until: number, timeZone: string): number {
  return Math.max(0, daysBetween(dateInZone(since, timeZone), dateInZone(until, timeZone)));
}

export function expiredPauses(pauses: readonly ActivePause[], now: number): ActivePause[] {
  return pauses.filter((p) => p.until !== null && p.until <= now);
}

/** The instant at which the next pause lifts by itself, if any. */
export function nextPauseExpiry(pauses: readonly ActivePause[]): number | null {
  const ends = pauses.map((p) => p.until).filter((u): u is number => u !== null);
  return ends.length > 0 ? Math.min(...ends) : null;
}
