import { ValidationError } from './errors.js';
import { describeRule } from './messages.js';
import { EMAIL_MAX, KEY_MAX, KEY_MIN, LIMITS, TEXT_MAX, TOPIC_MAX, URL_MAX, textLength } from './limits.js';
import { KINDS, type FeedbackDraft, type Kind, type MeTooRequest } from './model.js';

export { EMAIL_MAX, KEY_MAX, KEY_MIN, TEXT_MAX, TOPIC_MAX, URL_MAX, textLength } from './limits.js';

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

// Control characters other than tab and newline (C0, DEL, C1); carriage returns are normalised first.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// Pragmatic address syntax (what HTML's type=email accepts): local@domain.tld, no spaces.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
/** A topic slug: lowercase letters and digits in words joined by single hyphens (at most `LIMITS.topic.max`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * The address fragment (without `#`) that brings a topic forward in `<voc-status-feed>`, e.g. `voc-topic-delivery`;
 * undefined when `slug` is not a slug, so nothing else ever reaches an address.
 */
export const topicFragment = (slug: string): string | undefined => (SLUG.test(slug) ? `voc-topic-${slug}` : undefined);
const KEY = /^[A-Za-z0-9_-]+$/;

/** Trims and turns CRLF/CR into LF, as every side stores text. */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

export function checkKind(value: unknown): FieldError | undefined {
  if (value === undefined || value === null || value === '') return fail('kind', 'required');
  if (!isKind(value)) return fail('kind', 'invalid', { value: String(value) });
  return undefined;
}

export function checkText(value: unknown): FieldError | undefined {
  if (typeof value !== 'string') return fail('text', 'required');
  const text = normalizeText(value);
  const length = textLength(text);
  if (length === 0) return fail('text', 'required');
  if (length > TEXT_MAX) return fail('text', 'too_long', { max: TEXT_MAX, length });
  if (CONTROL.test(text)) return fail('text', 'control');
  return undefined;
}

export function checkEmail(value: unknown): FieldError | undefined {
  if (typeof value !== 'string' || value.trim() === '') return fail('email', 'required');
  const email = value.trim();
  if (email.length > EMAIL_MAX) return fail('email', 'too_long', { max: EMAIL_MAX });
  if (!EMAIL.test(email)) return fail('email', 'invalid');
  return undefined;
}

export function checkTopic(value: unknown): FieldError | undefined {
  if (typeof value !== 'string' || !SLUG.test(value) || value.length > TOPIC_MAX)
    return fail('topic', 'invalid', {
      max: TOPIC_MAX,
    });
  return undefined;
}

export function checkPageUrl(value: unknown): FieldError | undefined {
  if (typeof value !== 'string' || value.length > URL_MAX) return fail('pageUrl', 'invalid');
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return undefined;
  } catch {
    // fall through
  }
  return fail('pageUrl', 'invalid');
}

export function checkLocale(value: unknown): FieldError | undefined {
  try {
    if (typeof value === 'string' && value.length <= LIMITS.locale.max && Intl.getCanonicalLocales(value).length === 1) return undefined;
  } catch {
    // fall through
  }
  return fail('locale', 'invalid');
}

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

/** Idempotency keys: 8–128 characters of A–Z, a–z, 0–9, `_` and `-`. */
export function checkIdempotencyKey(value: unknown, field = 'idempotencyKey'): FieldError | undefined {
  if (typeof value !== 'string' || value.length < KEY_MIN || value.length > KEY_MAX || !KEY.test(value))
    return fail(field, 'invalid', { min: KEY_MIN, max: KEY_MAX }, 'idempotencyKey.invalid');
  return undefined;
}

function checkContact(value: unknown, errors: FieldError[]): FeedbackDraft['contact'] | undefined {
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

/**
 * Checks a submission from any source (form, JSON body) and returns it normalised
 * (trimmed text, LF line ends, trimmed email), or every failed rule.
 */
export function validateDraft(input: unknown): Validated<FeedbackDraft> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [fail('body', 'invalid')] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const push = (e: FieldError | undefined) => e && errors.push(e);
  push(checkKind(raw.kind));
  push(checkText(raw.text));
  const topic = raw.topic === undefined || raw.topic === null || raw.topic === '' ? undefined : raw.topic;
  if (topic !== undefined) push(checkTopic(topic));
  const pageUrl = raw.pageUrl === undefined || raw.pageUrl === null || raw.pageUrl === '' ? undefined : raw.pageUrl;
  if (pageUrl !== undefined) push(checkPageUrl(pageUrl));
  const locale = raw.locale === undefined || raw.locale === null || raw.locale === '' ? undefined : raw.locale;
  if (locale !== undefined) push(checkLocale(locale));
  const contact = checkContact(raw.contact, errors);
  if (errors.length) return { ok: false, errors };
  const draft: FeedbackDraft = { kind: raw.kind as Kind, text: normalizeText(raw.text as string) };
  if (topic !== undefined) draft.topic = topic as string;
  if (pageUrl !== undefined) draft.pageUrl = pageUrl as string;
  if (locale !== undefined) draft.locale = Intl.getCanonicalLocales(locale as string)[0];
  if (contact) draft.contact = contact;
  // the honeypot travels as it came: the server answers a filled one as if stored, and stores nothing
  if (typeof raw.website === 'string' && raw.website) draft.website = raw.website;
  return { ok: true, value: draft };
}

export function validateMeToo(input: unknown): Validated<MeTooRequest> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, errors: [fail('body', 'invalid', {}, 'meToo.invalid')] };
  const raw = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const keyError = checkIdempotencyKey(raw.key, 'key');
  if (keyError) errors.push(keyError);
  const contact = checkContact(raw.contact, errors);
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: contact ? { key: raw.key as string, contact } : { key: raw.key as string } };
}

/** The first failed rule as a typed error, for adapters that throw. */
export function toValidationError(errors: FieldError[]): ValidationError {
  const [first] = errors;
  return new ValidationError(first.field, first.rule, first.message, first.params);
}

/** Validates and returns the normalised draft, or throws a ValidationError for the first failed rule. */
export function assertDraft(input: unknown): FeedbackDraft {
  const result = validateDraft(input);
  if (!result.ok) throw toValidationError(result.errors);
  return result.value;
}
