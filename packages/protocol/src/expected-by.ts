import { fail, type FieldError } from './rule.js';

/** An "expected by" date: a calendar day `YYYY-MM-DD` (UTC, as the topic's dates are). */
export const EXPECTED_BY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The earliest "expected by" date accepted at `now`: yesterday in UTC, so a team in a zone behind UTC (down to
 * UTC−12) can still say "by today" in its own calendar. Anything earlier is in the past everywhere.
 */
export function earliestExpectedBy(now: Date = new Date()): string {
  return new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The "expected by" rule of a topic move, in one place: absent or `null` (no date, or clear it) passes; otherwise a
 * real calendar date `YYYY-MM-DD` that is not in the past (see `earliestExpectedBy`).
 */
export function checkExpectedBy(value: unknown, now: Date = new Date()): FieldError | undefined {
  if (value === undefined || value === null) return undefined;
  const m = typeof value === 'string' ? EXPECTED_BY.exec(value) : null;
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) return fail('expectedBy', 'invalid');
  const min = earliestExpectedBy(now);
  if ((value as string) < min) return fail('expectedBy', 'past', { min });
  return undefined;
}
