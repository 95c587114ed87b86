/**
 * The rules a submission and a "me too" share (a contact, an idempotency key) and how a broken rule is reported.
 * `validation.ts` re-exports all of it; the "me too" check (`me-too.ts`, not re-exported by `validation.ts`, so the
 * bundle's `data` chunk does not carry it) and the topic date rule (`expected-by.ts`) live apart, so checking a draft
 * carries neither.
 */
import { describeRule } from './messages.js';
import { EMAIL_MAX, KEY_MAX, KEY_MIN } from './field-limits.js';
import type { FeedbackDraft } from './model.js';

/**
 * One failed rule. `field` + `rule` form the localisation key of the message (e.g. `text.too_long`);
 * `params` fill its placeholders; `message` is the English text (in browser builds a short developer message:
 * elements show their own localised string per `field.rule`).
 */
export interface FieldError {
  field: string;
  rule: string;
  message: string;
  params: Record<string, string | number>;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** One failed rule, with its English (or, in browser builds, developer) message. */
export const fail = (field: string, rule: string, params: Record<string, string | number> = {}, id = `${field}.${rule}`): FieldError => ({
  field,
  rule,
  message: describeRule(id, params),
  params,
});

// Pragmatic address syntax (what HTML's type=email accepts): local@domain.tld, no spaces.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
const KEY = /^[A-Za-z0-9_-]+$/;

export function checkEmail(value: unknown): FieldError | undefined {
  if (typeof value !== 'string' || value.trim() === '') return fail('email', 'required');
  const email = value.trim();
  if (email.length > EMAIL_MAX) return fail('email', 'too_long', { max: EMAIL_MAX });
  if (!EMAIL.test(email)) return fail('email', 'invalid');
  return undefined;
}

/** Idempotency keys: 8–128 characters of A–Z, a–z, 0–9, `_` and `-`. */
export function checkIdempotencyKey(value: unknown, field = 'idempotencyKey'): FieldError | undefined {
  if (typeof value !== 'string' || value.length < KEY_MIN || value.length > KEY_MAX || !KEY.test(value))
    return fail(field, 'invalid', { min: KEY_MIN, max: KEY_MAX }, 'idempotencyKey.invalid');
  return undefined;
}

/** @internal The contact of a submission or a "me too": adds its failed rules to `errors`. */
export function checkContact(value: unknown, errors: FieldError[]): FeedbackDraft['contact'] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') {
    errors.push(fail('contact', 'invalid'));
    return undefined;
  }
  const { email, consent } = value as Record<string, unknown>;
  const emailError = checkEmail(email);
  if (emailError) errors.push(emailError);
  if (consent !== true) errors.push(fail('consent', 'required'));
  return emailError || consent !== true ? undefined : { email: (email as string).trim(), consent: true };
}
