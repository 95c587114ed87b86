/** The "me too" request's rules (the status feed's "Follow"), apart from a draft's: the form never carries them. */
import { checkContact, checkIdempotencyKey, fail, type FieldError, type Validated } from './rule.js';
import type { MeTooRequest } from './model.js';

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
