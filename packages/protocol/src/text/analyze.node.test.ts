import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countTerms, isProfane, mask, maskProfanity, singular, stopWords, terms, words } from './analyze.js';
import { foldedInto, mergePhrases } from './phrases.js';

describe('text analysis', () => {
  it('folds case and width, drops stop words and numbers', () => {
    assert.deepEqual(words('The DELIVERY was late, 2 times!'), ['delivery', 'late', 'time']);
    assert.deepEqual(words('ＤＥＬＩＶＥＲＹ'), ['delivery']);
  });

  it('keeps the words that carry a customer’s meaning, even where the ISO list drops them', () => {
    assert.deepEqual(words('Great help, but the website is slow and the order was wrong'), [
      'great',
      'help',
      'website',
      'slow',
      'order',
      'wrong',
    ]);
  });

  it('drops contractions with and without apostrophes', () => {
    assert.deepEqual(words('I don’t like it, dont care, it’s broken'), ['like', 'care', 'broken']);
  });

  it('segments Japanese and Chinese without spaces and drops their stop words', () => {
    const ja = words('配達がとても遅いです', { locale: 'ja' });
    assert.ok(ja.includes('配達'), ja.join('|'));
    assert.ok(!ja.includes('です') && !ja.includes('が'), ja.join('|'));
    const zh = words('送货太慢了', { locale: 'zh' });
    assert.ok(zh.length > 0 && zh.every((w) => w !== '了'), zh.join('|'));
  });

  it('uses the stop words of the text’s language', () => {
    assert.deepEqual(words('Die Lieferung war leider viel zu spät', { locale: 'de-CH' }), ['lieferung', 'leider', 'spät']);
    assert.deepEqual(words('La livraison est très lente', { locale: 'fr' }), ['livraison', 'lente']);
    assert.deepEqual(words('El envío llegó muy tarde', { locale: 'es' }), ['envío', 'tarde']);
    assert.deepEqual(words('التوصيل كان بطيئا', { locale: 'ar' }), ['التوصيل', 'بطيئا']);
    for (const lang of ['en', 'de', 'fr', 'es', 'ja', 'ar']) assert.ok(stopWords(lang).size > 100, lang);
    // Arabic with and without short vowels and tatweel is one word
    assert.deepEqual(words('التَّوْصِيل التوصـــيل', { locale: 'ar' }), ['التوصيل', 'التوصيل']);
  });

  it('folds English plurals to one term', () => {
    const pairs: Array<[string, string]> = [
      ['deliveries', 'delivery'],
      ['orders', 'order'],
      ['boxes', 'box'],
      ['watches', 'watch'],
      ['addresses', 'address'],
      ['people', 'person'],
      ['status', 'status'],
      ['news', 'news'],
      ['process', 'process'],
      ['delicious', 'delicious'],
      ['heroes', 'hero'],
      ['shoes', 'shoe'],
      ['photos', 'photo'],
      ['movies', 'movie'],
      ['cookies', 'cookie'],
      ['categories', 'category'],
      ['issues', 'issue'],
      ['prices', 'price'],
    ];
    for (const [plural, one] of pairs) assert.equal(singular(plural), one, plural);
    assert.deepEqual(words('Deliveries delayed; delivery delayed'), ['delivery', 'delayed', 'delivery', 'delayed']);
    // only English is folded
    assert.deepEqual(words('Les colis', { locale: 'fr', minLength: 3 }), ['colis']);
  });

  it('keeps two-word phrases only of words that stand together', () => {
    assert.deepEqual(terms('late delivery late delivery'), ['late', 'delivery', 'late delivery', 'delivery late']);
    // a removed stop word or punctuation breaks a phrase
    assert.deepEqual(terms('The delivery was late. Support, helpful'), ['delivery', 'late', 'support', 'helpful']);
  });

  it('applies a minimum length and extra stop words', () => {
    assert.deepEqual(words('app ui is ok', { minLength: 2 }), ['app', 'ui', 'ok']);
    assert.deepEqual(words('app ui is ok'), ['app']);
    assert.deepEqual(words('Acme checkout is great', { extraStopWords: ['ACME'] }), ['checkout', 'great']);
  });

  it('masks or drops profanity on request, and keeps it by default', () => {
    assert.ok(isProfane('shit'));
    assert.equal(mask('shit'), 's***');
    assert.deepEqual(words('This shit checkout'), ['shit', 'checkout']);
    assert.deepEqual(words('This shit checkout', { profanity: 'mask' }), ['s***', 'checkout']);
    assert.deepEqual(words('This shit checkout', { profanity: 'drop' }), ['checkout']);
    assert.deepEqual(words('Scheiße Kasse', { locale: 'de', profanity: 'mask' })[0], 's******');
  });

  it('masks the profane words of a text and keeps everything else as written', () => {
    assert.equal(maskProfanity('This SHIT checkout, again!'), 'This S*** checkout, again!');
    assert.equal(maskProfanity('Die Scheiße Kasse', 'de'), 'Die S****** Kasse');
    assert.equal(maskProfanity('A class act'), 'A class act');
  });

  it('treats markup as plain words', () => {
    assert.deepEqual(words('<script>alert(1)</script> <img src=x onerror=boom>'), [
      'script',
      'alert',
      'script',
      'img',
      'src',
      'onerror',
      'boom',
    ]);
  });

  it('counts terms per kind, keeps recurring phrases only, most frequent first', () => {
    const items = [
      { kind: 'complaint' as const, terms: terms('Late delivery again') },
      { kind: 'complaint' as const, terms: terms('late delivery, no tracking') },
      { kind: 'idea' as const, terms: terms('Faster delivery please') },
      { kind: 'compliment' as const, terms: terms('Friendly support') },
    ];
    const counted = countTerms(items);
    const byTerm = Object.fromEntries(counted.map((t) => [t.term, t]));
    assert.deepEqual(byTerm.delivery.counts, { compliment: 0, idea: 1, complaint: 2 });
    assert.equal(byTerm.delivery.total, 3);
    assert.equal(byTerm['late delivery'].total, 2);
    assert.equal(byTerm['faster delivery'], undefined);
    assert.equal(counted[0].term, 'delivery');
    assert.deepEqual(
      countTerms(items, { limit: 2 }).map((t) => t.term),
      ['delivery', 'late'],
    );
  });

  it('shows a recurring phrase instead of the words it already says', () => {
    const items = [
      { kind: 'complaint' as const, terms: terms('Sample feedback: checkout failing') },
      { kind: 'idea' as const, terms: terms('Sample feedback: dark mode') },
      { kind: 'complaint' as const, terms: terms('Late delivery again') },
      { kind: 'complaint' as const, terms: terms('Late delivery, no tracking') },
      { kind: 'complaint' as const, terms: terms('Delivery took weeks') },
      { kind: 'compliment' as const, terms: terms('Checkout was quick') },
    ];
    const merged = countTerms(items, { merge: true }).map((t) => t.term);
    assert.ok(merged.includes('sample feedback') && !merged.includes('sample') && !merged.includes('feedback'), merged.join('|'));
    // "late" is only ever said in "late delivery"; "delivery" is also said alone, so it stays
    assert.ok(merged.includes('late delivery') && !merged.includes('late') && merged.includes('delivery'), merged.join('|'));
    assert.ok(merged.includes('checkout'));
    // without merge, every word is counted as before
    assert.ok(countTerms(items).some((t) => t.term === 'late'));
    const phrase = { term: 'late delivery', counts: { compliment: 0, idea: 0, complaint: 4 }, total: 4 };
    assert.equal(foldedInto('late', 5, [phrase]), phrase);
    assert.equal(foldedInto('late', 6, [phrase]), undefined);
    assert.equal(foldedInto('delivery', 4, [{ ...phrase, total: 1 }]), undefined);
    assert.deepEqual(mergePhrases([]), []);
  });
});
