import { ValidationError } from './errors.js';
import { checkContact, fail, type FieldError, type Validated } from './rule.js';
import { TEXT_MAX, textLength } from './text-length.js';
import { LOCALE_MAX, TOPIC_MAX, URL_MAX } from './field-limits.js';
import { KINDS, type FeedbackDraft, type Kind } from './model.js';

export { TEXT_MAX, textLength } from './text-length.js';
export { EMAIL_MAX, KEY_MAX, KEY_MIN, TOPIC_MAX, URL_MAX } from './field-limits.js';
export { checkEmail, checkIdempotencyKey, fail, type FieldError, type Validated } from './rule.js';
export { EXPECTED_BY, checkExpectedBy, earliestExpectedBy } from './expected-by.js';

// Control characters other than tab and newline (C0, DEL, C1); carriage returns are normalised first.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
/** A topic slug: lowercase letters and digits in words joined by single hyphens (at most `TOPIC_MAX`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/**
 * The address fragment (without `#`) that brings a topic forward in `<voc-status-feed>`, e.g. `voc-topic-delivery`;
 * undefined when `slug` is not a slug, so nothing else ever reaches an address.
 */
export const topicFragment = (slug: string): string | undefined => (SLUG.test(slug) ? `voc-topic-${slug}` : undefined);

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

export function checkTopic(value: unknown): FieldError | undefined {
  if (typeof value !== 'string' || !SLUG.test(value) || value.length > TOPIC_MAX)
    return fail('topic', 'invalid', {
      max: TOPIC_MAX,
    });
  return undefined;
}

export function checkPageUrl(value: unknown): FieldError | undefined {
  try {
    if (typeof value === 'string' && value.length <= URL_MAX && /^https?:$/.test(new URL(value).protocol)) return undefined;
  } catch {
    // not a URL
  }
  return fail('pageUrl', 'invalid');
}

export function checkLocale(value: unknown): FieldError | undefined {
  try {
    if (typeof value === 'string' && value.length <= LOCALE_MAX && Intl.getCanonicalLocales(value).length === 1) return undefined;
  } catch {
    // fall through
  }
  return fail('locale', 'invalid');
}

// The optional fields of a draft and their checks, in the order their errors are reported.
const OPTIONAL = { topic: checkTopic, pageUrl: checkPageUrl, locale: checkLocale };

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
  // the optional fields: absent, null and '' are all left out
  const given: Partial<Record<keyof typeof OPTIONAL, string>> = {};
  for (const [name, check] of Object.entries(OPTIONAL) as [keyof typeof OPTIONAL, (v: unknown) => FieldError | undefined][]) {
    const value = raw[name];
    if (value !== undefined && value !== null && value !== '') push(check((given[name] = value as string)));
  }
  const contact = checkContact(raw.contact, errors);
  if (errors.length) return { ok: false, errors };
  const draft: FeedbackDraft = { kind: raw.kind as Kind, text: normalizeText(raw.text as string), ...given };
  if (draft.locale) draft.locale = Intl.getCanonicalLocales(draft.locale)[0];
  if (contact) draft.contact = contact;
  // the honeypot travels as it came: the server answers a filled one as if stored, and stores nothing
  if (typeof raw.website === 'string' && raw.website) draft.website = raw.website;
  return { ok: true, value: draft };
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
