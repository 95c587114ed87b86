// The parts a first render does not need (table, quotes panel) load on demand. In a page of its own (this file),
// where they have not loaded yet: while their code loads, each says so in its place, accessibly.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import './define.js';
import type { VocCloud } from './cloud.js';

async function mount(): Promise<VocCloud> {
  const adapter = new MemoryAdapter();
  for (const text of ['Late delivery again', 'Late delivery, no tracking', 'Friendly support', 'Checkout keeps failing'])
    await adapter.submit({ kind: 'complaint', text }, randomToken());
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px"></div>`);
  const el = document.createElement('voc-cloud');
  el.adapter = adapter;
  wrapper.append(el);
  await waitUntil(() => el.shadowRoot!.querySelectorAll('.cloud button.term').length >= 3, 'no terms', { timeout: 5000 });
  return el;
}

describe('<voc-cloud> parts loaded on demand', () => {
  it('says the list is loading until the table arrives, then shows it', async () => {
    const el = await mount();
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('[part=toggle]')!.click();
    await el.updateComplete;
    expect(root.querySelector('[part=table]'), 'the table code is not there yet').to.equal(null);
    expect(root.querySelector('[role=status]:not([aria-live])')!.textContent).to.contain('Loading');
    expect(root.querySelector('[part=toggle]')!.textContent!.trim()).to.equal('Show as cloud');
    await expect(el).to.be.accessible();
    await waitUntil(() => root.querySelector('[part=table]'), 'no table');
    // its styles came with it, and its English strings
    expect(getComputedStyle(root.querySelector('table')!).borderCollapse).to.equal('collapse');
    expect(root.querySelector('thead th')!.textContent!.trim()).to.equal('Term');
    await expect(el).to.be.accessible();
  });

  it('opens the quotes panel at once, loading, and moves focus to its heading when it is there', async () => {
    const el = await mount();
    const root = el.shadowRoot!;
    const term = root.querySelector<HTMLButtonElement>('.cloud button.term')!;
    term.focus();
    term.click();
    await el.updateComplete;
    expect(term.getAttribute('aria-expanded')).to.equal('true');
    expect(root.querySelector('[part=quotes] [role=status]')!.textContent).to.contain('Loading');
    await waitUntil(() => root.querySelector('[part=quotes] blockquote'), 'no quotes');
    expect(root.activeElement).to.equal(root.querySelector('#quotes-title'));
    expect(root.querySelector('#quotes-title')!.textContent).to.contain(term.textContent!.trim());
    expect(getComputedStyle(root.querySelector('[part=quotes] blockquote')!).borderInlineStartWidth).to.equal('3px');
    await expect(el).to.be.accessible();
  });
});
