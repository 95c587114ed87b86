import { ValidationError, VocError } from '@voc-kit/protocol/errors.js';
import { KINDS, type Kind, type Since } from '@voc-kit/protocol/model.js';
import { checkTopic } from '@voc-kit/protocol/validation.js';

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

export function since(value: unknown): Since | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (value === 'all' || /^[1-9]\d{0,4}d$/.test(value))) return value as Since;
  throw new ValidationError('since', 'invalid', 'since must be like 7d, 30d, 365d or all.');
}

export function kinds(value: unknown): Kind[] | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string')
    throw new ValidationError('kinds', 'invalid', 'kinds is a comma-separated list of compliment, idea, complaint.');
  const list = value.split(',');
  if (!list.every((k) => (KINDS as readonly string[]).includes(k)))
    throw new ValidationError('kinds', 'invalid', 'kinds is a comma-separated list of compliment, idea, complaint.');
  return list as Kind[];
}

export function limit(value: unknown, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max)
    throw new ValidationError('limit', 'invalid', `limit must be a whole number from 1 to ${max}.`, { max });
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
