import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  TEXT_MAX,
  assertDraft,
  checkExpectedBy,
  checkIdempotencyKey,
  earliestExpectedBy,
  textLength,
  validateDraft,
} from './validation.js';
import { validateMeToo } from './me-too.js';
import { ValidationError } from './errors.js';

const rules = (input: unknown) => {
  const r = validateDraft(input);
  return r.ok ? [] : r.errors.map((e) => `${e.field}.${e.rule}`);
};

describe('validateDraft', () => {
  it('accepts each kind and normalises text and email', () => {
    for (const kind of ['compliment', 'idea', 'complaint']) {
      const r = validateDraft({ kind, text: '  Great\r\nservice\t! ', contact: { email: ' a@b.co ', consent: true } });
      assert.ok(r.ok);
      assert.deepEqual(r.value, { kind, text: 'Great\nservice\t!', contact: { email: 'a@b.co', consent: true } });
    }
  });

  it('rejects a missing or unknown kind with the field named', () => {
    assert.deepEqual(rules({ text: 'hi' }), ['kind.required']);
    assert.deepEqual(rules({ kind: 'rant', text: 'hi' }), ['kind.invalid']);
  });

  it('needs 1–4000 characters after trimming, counted in code points', () => {
    assert.deepEqual(rules({ kind: 'idea', text: '   \n ' }), ['text.required']);
    assert.deepEqual(rules({ kind: 'idea', text: 42 }), ['text.required']);
    assert.deepEqual(rules({ kind: 'idea', text: 'x'.repeat(TEXT_MAX) }), []);
    assert.deepEqual(rules({ kind: 'idea', text: 'x'.repeat(TEXT_MAX + 1) }), ['text.too_long']);
    const emoji = '😀'.repeat(TEXT_MAX); // 8000 UTF-16 units, 4000 characters
    assert.equal(textLength(emoji), TEXT_MAX);
    assert.deepEqual(rules({ kind: 'idea', text: emoji }), []);
  });

  it('refuses control characters but newline and tab', () => {
    assert.deepEqual(rules({ kind: 'idea', text: 'a\u0000b' }), ['text.control']);
    assert.deepEqual(rules({ kind: 'idea', text: 'a\u001bb' }), ['text.control']);
    assert.deepEqual(rules({ kind: 'idea', text: 'a\u0085b' }), ['text.control']);
    assert.deepEqual(rules({ kind: 'idea', text: 'a\n\tb' }), []);
  });

  it('checks email syntax and requires consent', () => {
    assert.deepEqual(rules({ kind: 'idea', text: 'x', contact: { email: 'nope', consent: true } }), ['email.invalid']);
    assert.deepEqual(rules({ kind: 'idea', text: 'x', contact: { email: 'a@b.co' } }), ['consent.required']);
    assert.deepEqual(rules({ kind: 'idea', text: 'x', contact: { email: 'a@b.co', consent: 'yes' } }), ['consent.required']);
    assert.deepEqual(rules({ kind: 'idea', text: 'x', contact: { email: `${'a'.repeat(250)}@b.co`, consent: true } }), ['email.too_long']);
  });

  it('takes a topic only as a slug', () => {
    assert.deepEqual(rules({ kind: 'idea', text: 'x', topic: 'late-delivery' }), []);
    for (const topic of ['Late Delivery', 'a--b', '-a', 'a_b', '<script>', 'x'.repeat(65), 7])
      assert.deepEqual(rules({ kind: 'idea', text: 'x', topic }), ['topic.invalid'], String(topic));
  });

  it('checks page URL and locale', () => {
    assert.deepEqual(rules({ kind: 'idea', text: 'x', pageUrl: 'javascript:alert(1)' }), ['pageUrl.invalid']);
    assert.deepEqual(rules({ kind: 'idea', text: 'x', pageUrl: 'https://shop.example/cart' }), []);
    assert.deepEqual(rules({ kind: 'idea', text: 'x', locale: 'not a locale!' }), ['locale.invalid']);
    const r = validateDraft({ kind: 'idea', text: 'x', locale: 'de-ch' });
    assert.ok(r.ok && r.value.locale === 'de-CH');
  });

  it('reports every failed rule at once, each with an English message', () => {
    const r = validateDraft({ kind: 'x', text: '', topic: 'A B' });
    assert.ok(!r.ok);
    assert.equal(r.errors.length, 3);
    for (const e of r.errors) assert.ok(e.message.length > 10, e.message);
  });

  it('rejects non-objects', () => {
    for (const input of [null, 'text', [], 3]) assert.deepEqual(rules(input), ['body.invalid']);
  });

  it('assertDraft throws a ValidationError with the field', () => {
    assert.throws(
      () => assertDraft({ kind: 'idea', text: '' }),
      (e: unknown) => e instanceof ValidationError && e.field === 'text' && e.status === 422,
    );
  });
});

describe('keys and me-too', () => {
  it('accepts UUIDs and refuses short or odd keys', () => {
    assert.equal(checkIdempotencyKey(crypto.randomUUID()), undefined);
    for (const key of ['short', 'has space in it', 'x'.repeat(129), undefined]) assert.ok(checkIdempotencyKey(key));
  });
  it('validates a me-too request', () => {
    assert.ok(validateMeToo({ key: 'abcdefgh12' }).ok);
    assert.ok(!validateMeToo({ key: 'abcdefgh12', contact: { email: 'a@b.co' } }).ok);
  });
});

describe('"expected by"', () => {
  const now = new Date('2026-03-10T09:00:00Z');
  it('passes no date (absent or null, which clears it) and a real day from yesterday (UTC) on', () => {
    for (const value of [undefined, null, '2026-03-09', '2026-03-10', '2027-02-28', '2028-02-29'])
      assert.equal(checkExpectedBy(value, now), undefined, String(value));
    assert.equal(earliestExpectedBy(now), '2026-03-09');
  });
  it('refuses what is not a calendar day, and a day in the past everywhere', () => {
    for (const value of ['12 March', '2026-3-12', '2026-02-30', '2027-02-29', '2026-03-12T00:00:00Z', 20260312, ''])
      assert.equal(checkExpectedBy(value, now)?.rule, 'invalid', String(value));
    const past = checkExpectedBy('2026-03-08', now);
    assert.equal(past?.rule, 'past');
    assert.equal(past?.message, 'expectedBy cannot be in the past (the earliest is 2026-03-09).');
  });
});
