/**
 * What an invoice's workflow knows, rebuilt from the database: the steps it
 * handled (timeline dedupe keys) and how long its clock stood still (pause
 * rows). Pure, so the rules can be read next to the workflow's.
 */
import { dateInZone } from '../../workflows/domain/calendar.js';
import { pausedDaysBetween } from '../../workflows/domain/dunning-pause.js';

/** The timeline events that say a step is handled. */
export interface StepEventRow {
  type: string;
  dedupeKey: string;
  occurredAt: Date;
  /** `data.then` of a closed checkpoint: 'skip' when it was rejected or timed out that way. */
  then: string | null;
}

export interface StepProgress {
  handled: string[];
  /** Step key → local date it was executed. */
  executedOn: Record<string, string>;
  /** A step whose checkpoint was opened and not closed: the workflow waits on it. */
  awaitingCheckpoint: string | null;
}

/**
 * - `step:<key>`: executed (reminder_sent, task_created, …; the legacy built-in
 *   reminder_sent too) or skipped by its conditions (step_skipped, no date).
 * - `skip:<key>`: superseded by a catch-up (reminder_skipped).
 * - `checkpoint_closed:<key>` with then = skip: rejected or timed out, handled without running.
 * - `checkpoint:<key>` alone (not closed, not run): the checkpoint is open.
 */
export function stepProgress(events: readonly StepEventRow[], timeZone: string, localDate: LocalDate = dateInZone): StepProgress {
  const handled = new Set<string>();
  const executedOn: Record<string, string> = {};
  const opened: string[] = [];
  const closed = new Set<string>();
  for (const e of events) {
    const colon = e.dedupeKey.indexOf(':');
    const prefix = e.dedupeKey.slice(0, colon);
    const key = e.dedupeKey.slice(colon + 1);
    if (prefix === 'step') {
      handled.add(key);
      if (e.type !== 'step_skipped') executedOn[key] = localDate(e.occurredAt.getTime(), timeZone);
    } else if (prefix === 'skip' || (prefix === 'checkpoint_closed' && e.then === 'skip')) {
      handled.add(key);
    }
    if (prefix === 'checkpoint') opened.push(key);
    if (prefix === 'checkpoint_closed') closed.add(key);
  }
  const awaitingCheckpoint = opened.find((key) => !closed.has(key) && !handled.has(key)) ?? null;
  return { handled: [...handled], executedOn, awaitingCheckpoint };
}

export type LocalDate = (epochMs: number, timeZone: string) => string;

const QUARTER_HOUR_MS = 900_000;

/**
 * dateInZone, remembered per zone and quarter hour: every UTC offset in use is
 * a multiple of 15 minutes, so a local date never changes inside one. Events
 * of a portfolio cluster at send hours, and time-zone conversion is costly.
 */
export function memoisedLocalDate(maxEntries = 100_000): LocalDate {
  const cache = new Map<string, string>();
  return (epochMs, timeZone) => {
    const key = `${timeZone}|${Math.floor(epochMs / QUARTER_HOUR_MS)}`;
    let date = cache.get(key);
    if (date === undefined) {
      if (cache.size >= maxEntries) cache.clear();
      cache.set(key, (date = dateInZone(epochMs, timeZone)));
    }
    return date;
  };
}

export interface PauseRow {
  createdAt: Date;
  until: Date | null;
  resumedAt: Date | null;
}

export interface PauseProgress {
  /** Whole local days of the pauses already over. */
  pausedDays: number;
  /** The pause in force now (invoice and customer pauses merged), if any. */
  activePause: { since: number; until: number | null } | null;
}

/**
 * Mirrors the workflow's pause clock: it stops when the first pause starts
 * and restarts when the last one lifts, adding the whole local days between
 * (overlapping invoice and customer pauses count once). A pause ends when
 * resumed, or at its `until` (the workflow lifts it then, even if the row
 * still says otherwise). Pauses count from the invoice's creation: an
 * invoice of a paused customer starts paused.
 */
export function pauseProgress(pauses: readonly PauseRow[], invoiceCreatedAt: Date, now: number, timeZone: string): PauseProgress {
  const created = invoiceCreatedAt.getTime();
  const spans = pauses
    .map((p) => ({ start: Math.max(p.createdAt.getTime(), created), end: (p.resumedAt ?? p.until)?.getTime() ?? Infinity }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  let pausedDays = 0;
  let activePause: PauseProgress['activePause'] = null;
  const close = (span: { start: number; end: number }) => {
    if (span.end <= now) pausedDays += pausedDaysBetween(span.start, span.end, timeZone);
    else activePause = { since: span.start, until: span.end === Infinity ? null : span.end };
  };
  let current: { start: number; end: number } | null = null;
  for (const span of spans) {
    if (current && span.start < current.end) current.end = Math.max(current.end, span.end);
    else {
      if (current) close(current);
      current = { ...span };
    }
  }
  if (current) close(current);
  return { pausedDays, activePause };
}
