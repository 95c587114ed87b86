// The checks of public reads (cloud, quotes, feed, pulse) and the shape of a receipt. Apart from validation.ts so
// that pages which only submit (through the HTTP adapter, whose server checks its queries) do not carry them.
import { LIMITS } from './limits.js';
import type { Kind, Since } from './model.js';
import { checkTopic, fail, isKind, toValidationError, type FieldError } from './validation.js';

/** A receipt as accepted anywhere (base64url, `LIMITS.receipt.min`–`max` characters); anything else is not found. */
export const RECEIPT = new RegExp(`^[A-Za-z0-9_-]{${LIMITS.receipt.min},${LIMITS.receipt.max}}$`);
/** A `since` window: `Nd` with 1 ≤ N ≤ `LIMITS.since.maxDays`, or `all`. */
const SINCE = new RegExp(`^(?:all|[1-9]\\d{0,${String(LIMITS.since.maxDays).length - 1}}d)$`);

/** True for a string shaped like a receipt (it may still lead nowhere). */
export function isReceipt(value: unknown): value is string {
  return typeof value === 'string' && RECEIPT.test(value);
}

export function checkSince(value: unknown): FieldError | undefined {
  if (typeof value === 'string' && SINCE.test(value) && (value === 'all' || Number.parseInt(value, 10) <= LIMITS.since.maxDays))
    return undefined;
  return fail('since', 'invalid', { max: LIMITS.since.maxDays });
}

/** A window from a fixed list (`CLOUD_WINDOWS`, `PULSE_WINDOWS`): anything else fails `since.oneOf`. */
export function checkWindow(value: unknown, windows: readonly string[]): FieldError | undefined {
  return windows.includes(value as string) ? undefined : fail('since', 'oneOf', { values: windows.join(', ') });
}

export function checkKinds(value: unknown): FieldError | undefined {
  if (Array.isArray(value) && value.every(isKind)) return undefined;
  return fail('kinds', 'invalid');
}

/** The term of a quotes read: a string, not blank, at most `LIMITS.quoteTerm.max` UTF-16 units as sent. */
export function checkQuoteTerm(value: unknown): FieldError | undefined {
  if (typeof value === 'string' && value.trim() !== '' && value.length <= LIMITS.quoteTerm.max) return undefined;
  return fail('term', 'invalid', { max: LIMITS.quoteTerm.max });
}

/** The id of a topic's update, as `topicUpdates` takes it in `before`: 1 to 64 letters, digits, `_` or `-`. */
export function checkUpdateId(value: unknown): FieldError | undefined {
  if (typeof value === 'string' && /^[\w-]{1,64}$/.test(value)) return undefined;
  return fail('before', 'invalid');
}

/** A page or list size: a whole number from 1 to `range.max` (see `LIMITS`). */
export function checkLimit(value: unknown, range: { max: number }): FieldError | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= range.max) return undefined;
  return fail('limit', 'invalid', { max: range.max });
}

/**
 * Checks the query of a public read (cloud, quotes, feed, pulse): `since`, `kinds`, `topic` and `limit` where
 * given, `limit` against `range`, `since` against `windows` when the read has a fixed list (the cloud's
 * `CLOUD_WINDOWS`). Throws the `ValidationError` of the first failed rule; every adapter refuses the same queries
 * the reference server refuses.
 */
export function assertQuery(
  query: { since?: Since; kinds?: Kind[]; topic?: string; limit?: number },
  range?: { max: number },
  windows?: readonly string[],
): void {
  const errors: FieldError[] = [];
  const push = (e: FieldError | undefined) => e && errors.push(e);
  // absent, null and '' all mean "not given" (a removed attribute is null), as in a query string
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (given(query.since)) push(windows ? checkWindow(query.since, windows) : checkSince(query.since));
  if (given(query.kinds)) push(checkKinds(query.kinds));
  if (given(query.topic)) push(checkTopic(query.topic));
  if (given(query.limit) && range) push(checkLimit(query.limit, range));
  if (errors.length) throw toValidationError(errors);
}
