import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRule as shortMessage } from './messages.browser.js';
import { validateMeToo } from './me-too.js';
import { TEXT_MAX, checkIdempotencyKey, checkLocale, checkPageUrl, validateDraft, type FieldError } from './validation.js';

const failures = (input: unknown): FieldError[] => {
  const r = validateDraft(input);
  return r.ok ? [] : r.errors;
};

// One input per rule the validation can refuse, so a new rule without its English sentence fails here.
const every: FieldError[] = [
  ...failures(null),
  ...failures({ text: 'hi' }),
  ...failures({ kind: 'rant', text: '' }),
  ...failures({ kind: 'idea', text: 'x'.repeat(TEXT_MAX + 1) }),
  ...failures({ kind: 'idea', text: 'bell \u0007' }),
  ...failures({ kind: 'idea', text: 'hi', topic: 'Not A Slug', contact: 'me' }),
  ...failures({ kind: 'idea', text: 'hi', contact: { email: '', consent: false } }),
  ...failures({ kind: 'idea', text: 'hi', contact: { email: `${'a'.repeat(250)}@b.co`, consent: true } }),
  ...failures({ kind: 'idea', text: 'hi', contact: { email: 'not an address', consent: true } }),
  ...(validateMeToo([]) as { errors: FieldError[] }).errors,
  checkIdempotencyKey('short', 'key')!,
  checkPageUrl('javascript:alert(1)')!,
  checkLocale('not a locale!')!,
];

describe('validation messages', () => {
  it('gives every rule a whole English sentence on the server, placeholders filled', () => {
    const ids = new Set(every.map((e) => `${e.field}.${e.rule}`));
    for (const id of [
      'kind.required',
      'kind.invalid',
      'text.required',
      'text.too_long',
      'text.control',
      'topic.invalid',
      'contact.invalid',
    ]) {
      assert.ok(ids.has(id), `no input above fails ${id}`);
    }
    for (const e of every) {
      assert.match(e.message, /^[A-Z].{9,}\.$/, `${e.field}.${e.rule}: ${e.message}`);
      assert.doesNotMatch(e.message, /[{}]/, `${e.field}.${e.rule}: ${e.message}`);
    }
    const long = every.find((e) => e.rule === 'too_long' && e.field === 'text')!;
    assert.equal(long.message, `Please keep it to ${TEXT_MAX} characters (now ${TEXT_MAX + 1}).`);
    assert.equal(
      checkIdempotencyKey('short', 'key')!.message,
      "The idempotency key must be 8–128 characters of letters, digits, '_' or '-'.",
    );
  });

  it('gives browser builds a short developer message naming the rule and its values', () => {
    assert.equal(shortMessage('text.too_long', { max: 4000, length: 4012 }), 'text.too_long (max 4000, length 4012)');
    assert.equal(shortMessage('consent.required', {}), 'consent.required');
  });
});
