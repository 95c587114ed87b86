import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import type { Kind } from '@voc-kit/protocol/model.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import './define.js';
import type { VocCloud } from './cloud.js';

// Words customers might use, each its own term; the first ones are said most often.
const WORDS = (
  'delivery coffee croissant barista espresso cappuccino queue terrace parking playlist wifi sandwich muffin ' +
  'teapot lemonade bagel pretzel smoothie porridge granola waffle pancake omelette baguette brioche ' +
  'macchiato cortado americano latte mocha chai matcha cookies brownie cheesecake tiramisu doughnut ' +
  'sunlight armchairs sofa bookshelf newspaper umbrella bicycle stroller wheelchair staircase elevator ' +
  'napkins cutlery saucers mugs thermos receipts loyalty voucher discount refund cashier checkout ' +
  'ventilation heating airconditioning draught humidity plants flowers paintings lamps curtains'
).split(' ');
// more distinct terms than a phone can show legibly
const MANY = [...WORDS, ...WORDS.map((w, i) => `${w}${WORDS[(i * 7 + 3) % WORDS.length]}`)];

async function backend(count: number): Promise<MemoryAdapter> {
  const adapter = new MemoryAdapter();
  const kinds: Kind[] = ['compliment', 'idea', 'complaint'];
  for (let i = 0; i < count; i++) {
    const mentions = Math.max(1, Math.round(12 / (1 + i / 4)));
    for (let m = 0; m < mentions; m++) await adapter.submit({ kind: kinds[i % 3], text: MANY[i] }, randomToken());
  }
  return adapter;
}

async function mount(adapter: MemoryAdapter, width: number, attrs = ''): Promise<VocCloud> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.style.width = `${width}px`;
  wrapper.innerHTML = `<voc-cloud ${attrs}></voc-cloud>`;
  const el = wrapper.firstElementChild as VocCloud;
  el.adapter = adapter;
  await el.updateComplete;
  return el;
}

const terms = (el: VocCloud) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.cloud button.term')];
const ready = async (el: VocCloud, count: number) => {
  await waitUntil(() => terms(el).length >= count, `fewer than ${count} terms shown`, { timeout: 10_000 });
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
};
const fontPx = (b: HTMLElement) => parseFloat(getComputedStyle(b).fontSize);

/** The widest empty band between the terms' ink boxes and each side of the cloud's box, as a share of that side. */
function widestBand(el: VocCloud): number {
  const box = el.shadowRoot!.querySelector('.cloud')!.getBoundingClientRect();
  const rects = terms(el).map((t) => t.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left)) - box.left;
  const right = box.right - Math.max(...rects.map((r) => r.right));
  const top = Math.min(...rects.map((r) => r.top)) - box.top;
  const bottom = box.bottom - Math.max(...rects.map((r) => r.bottom));
  return Math.max(left / box.width, right / box.width, top / box.height, bottom / box.height);
}

// A cloud that fills its box and stays legible at any width.
describe('<voc-cloud> fills its box, legibly', () => {
  it('is accessible with many terms on a phone', async () => {
    const el = await mount(await backend(60), 360);
    await ready(el, 10);
    await expect(el).to.be.accessible();
  });

  it('at 360 px shows no term under 12 px, and says how many more the list holds', async () => {
    const el = await mount(await backend(MANY.length), 360, 'max-terms="200"');
    await ready(el, 10);
    const sizes = terms(el).map(fontPx);
    expect(Math.min(...sizes)).to.be.at.least(12);
    const shown = terms(el).length;
    const note = el.shadowRoot!.querySelector('.shown')?.textContent ?? '';
    const [, said, total] = /(\d+)\D+(\d+)/.exec(note) ?? [];
    expect(Number(said)).to.equal(shown, `the note says how many are shown: "${note}"`);
    expect(shown).to.be.lessThan(Number(total), 'a phone shows fewer terms than it has');
    // the list view holds every term
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('tbody tr').length === Number(total), 'the list does not hold every term', {
      timeout: 5000,
    });
  });

  it('at 1920 px shows no term under 12 px and leaves no empty band wider than a quarter of the box', async () => {
    const el = await mount(await backend(40), 1920);
    await ready(el, 40);
    expect(Math.min(...terms(el).map(fontPx))).to.be.at.least(12);
    expect(widestBand(el)).to.be.at.most(0.25);
  });

  for (const count of [20, 40, 80])
    it(`with ${count} terms at 600 px the terms use the box: no empty band wider than a quarter`, async () => {
      const el = await mount(await backend(count), 600);
      await ready(el, Math.min(count, 20));
      expect(widestBand(el)).to.be.at.most(0.25);
    });

  it('on the wall no term is under 18 px', async () => {
    const el = await mount(await backend(60), 1280, 'wall');
    await ready(el, 10);
    expect(Math.min(...terms(el).map(fontPx))).to.be.at.least(18);
  });
});
