import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudLayout, approximateMeasure, fontSizes, type LayoutWord, type PlacedWord } from './layout.js';

const vocabulary = (n: number): string[] => {
  const syllables = ['de', 'li', 've', 'ry', 'sup', 'port', 'check', 'out', 'late', 'price', 'app', 'fast', 'slow', 'or', 'der', 'help'];
  const out = new Set<string>();
  for (let i = 0; out.size < n; i++) {
    let w = '';
    for (let k = i; ; k = Math.floor(k / syllables.length)) {
      w += syllables[k % syllables.length];
      if (k < syllables.length) break;
    }
    out.add(w);
  }
  return [...out];
};

function wordList(n: number, min = 10, max = 60): LayoutWord[] {
  const texts = vocabulary(n);
  const sizes = fontSizes(
    texts.map((_, i) => Math.max(1, Math.round(300 / (i + 1)))),
    min,
    max,
  );
  return texts.map((text, i) => ({ id: text, text, size: sizes[i] }));
}

const overlaps = (a: PlacedWord, b: PlacedWord) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function assertValid(layout: CloudLayout): void {
  const placed = layout.placed();
  for (const w of placed) {
    assert.ok(w.x >= 0 && w.y >= 0 && w.x + w.width <= layout.width && w.y + w.height <= layout.height, `${w.text} is outside`);
  }
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) assert.ok(!overlaps(placed[i], placed[j]), `${placed[i].text} overlaps ${placed[j].text}`);
}

const make = (seed = 1, extra = {}) => new CloudLayout({ width: 600, height: 400, measure: approximateMeasure, seed, ...extra });

describe('cloud layout', () => {
  it('places every word of a list that fits, inside the area, without overlaps', () => {
    const layout = make();
    const missed = layout.layout(wordList(250));
    assert.equal(missed.length, 0);
    assert.equal(layout.size, 250);
    assertValid(layout);
  });

  it('sizes words by frequency: more frequent is never smaller', () => {
    assert.deepEqual(fontSizes([1, 4, 9], 10, 40), [10, 25, 40]);
    assert.deepEqual(fontSizes([5, 5], 10, 40), [25, 25]);
    const layout = make();
    layout.layout(wordList(100));
    const placed = wordList(100).map((w) => layout.get(w.id)!);
    for (let i = 1; i < placed.length; i++) assert.ok(placed[i].fontSize <= placed[i - 1].fontSize + 1e-9, placed[i].text);
  });

  it('gives the same layout for the same seed and words, in any input order', () => {
    const words = wordList(200);
    const a = make(42);
    a.layout(words);
    const b = make(42);
    b.layout([...words].reverse());
    const byId = (l: CloudLayout) => Object.fromEntries(l.placed().map((w) => [w.id, w]));
    assert.deepEqual(byId(a), byId(b));
    const c = make(43);
    c.layout(words);
    assert.notDeepEqual(byId(a), byId(c));
  });

  it('adds a term without moving any other', () => {
    const layout = make();
    layout.layout(wordList(300));
    const before = layout.placed();
    const added = layout.add({ id: 'new term', text: 'new term', size: 30 });
    assert.ok(added, 'the new term was placed');
    for (const w of before) assert.deepEqual(layout.get(w.id), w);
    assertValid(layout);
  });

  it('grows a term in place, moving nothing else', () => {
    const layout = make();
    const words = wordList(120);
    layout.layout(words);
    const target = words[60];
    const old = layout.get(target.id)!;
    const others = layout.placed().filter((w) => w.id !== target.id);
    const grown = layout.resize(target.id, target.size * 1.5)!;
    assert.ok(grown.fontSize > old.fontSize, 'it grew');
    for (const w of others) assert.deepEqual(layout.get(w.id), w);
    assertValid(layout);
  });

  it('never makes a growing term smaller: without room it keeps its size and place', () => {
    const layout = make(3, { density: 1 });
    const words = wordList(400, 14, 70);
    layout.layout(words);
    const others = layout.placed().filter((w) => w.id !== words[5].id);
    const old = layout.get(words[5].id)!;
    const grown = layout.resize(words[5].id, 500)!;
    assert.ok(grown.fontSize >= old.fontSize, `${grown.fontSize} < ${old.fontSize}`);
    for (const w of others) assert.deepEqual(layout.get(w.id), w);
    assertValid(layout);
  });

  it('shrinks words instead of dropping them when space runs out', () => {
    const layout = make(1, { density: 1 });
    const words = wordList(400, 14, 70);
    layout.layout(words);
    const shrunk = layout.placed().filter((w) => w.shrunk);
    assert.ok(shrunk.length > 0, 'some words were shrunk');
    for (const w of shrunk) assert.ok(w.fontSize < words.find((x) => x.id === w.id)!.size);
    assertValid(layout);
  });

  it('fills a crowded area up to the smallest size, and says which words did not fit', () => {
    const layout = make();
    const words = wordList(1000);
    const missed = layout.layout(words);
    assert.equal(layout.size + missed.length, 1000);
    assert.ok(layout.size > 500, `placed ${layout.size}`);
    for (const w of missed) assert.equal(layout.get(w.id), undefined);
    assertValid(layout);
  });

  it('rotates a share of words upwards when asked, with their boxes turned', () => {
    const layout = make(7, { rotate: 0.5 });
    layout.layout(wordList(80));
    const up = layout.placed().filter((w) => w.rotate === 90);
    assert.ok(up.length > 10 && up.length < 70, `${up.length} rotated`);
    for (const w of up) assert.ok(Math.abs(w.width - w.fontSize * 1.15) < 1e-6, w.text);
    assertValid(layout);
    const flat = make(7);
    flat.layout(wordList(80));
    assert.ok(flat.placed().every((w) => w.rotate === 0));
  });

  it('lays out in slices when asked, with the same result as in one go', async () => {
    const words = wordList(300);
    const sync = make(5);
    sync.layout(words);
    const sliced = make(5);
    let slices = 0;
    await sliced.layoutAsync(words, { budget: 0, yieldTo: () => Promise.resolve(), onSlice: () => slices++ });
    assert.equal(slices, 299);
    assert.deepEqual(sliced.placed(), sync.placed());
  });

  it('stops a sliced layout when its signal aborts', async () => {
    const controller = new AbortController();
    const layout = make();
    let slices = 0;
    await layout.layoutAsync(wordList(100), {
      budget: 0,
      signal: controller.signal,
      yieldTo: async () => {
        if (++slices === 10) controller.abort();
      },
    });
    assert.equal(layout.size, 10);
  });

  it('frees the space of a removed word', () => {
    const layout = make();
    layout.layout([{ id: 'a', text: 'a'.repeat(40), size: 40 }]);
    const a = layout.get('a')!;
    assert.ok(layout.remove('a'));
    assert.equal(layout.get('a'), undefined);
    const again = layout.add({ id: 'b', text: 'a'.repeat(40), size: 40 })!;
    assert.deepEqual([again.fontSize, again.width], [a.fontSize, a.width]);
  });

  it('makes boxes as tall as the ink when the measure gives extents', () => {
    // a flat word ("one": no ascenders or descenders) and a tall one ("Big")
    const extents = (text: string) => ({
      width: approximateMeasure(text),
      ascent: /[A-Zbdfhklt]/.test(text) ? 72 : 52,
      descent: /[gjpqy]/.test(text) ? 21 : 1,
    });
    const layout = make(1, { measure: extents });
    layout.layout([
      { id: 'one', text: 'one', size: 50 },
      { id: 'Big', text: 'Big', size: 50 },
    ]);
    assert.ok(Math.abs(layout.get('one')!.height - 26.5) < 1e-9, String(layout.get('one')!.height));
    assert.ok(Math.abs(layout.get('Big')!.height - 46.5) < 1e-9, String(layout.get('Big')!.height));
    assertValid(layout);
    // more words fit when boxes follow the ink
    const words = wordList(500);
    const flat = make(1, { density: 1e9 });
    const inked = make(1, { density: 1e9, measure: (t: string) => ({ width: approximateMeasure(t), ascent: 75, descent: 10 }) });
    flat.layout(words);
    inked.layout(words);
    assert.ok(inked.size > flat.size, `${inked.size} <= ${flat.size}`);
  });
});

describe('fill', () => {
  /** The widest empty band between the words and a side of the box, as a share of that side. */
  const band = (l: CloudLayout) => {
    const p = l.placed();
    const x0 = Math.min(...p.map((w) => w.x));
    const x1 = Math.max(...p.map((w) => w.x + w.width));
    const y0 = Math.min(...p.map((w) => w.y));
    const y1 = Math.max(...p.map((w) => w.y + w.height));
    return Math.max(x0 / l.width, 1 - x1 / l.width, y0 / l.height, 1 - y1 / l.height);
  };

  for (const n of [20, 40])
    it(`${n} words use the box instead of an island in its middle, and never overlap`, () => {
      const words = wordList(n, 14, 40);
      const island = new CloudLayout({ width: 600, height: 400, measure: approximateMeasure, seed: 3 });
      island.layout(words);
      const filled = new CloudLayout({ width: 600, height: 400, measure: approximateMeasure, seed: 3, fill: true });
      assert.deepEqual(filled.layout(words), []);
      assert.ok(filled.scale > 1, 'sizes grew');
      assert.ok(band(filled) <= 0.25, `widest band ${band(filled).toFixed(2)}`);
      assert.ok(band(filled) < band(island), `${band(filled).toFixed(2)} vs ${band(island).toFixed(2)} without fill`);
      const placed = filled.placed();
      for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!overlaps(placed[i], placed[j]));
    });

  it('the biggest word still fits the box when sizes grow', () => {
    const l = new CloudLayout({ width: 300, height: 200, measure: approximateMeasure, seed: 1, fill: true });
    l.layout([{ id: 'only', text: 'only', size: 20 }]);
    const [w] = l.placed();
    assert.ok(w.width <= 0.9 * 300 + 1e-6 && w.height <= 0.4 * 200 + 1e-6);
    assert.equal(w.shrunk, false);
  });

  it('with more words than fit legibly, keeps the smallest size, the biggest words big, and leaves out the rarest', () => {
    const words = wordList(400, 10, 60);
    const l = new CloudLayout({ width: 600, height: 400, measure: approximateMeasure, seed: 1, fill: true, minFontSize: 12 });
    const missed = new Set(l.layout(words).map((w) => w.id));
    const placed = l.placed();
    assert.ok(missed.size > 0, 'not every word fits at 12 px');
    assert.ok(Math.min(...placed.map((w) => w.fontSize)) >= 12);
    // the most frequent word keeps at least twice the smallest size, and those left out are the rarest
    assert.ok(l.get(words[0].id)!.fontSize >= 24 - 1e-9, `biggest ${l.get(words[0].id)?.fontSize}`);
    const firstMissed = words.findIndex((w) => missed.has(w.id));
    assert.ok(firstMissed >= placed.length / 2, `the first word left out is word ${firstMissed} of ${placed.length} placed`);
    for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) assert.ok(!overlaps(placed[i], placed[j]));
  });
});
