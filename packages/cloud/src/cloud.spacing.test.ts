// The cloud measures and lays out again when its text metrics change: WCAG 1.4.12 text spacing applied by the host
// page (before the first layout and after it), a web font that finishes loading; and it does not when nothing
// changed (issue 17). Real Chromium: every term's ink box is computed from what the browser rendered.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import type { Kind } from '@voc-kit/protocol/model.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import './define.js';
import type { VocCloud } from './cloud.js';

/** The WCAG 1.4.12 text-spacing bookmarklet's stylesheet, as a host page gets it. */
const SPACING =
  '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } ' +
  'p { margin-bottom: 2em !important; }';

const WORDS = (
  'delivery coffee croissant barista espresso cappuccino queue terrace parking playlist wifi sandwich muffin ' +
  'teapot lemonade bagel pretzel smoothie porridge granola waffle pancake omelette baguette brioche ' +
  'macchiato cortado americano latte mocha chai matcha cookies brownie cheesecake tiramisu doughnut ' +
  'sunlight armchairs sofa bookshelf newspaper umbrella bicycle stroller wheelchair staircase elevator'
).split(' ');
// a few two-word phrases, so word spacing matters too
const TERMS = [...WORDS, 'late delivery', 'cold coffee', 'friendly barista', 'long queue'];

async function backend(): Promise<MemoryAdapter> {
  const adapter = new MemoryAdapter();
  const kinds: Kind[] = ['compliment', 'idea', 'complaint'];
  for (let i = 0; i < TERMS.length; i++) {
    const mentions = Math.max(1, Math.round(10 / (1 + i / 5)));
    // a phrase's words go together ("late-delivery" stays one term in the analysis only as a phrase)
    for (let m = 0; m < mentions; m++) await adapter.submit({ kind: kinds[i % 3], text: TERMS[i] }, randomToken());
  }
  return adapter;
}

async function mount(width: number, attrs = ''): Promise<VocCloud> {
  const adapter = await backend();
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.style.width = `${width}px`;
  wrapper.innerHTML = `<voc-cloud ${attrs}></voc-cloud>`;
  const el = wrapper.firstElementChild as VocCloud;
  el.adapter = adapter;
  await el.updateComplete;
  return el;
}

const terms = (el: VocCloud) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.cloud button.term')];
const settled = async (el: VocCloud) => {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
};
const ready = async (el: VocCloud, count = 30) => {
  await waitUntil(() => terms(el).length >= count, `fewer than ${count} terms shown`, { timeout: 10_000 });
  await settled(el);
};
/** Resolves once the cloud shows a new layout (a full layout renders fresh elements). */
const relaid = async (el: VocCloud, before: Element) => {
  await waitUntil(() => !before.isConnected && terms(el).length > 0, 'the cloud was not laid out again', { timeout: 10_000 });
  await settled(el);
};

const ctx = document.createElement('canvas').getContext('2d')!;

interface Ink {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * A term's ink box: across, its text's extent as the browser laid it out (Range, spacing included); up and down,
 * the glyphs' ink above and below the baseline, which sits the font's ascent below the top of the text's box.
 */
function ink(button: HTMLButtonElement): Ink {
  const text = [...button.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent === button.dataset.term)!;
  const range = document.createRange();
  range.selectNodeContents(text);
  const r = range.getBoundingClientRect();
  const s = getComputedStyle(button);
  ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const m = ctx.measureText(button.dataset.term!);
  const baseline = r.top + m.fontBoundingBoxAscent;
  return {
    text: button.dataset.term!,
    left: r.left,
    right: r.right,
    top: baseline - m.actualBoundingBoxAscent,
    bottom: baseline + m.actualBoundingBoxDescent,
  };
}

/** Pairs of terms whose ink boxes intersect, and terms the cloud's box clips (half a pixel of rounding allowed). */
function problems(el: VocCloud): string[] {
  const box = el.shadowRoot!.querySelector('.cloud')!.getBoundingClientRect();
  const boxes = terms(el).map(ink);
  const found: string[] = [];
  const e = 0.5;
  for (const b of boxes)
    if (b.left < box.left - e || b.right > box.right + e || b.top < box.top - e || b.bottom > box.bottom + e)
      found.push(`"${b.text}" clipped`);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.left < b.right - e && b.left < a.right - e && a.top < b.bottom - e && b.top < a.bottom - e)
        found.push(`"${a.text}" overlaps "${b.text}"`);
    }
  return found;
}

/** The terms carry the page's spacing, in em of their own size (0.12em letters, 0.16em words). */
function expectSpaced(el: VocCloud): void {
  for (const b of terms(el)) {
    const s = getComputedStyle(b);
    const size = parseFloat(s.fontSize);
    expect(parseFloat(s.letterSpacing), `letter spacing of "${b.dataset.term}"`).to.be.closeTo(0.12 * size, 0.05);
    expect(parseFloat(s.wordSpacing), `word spacing of "${b.dataset.term}"`).to.be.closeTo(0.16 * size, 0.05);
  }
}

function addSheet(text: string): HTMLStyleElement {
  const sheet = document.createElement('style');
  sheet.textContent = text;
  document.head.append(sheet);
  return sheet;
}

describe('<voc-cloud> re-measures when its text metrics change', function () {
  this.timeout(30_000);
  let sheets: HTMLStyleElement[] = [];
  afterEach(() => {
    for (const s of sheets) s.remove();
    sheets = [];
  });

  it('lays out with the page’s text spacing applied before the first layout: no term overlaps or is clipped', async () => {
    sheets.push(addSheet(SPACING));
    const el = await mount(600);
    await ready(el);
    expectSpaced(el);
    expect(problems(el)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('lays out again when the spacing is applied after the first layout', async () => {
    const el = await mount(600);
    await ready(el);
    expect(problems(el)).to.deep.equal([]);
    const first = terms(el)[0];
    sheets.push(addSheet(SPACING));
    await relaid(el, first);
    expectSpaced(el);
    expect(problems(el)).to.deep.equal([]);
    // and back when it is taken away
    const spaced = terms(el)[0];
    sheets.pop()!.remove();
    await relaid(el, spaced);
    expect(parseFloat(getComputedStyle(terms(el)[0]).letterSpacing) || 0).to.equal(0);
    expect(problems(el)).to.deep.equal([]);
  });

  it('lays out again for spacing applied while the list view was shown', async () => {
    const el = await mount(600);
    await ready(el);
    el.view = 'list';
    await el.updateComplete;
    sheets.push(addSheet(SPACING));
    // the probe notices while the cloud is not there (its check runs 50 ms after the observer)
    await new Promise((r) => setTimeout(r, 300));
    el.view = 'cloud';
    await waitUntil(
      () => terms(el).length > 0 && parseFloat(getComputedStyle(terms(el)[0]).letterSpacing) > 0,
      'the terms are not spaced',
      {
        timeout: 10_000,
      },
    );
    await settled(el);
    expectSpaced(el);
    expect(problems(el)).to.deep.equal([]);
  });

  it('on the wall too, with the spacing applied after the first layout', async () => {
    const el = await mount(1280, 'wall kiosk');
    await ready(el);
    // the wall's quote comes in below the cloud, whose box then changes shape and is laid out again: wait for that
    await waitUntil(() => el.shadowRoot!.querySelector('.wall-quote'), 'no wall quote', { timeout: 10_000 });
    let first = terms(el)[0];
    for (;;) {
      await new Promise((r) => setTimeout(r, 600)); // longer than the resize debounce (300 ms)
      await settled(el);
      if (first.isConnected) break;
      first = terms(el)[0];
    }
    sheets.push(addSheet(SPACING));
    await relaid(el, first);
    expectSpaced(el);
    expect(Math.min(...terms(el).map((b) => parseFloat(getComputedStyle(b).fontSize)))).to.be.at.least(18);
    expect(problems(el)).to.deep.equal([]);
  });

  it('follows --voc-letter-spacing and --voc-word-spacing set on the element', async () => {
    const el = await mount(600);
    await ready(el);
    const first = terms(el)[0];
    el.style.setProperty('--voc-letter-spacing', '0.12em');
    el.style.setProperty('--voc-word-spacing', '0.16em');
    await relaid(el, first);
    expectSpaced(el);
    expect(problems(el)).to.deep.equal([]);
  });

  it('lays out again when --voc-cloud-term-weight changes after the first layout', async () => {
    const el = await mount(600);
    await ready(el);
    const first = terms(el)[0];
    expect(getComputedStyle(first).fontWeight).to.equal('600');
    el.style.setProperty('--voc-cloud-term-weight', '400');
    await relaid(el, first);
    expect(terms(el).every((b) => getComputedStyle(b).fontWeight === '400')).to.equal(true);
    expect(problems(el)).to.deep.equal([]);
  });

  it('lays out again when a web font finishes loading', async () => {
    // the page names a font that is not there yet: the first layout uses the fallback
    sheets.push(addSheet('voc-cloud.late-font { --voc-font: VocLateFont, sans-serif; }'));
    const el = await mount(600, 'class="late-font"');
    await ready(el);
    const first = terms(el)[0];
    const narrow = terms(el).map((b) => b.getBoundingClientRect().width);
    // the font arrives (a monospace face: much wider than the fallback)
    const face = new FontFace('VocLateFont', 'local("DejaVu Sans Mono")');
    document.fonts.add(face);
    await face.load();
    try {
      await relaid(el, first);
      const wide = terms(el).map((b) => b.getBoundingClientRect().width);
      expect(wide.join()).not.to.equal(narrow.join(), 'the terms are drawn in the new font');
      expect(problems(el)).to.deep.equal([]);
    } finally {
      document.fonts.delete(face);
    }
  });

  it('does not lay out again when what it measures did not change', async () => {
    sheets.push(addSheet(SPACING));
    const el = await mount(600);
    await ready(el);
    const before = terms(el);
    const places = before.map((b) => b.parentElement!.style.cssText);
    const probe = el.shadowRoot!.querySelector('.probe span')!;
    const width = probe.getBoundingClientRect().width;
    // the element's font size changes (its probe with it), the spacing stays 0.12em; a font loads elsewhere
    el.style.fontSize = '20px';
    await waitUntil(() => probe.getBoundingClientRect().width !== width, 'the probe did not change');
    document.fonts.dispatchEvent(new Event('loadingdone'));
    // the checks run 50 ms after the observer and the font event; give them far longer
    await new Promise((r) => setTimeout(r, 400));
    await settled(el);
    expect(terms(el).every((b, i) => b === before[i])).to.equal(true, 'the same term elements');
    expect(terms(el).map((b) => b.parentElement!.style.cssText)).to.deep.equal(places);
  });
});
