/**
 * The time source of everything that stamps a row or compares with "now".
 * Injected (Nest token: the class itself) so a test can pin or follow another
 * clock, e.g. a time-skipping Temporal server's, instead of the machine's.
 */
export abstract class Clock {
  abstract nowMs(): number;

  now(): Date {
    return new Date(this.nowMs());
  }
}

/** The machine's clock: production. */
export class SystemClock extends Clock {
  nowMs(): number {
    return Date.now();
  }
}

export const systemClock: Clock = new SystemClock();
