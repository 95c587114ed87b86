import { ValidationError, VocError } from '@voc-kit/protocol/errors.js';
import type { Kind, Since } from '@voc-kit/protocol/model.js';
import { checkKinds, checkLimit, checkSince, checkWindow } from '@voc-kit/protocol/query.js';
import { checkTopic, toValidationError } from '@voc-kit/protocol/validation.js';

/** A 4xx that is not in core's vocabulary (403 origin, 413, 415, 405). Same body shape. */
export class HttpError extends VocError {
  constructor(status: number, code: 'validation' | 'unauthorized' | 'not_found', message: string) {
    super(code, message, status);
  }
}

/** `http://localhost:*` matches any port of that host; `*` matches any origin; anything else matches exactly. */
export function originAllowed(origin: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p === '*' || p === origin) return true;
    if (p.endsWith(':*')) {
      const base = p.slice(0, -2);
      if (origin === base || (origin.startsWith(`${base}:`) && /^\d{1,5}$/.test(origin.slice(base.length + 1)))) return true;
    }
  }
  return false;
}

/** Checks an allowed-origin pattern a team enters. */
export function validOriginPattern(p: unknown): p is string {
  if (p === '*') return true;
  if (typeof p !== 'string' || p.length > 200) return false;
  return /^https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/i.test(p);
}

// ——— query and body readers: every bad input becomes a ValidationError (4xx) ———

/** A `since` parameter: any `Nd` or `all`, or one of `windows` when the read has a fixed list (the cloud's). */
export function since(value: unknown, windows?: readonly string[]): Since | undefined {
  if (value === undefined || value === '') return undefined;
  const error = windows ? checkWindow(value, windows) : checkSince(value);
  if (error) throw toValidationError([error]);
  return value as Since;
}

export function kinds(value: unknown): Kind[] | undefined {
  if (value === undefined || value === '') return undefined;
  // one comma-separated string: a repeated parameter (an array here) is refused like any other bad value
  const list: unknown = typeof value === 'string' ? value.split(',') : undefined;
  const error = checkKinds(list);
  if (error) throw toValidationError([error]);
  return list as Kind[];
}

/** A `limit` query parameter: a whole number within `range` (one of `LIMITS`), or undefined when not given. */
export function limit(value: unknown, range: { max: number }): number | undefined {
  if (value === undefined || value === '') return undefined;
  // digits only: `Number()` would also take ' 5', '0x10' or '1e2'
  const error = checkLimit(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value, range);
  if (error) throw toValidationError([error]);
  return Number(value);
}

export function topicParam(value: unknown, field = 'topic'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const error = checkTopic(value);
  if (error) throw new ValidationError(field, error.rule, error.message, error.params);
  return value as string;
}

export function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('body', 'invalid', 'Send a JSON object.');
  return body as Record<string, unknown>;
}

export function text(o: Record<string, unknown>, field: string, max: number, required = true): string | undefined {
  const v = o[field];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '' && !required)) {
    if (required) throw new ValidationError(field, 'required', `${field} is required.`);
    return undefined;
  }
  if (typeof v !== 'string' || v.trim() === '') throw new ValidationError(field, 'required', `${field} must be a non-empty string.`);
  if ([...v.trim()].length > max) throw new ValidationError(field, 'too_long', `${field} has at most ${max} characters.`, { max });
  return v.trim();
}

// ——— rate limits ———

export interface Limit {
  /** Requests allowed per minute (sustained). */
  perMinute: number;
  /** Requests allowed at once. */
  burst: number;
}
export interface RateLimits {
  write: Limit;
  read: Limit;
}
export const DEFAULT_LIMITS: RateLimits = { write: { perMinute: 30, burst: 20 }, read: { perMinute: 600, burst: 120 } };
