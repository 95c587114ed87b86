import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { terms, words } from './analyze.js';

describe('text analysis', () => {
  it('folds case and width, drops stop words and numbers', () => {
    assert.deepEqual(words('The DELIVERY was late, 2 times!'), ['delivery', 'late', 'times']);
    assert.deepEqual(words('ＤＥＬＩＶＥＲＹ'), ['delivery']);
  });
  it('segments Japanese without spaces', () => {
    const w = words('配達が遅いです', { locale: 'ja' });
    assert.ok(w.includes('配達'), w.join('|'));
  });
  it('adds two-word phrases once', () => {
    assert.deepEqual(terms('late delivery late delivery'), ['late', 'delivery', 'late delivery', 'delivery late']);
  });
});
