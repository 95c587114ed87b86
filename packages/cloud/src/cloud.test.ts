import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { NetworkError } from '@voc-kit/protocol/errors.js';
import type { CloudQuery, CloudSnapshot, Kind, LiveEvent } from '@voc-kit/protocol/model.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import './define.js';
import type { VocCloud } from './cloud.js';
import { loaders, strings } from './strings.js';
import { en as quotesEn } from './quotes.js';
import { en as tableEn } from './table.js';
import { en as wallEn } from './wall.js';

type Item = [Kind, string, string?];

const SAMPLE: Item[] = [
  ['complaint', 'Late delivery again', 'delivery'],
  ['complaint', 'Late delivery, no tracking', 'delivery'],
  ['complaint', 'Delivery took two weeks', 'delivery'],
  ['compliment', 'Friendly support team'],
  ['compliment', 'Support was friendly and quick'],
  ['idea', 'Dark mode please'],
  ['complaint', 'Checkout keeps failing'],
];

async function memory(items: Item[] = SAMPLE, adapter = new MemoryAdapter()): Promise<MemoryAdapter> {
  for (const [kind, text, topic] of items) await adapter.submit({ kind, text, ...(topic && { topic }) }, randomToken());
  return adapter;
}

async function mount(adapter: MemoryAdapter, attrs = ''): Promise<VocCloud> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px"></div>`);
  wrapper.innerHTML = `<voc-cloud ${attrs}></voc-cloud>`;
  const el = wrapper.firstElementChild as VocCloud;
  el.adapter = adapter;
  await el.updateComplete;
  return el;
}

const terms = (el: VocCloud) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.cloud button.term')];
const termText = (el: VocCloud) => terms(el).map((b) => b.textContent!.trim());
const term = (el: VocCloud, text: string) => terms(el).find((b) => b.textContent!.trim() === text);
const placed = (el: VocCloud, count = 1) =>
  waitUntil(() => terms(el).length >= count, `fewer than ${count} terms shown`, { timeout: 5000 }).then(() => el.updateComplete);
const position = (b: HTMLElement) => {
  const li = b.parentElement!;
  return `${li.style.left} ${li.style.top}`;
};
const fontPx = (b: HTMLElement) => parseFloat(getComputedStyle(b).fontSize);
const active = (el: VocCloud) => el.shadowRoot!.activeElement as HTMLElement | null;
const settled = async (el: VocCloud) => {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
};

describe('<voc-cloud>', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('is accessible in the cloud view', async () => {
    const el = await mount(await memory());
    await placed(el, 5);
    await settled(el);
    await expect(el).to.be.accessible();
  });

  it('is accessible in the list view, which has the same data as a table', async () => {
    const el = await mount(await memory());
    await placed(el, 5);
    const shown = termText(el).sort();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!.click();
    // the table's code loads the first time it is asked for
    await waitUntil(() => el.shadowRoot!.querySelector('[part=table]'), 'no table');
    const rows = [...el.shadowRoot!.querySelectorAll('tbody tr')];
    expect(rows.map((r) => r.querySelector('th')!.textContent!.trim()).sort()).to.deep.equal(shown);
    const delivery = rows.find((r) => r.querySelector('th')!.textContent!.trim() === 'delivery')!;
    // compliments, ideas, complaints, total
    expect([...delivery.querySelectorAll('td')].map((td) => td.textContent!.trim())).to.deep.equal(['0', '0', '3', '3']);
    expect(el.shadowRoot!.querySelector('[part=toggle]')!.textContent!.trim()).to.equal('Show as cloud');
    await expect(el).to.be.accessible();
  });

  it('sizes terms by frequency and colours them by their dominant kind, with a legend naming the colours', async () => {
    const el = await mount(await memory());
    await placed(el, 5);
    await settled(el);
    const delivery = term(el, 'delivery')!;
    const dark = term(el, 'dark')!;
    expect(fontPx(delivery)).to.be.greaterThan(fontPx(dark));
    expect(delivery.parentElement!.dataset.kind).to.equal('complaint');
    expect(term(el, 'support')!.parentElement!.dataset.kind).to.equal('compliment');
    // "late" is only ever said in "late delivery": the phrase stands for it
    expect(term(el, 'late delivery')).to.exist;
    expect(term(el, 'late')).to.equal(undefined);
    expect(dark.parentElement!.dataset.kind).to.equal('idea');
    const legend = [...el.shadowRoot!.querySelectorAll('[part=legend] li')];
    expect(legend.map((li) => li.textContent!.trim())).to.deep.equal(['Compliments', 'Ideas', 'Complaints']);
    const swatch = (kind: string) =>
      getComputedStyle(el.shadowRoot!.querySelector(`[part=legend] [data-kind=${kind}] .swatch`)!).backgroundColor;
    expect(getComputedStyle(delivery).color).to.equal(swatch('complaint'));
    expect(getComputedStyle(dark).color).to.equal(swatch('idea'));
    expect(swatch('complaint')).not.to.equal(swatch('compliment'));
    // the accessible name says what the colour says
    expect(delivery.getAttribute('aria-label')).to.equal('delivery: 3 mentions, mostly Complaints');
  });

  it('shows terms and quotes made of markup or script as text', async () => {
    const adapter = await memory([
      ['complaint', '<img src=x onerror="window.pwned=1"> <b>bold</b> checkout <script>window.pwned=1</script>'],
    ]);
    const hostile = Object.create(adapter) as MemoryAdapter;
    const evil = '<img src=x onerror="window.pwned=1">';
    hostile.cloud = async (query?: CloudQuery): Promise<CloudSnapshot> => {
      const snapshot = await adapter.cloud(query);
      return { ...snapshot, terms: [{ term: evil, counts: { compliment: 0, idea: 0, complaint: 5 }, total: 5 }, ...snapshot.terms] };
    };
    hostile.quotes = (_term, query) => adapter.quotes('checkout', query);
    const el = await mount(hostile);
    await placed(el, 2);
    const button = term(el, evil)!;
    expect(button, 'the markup term is shown as its text').to.exist;
    button.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=quotes] blockquote'), 'no quote shown');
    const quote = el.shadowRoot!.querySelector('[part=quotes] blockquote')!;
    expect(quote.textContent).to.contain('<b>bold</b>');
    expect(quote.textContent).to.contain('<script>');
    expect(el.shadowRoot!.querySelector('img, b, script:not([type])')).to.equal(null);
    expect((window as unknown as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('is used by keyboard: arrows move between terms, Enter opens the quotes and the topic status, Escape closes', async () => {
    const adapter = await memory();
    adapter.setTopicStatus('delivery', 'planned', 'A second carrier from May');
    const el = await mount(adapter);
    await placed(el, 5);
    const first = terms(el)[0];
    expect(first.textContent!.trim(), 'the most frequent term comes first').to.equal('delivery');
    expect(terms(el).filter((b) => b.tabIndex === 0)).to.have.length(1, 'one tab stop for the whole cloud');

    await sendKeys({ press: 'Tab' }); // the list/cloud toggle
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(first);
    await sendKeys({ press: 'ArrowRight' });
    expect(active(el)).to.equal(terms(el)[1]);
    await sendKeys({ press: 'End' });
    expect(active(el)).to.equal(terms(el).at(-1));
    await sendKeys({ press: 'Home' });
    expect(active(el)).to.equal(first);

    const selected = oneEvent(el, 'voc-term-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).detail.term.term).to.equal('delivery');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part=quotes] blockquote').length === 3, 'quotes not shown');
    const panel = el.shadowRoot!.querySelector('[part=quotes]')!;
    expect(active(el)).to.equal(panel.querySelector('h2'));
    expect(first.getAttribute('aria-expanded')).to.equal('true');
    const quotes = [...panel.querySelectorAll('blockquote')].map((q) => q.textContent);
    expect(quotes).to.have.members(['Late delivery again', 'Late delivery, no tracking', 'Delivery took two weeks']);
    await waitUntil(() => panel.querySelector('.topic'), 'topic status not shown');
    expect(panel.querySelector('.topic')!.textContent!.replace(/\s+/g, ' '))
      .to.contain('Topic: delivery · Status: Planned')
      .and.contain('A second carrier from May');
    // the status follows the topic live
    adapter.setTopicStatus('delivery', 'in-progress');
    await el.updateComplete;
    expect(panel.querySelector('.topic')!.textContent).to.contain('In progress');
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=quotes]')).to.equal(null);
    expect(active(el)).to.equal(first);
  });

  it('lets the page handle a chosen term itself: preventDefault() keeps the quotes closed', async () => {
    const el = await mount(await memory());
    await placed(el, 5);
    const seen: string[] = [];
    el.addEventListener('voc-term-select', (e) => {
      seen.push(e.detail.term.term);
      e.preventDefault();
    });
    term(el, 'support')!.click();
    await el.updateComplete;
    expect(seen).to.deep.equal(['support']);
    expect(el.shadowRoot!.querySelector('[part=quotes]')).to.equal(null);
  });

  it('adds new terms live and grows growing ones without moving any other term', async () => {
    const adapter = await memory();
    const el = await mount(adapter);
    await placed(el, 5);
    await settled(el);
    const before = new Map(terms(el).map((b) => [b.textContent!.trim(), position(b)]));
    const darkBefore = fontPx(term(el, 'dark')!);

    await adapter.submit({ kind: 'complaint', text: 'Late delivery once more' }, randomToken());
    await adapter.submit({ kind: 'idea', text: 'Dark packaging' }, randomToken());
    await waitUntil(() => term(el, 'packaging'), 'the new term did not appear', { timeout: 5000 });
    await settled(el);
    for (const b of terms(el)) {
      const text = b.textContent!.trim();
      // the terms of the new feedback may grow (and move to find room); no other term moves
      if (!['dark', 'late delivery', 'delivery'].includes(text) && before.has(text)) expect(position(b), text).to.equal(before.get(text));
    }
    expect(fontPx(term(el, 'dark')!)).to.be.greaterThan(darkBefore);
    expect(term(el, 'packaging')!.parentElement!.classList.contains('new')).to.equal(true);
    expect(term(el, 'late'), 'a word its phrase already says does not join').to.equal(undefined);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=status][aria-live]')!.textContent!.includes('packaging'), 'not announced', {
      timeout: 5000,
    });
    expect(el.shadowRoot!.querySelector('[role=status][aria-live]')!.textContent).to.contain('New in the cloud:');
  });

  it('shrinks and removes terms live when the server takes an item out (hidden, withdrawn, moved)', async () => {
    const adapter = await memory();
    // the events a server sends when the team hides "Dark mode please" and one of the "friendly" items
    const listeners: Array<(e: LiveEvent) => void> = [];
    const subscribe = adapter.subscribe.bind(adapter);
    adapter.subscribe = (listener, options) => {
      listeners.push(listener);
      return subscribe(listener, options);
    };
    const el = await mount(adapter);
    await placed(el, 5);
    await settled(el);
    expect(term(el, 'dark')).to.exist;
    const friendly = fontPx(term(el, 'friendly')!);
    const before = new Map(terms(el).map((b) => [b.textContent!.trim(), position(b)]));
    const out = (kind: Kind, words: string[], id: string): LiveEvent => ({
      id,
      type: 'cloud',
      site: 'test',
      at: new Date().toISOString(),
      data: { kind, terms: words, delta: -1 },
    });
    for (const listener of listeners) {
      listener(out('idea', ['dark', 'mode'], '1001'));
      listener(out('compliment', ['friendly', 'support'], '1002'));
    }
    await waitUntil(() => !term(el, 'dark'), 'the hidden term stayed', { timeout: 5000 });
    await settled(el);
    expect(term(el, 'mode')).to.equal(undefined);
    expect(fontPx(term(el, 'friendly')!)).to.be.lessThan(friendly);
    for (const b of terms(el)) {
      const text = b.textContent!.trim();
      if (!['friendly', 'support'].includes(text)) expect(position(b), text).to.equal(before.get(text));
    }
    const list = el.shadowRoot!.querySelector('.cloud')!;
    expect(list.textContent).not.to.contain('dark');
  });

  it('respects prefers-reduced-motion: new terms appear without animation', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const adapter = await memory();
    const el = await mount(adapter);
    await placed(el, 5);
    await adapter.submit({ kind: 'idea', text: 'Gift wrapping' }, randomToken());
    await waitUntil(() => term(el, 'wrapping'), 'the new term did not appear', { timeout: 5000 });
    const li = term(el, 'wrapping')!.parentElement!;
    expect(li.classList.contains('new')).to.equal(true);
    expect(getComputedStyle(li).animationName).to.equal('none');
    expect(getComputedStyle(li).transitionDuration).to.equal('0s');
  });

  it('filters by kinds, topic, period and number of terms, also for live updates', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const adapter = new MemoryAdapter({ now: () => now });
    await memory([['complaint', 'Ancient invoice trouble']], adapter);
    now += 40 * 86_400_000;
    await memory(SAMPLE, adapter);

    const el = await mount(adapter, 'kinds="compliment"');
    await placed(el, 2);
    expect(termText(el)).to.include.members(['support', 'friendly']);
    expect(termText(el)).not.to.include('delivery');
    // a live complaint does not enter a compliments-only cloud; a compliment does
    await adapter.submit({ kind: 'complaint', text: 'Terrible packaging' }, randomToken());
    await adapter.submit({ kind: 'compliment', text: 'Lovely wrapping' }, randomToken());
    await waitUntil(() => term(el, 'wrapping'), 'the live compliment did not appear', { timeout: 5000 });
    expect(termText(el)).not.to.include('packaging');

    el.removeAttribute('kinds');
    el.setAttribute('topic', 'delivery');
    await waitUntil(() => term(el, 'delivery') && !term(el, 'support'), 'topic filter not applied', { timeout: 5000 });

    // its quotes stay on the topic too
    await adapter.submit({ kind: 'compliment', text: 'Delivery app is great' }, randomToken());
    await waitUntil(() => term(el, 'delivery'), 'no delivery term');
    term(el, 'delivery')!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part=quotes] blockquote').length > 0, 'no quotes');
    const quoted = [...el.shadowRoot!.querySelectorAll('[part=quotes] blockquote')].map((q) => q.textContent);
    expect(quoted).to.have.members(['Late delivery again', 'Late delivery, no tracking', 'Delivery took two weeks']);

    el.removeAttribute('topic');
    el.setAttribute('max-terms', '3');
    await waitUntil(() => terms(el).length === 3, 'max-terms not applied', { timeout: 5000 });
    expect(termText(el)[0]).to.equal('delivery');

    el.setAttribute('max-terms', '100');
    expect(el.since).to.equal('30d');
    await waitUntil(() => terms(el).length > 3, 'max-terms not lifted', { timeout: 5000 });
    expect(termText(el)).not.to.include('invoice');
    el.setAttribute('since', 'all');
    await waitUntil(() => term(el, 'invoice'), 'older feedback not shown for since="all"', { timeout: 5000 });
  });

  it('says when the cloud cannot be loaded, and loads on retry', async () => {
    const adapter = await memory();
    const flaky = Object.create(adapter) as MemoryAdapter;
    let failures = 1;
    flaky.cloud = async (query) => {
      if (failures-- > 0) throw new NetworkError();
      return adapter.cloud(query);
    };
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('voc-cloud');
    el.adapter = flaky;
    const failed = oneEvent(el, 'voc-error');
    wrapper.append(el);
    expect((await failed).detail.code).to.equal('network');
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain('The cloud could not be loaded.');
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('.retry')!.click();
    await placed(el, 5);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('refuses a window the contract does not offer, by name, and loads once it is one that it does', async () => {
    const adapter = await memory();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('voc-cloud');
    el.adapter = adapter;
    el.setAttribute('since', '14d');
    const failed = oneEvent(el, 'voc-error');
    wrapper.append(el);
    const detail = (await failed).detail;
    expect(detail.code).to.equal('validation');
    expect(detail.error).to.include({ field: 'since', rule: 'oneOf' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).to.contain('The cloud could not be loaded.');
    el.setAttribute('since', '7d');
    await placed(el, 5);
    expect(el.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });

  it('keeps its size while loading, so the page does not shift when the cloud arrives', async () => {
    const adapter = await memory();
    const slow = Object.create(adapter) as MemoryAdapter;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    slow.cloud = async (query) => {
      await gate;
      return adapter.cloud(query);
    };
    const el = await mount(slow);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Loading what customers say'), 'no loading state');
    const loading = el.getBoundingClientRect().height;
    expect(loading).to.be.greaterThan(300); // 600 px wide at 3 / 2, plus the legend
    release();
    await placed(el, 5);
    expect(el.getBoundingClientRect().height).to.equal(loading);
  });

  it('keeps working after being moved in the page', async () => {
    const adapter = await memory();
    const el = await mount(adapter);
    await placed(el, 5);
    const other = await fixture<HTMLDivElement>(html`<div style="width: 500px"></div>`);
    other.append(el); // disconnect, then connect again
    await placed(el, 5);
    await adapter.submit({ kind: 'idea', text: 'Gift wrapping' }, randomToken());
    await waitUntil(() => term(el, 'wrapping'), 'no live updates after the move', { timeout: 5000 });
  });

  it('says so when there is no feedback yet', async () => {
    const el = await mount(new MemoryAdapter());
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No feedback in this period yet.'), 'no empty state');
  });

  it('fills the screen in wall mode, rotating real quotes with no interaction', async () => {
    const el = await mount(await memory(), 'wall quote-interval="0.15"');
    await placed(el, 5);
    expect(getComputedStyle(el).position).to.equal('fixed');
    expect(el.getBoundingClientRect().width).to.equal(window.innerWidth);
    expect(el.shadowRoot!.querySelector('[part=toggle]')).to.equal(null);
    const quote = () => el.shadowRoot!.querySelector('[part=wall-quote] blockquote')?.textContent ?? '';
    await waitUntil(() => quote() !== '', 'no quote on the wall', { timeout: 5000 });
    const seen = new Set([quote()]);
    await waitUntil(
      () => {
        seen.add(quote());
        return seen.size >= 3;
      },
      'quotes do not rotate',
      { timeout: 5000 },
    );
    const texts = SAMPLE.map(([, text]) => `“${text}”`);
    for (const q of seen) expect(texts).to.include(q);
    el.remove();
  });

  it('speaks the page language, right to left in Arabic', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="ar" style="width: 600px"></div>`);
    const el = document.createElement('voc-cloud');
    el.adapter = await memory();
    wrapper.append(el);
    await placed(el, 5);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=legend]')!.textContent!.includes('شكاوى'), 'Arabic strings not loaded');
    expect(el.shadowRoot!.querySelector('.root')!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part=legend]')!).direction).to.equal('rtl');
    // customer text keeps its own direction inside the right-to-left interface
    expect(terms(el)[0].getAttribute('dir')).to.equal('auto');
    expect(el.shadowRoot!.querySelector('[part=toggle]')!.textContent!.trim()).to.equal('عرض كقائمة');
    terms(el)[0].focus();
    await sendKeys({ press: 'ArrowLeft' }); // forwards in a right-to-left language
    expect(active(el)).to.equal(terms(el)[1]);
    el.strings = { showList: 'القائمة' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=toggle]')!.textContent!.trim()).to.equal('القائمة');
  });

  it('has every string in every shipped language', async () => {
    // the first render's strings, and those of the parts that load on demand
    const en: Record<string, string> = { ...(strings.en as Record<string, string>), ...quotesEn, ...tableEn, ...wallEn };
    // counted keys (`mentions.one`, `mentions.other`, …) have the forms each language's plural rules use
    const counted = Object.keys(en)
      .filter((k) => k.endsWith('.other'))
      .map((k) => k.slice(0, -'.other'.length));
    const isForm = (k: string) => counted.includes(k.slice(0, k.lastIndexOf('.')));
    for (const [lang, load] of Object.entries(loaders)) {
      const table = (await load()).default as Record<string, string>;
      expect(
        Object.keys(table)
          .filter((k) => !isForm(k))
          .sort(),
        lang,
      ).to.deep.equal(
        Object.keys(en)
          .filter((k) => !isForm(k))
          .sort(),
      );
      const rules = new Intl.PluralRules(lang);
      const used = new Set(Array.from({ length: 200 }, (_, n) => rules.select(n)));
      for (const key of counted) for (const form of used) expect(table[`${key}.${form}`], `${lang} ${key}.${form}`).to.be.a('string');
      for (const [key, value] of Object.entries(table)) {
        // placeholders survive translation (a plural form may say the number in words: "إشارتان")
        const wanted: string[] = (en[isForm(key) ? `${key.slice(0, key.lastIndexOf('.'))}.other` : key].match(/\{\w+\}/g) ?? []).sort();
        const got = (value.match(/\{\w+\}/g) ?? []).sort();
        if (isForm(key))
          expect(
            got.every((p) => wanted.includes(p)),
            `${lang}.${key}`,
          ).to.equal(true);
        else expect(got, `${lang}.${key}`).to.deep.equal(wanted);
      }
    }
  });

  it('scales with its container without a new layout, and lays out once when its shape changes', async () => {
    const el = await mount(await memory());
    await placed(el, 5);
    await settled(el);
    const wrapper = el.parentElement!;
    const layout = () => terms(el).map((t) => `${t.textContent!.trim()} ${position(t)} ${t.parentElement!.style.fontSize}`);
    const before = layout();
    const names = termText(el).sort();
    let batches = 0;
    const observer = new MutationObserver(() => batches++);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (const width of [580, 540, 500, 450, 400]) {
      wrapper.style.width = `${width}px`;
      await frame();
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(batches, 'a resize that keeps the shape changes no position').to.equal(0);
    expect(layout()).to.deep.equal(before);
    const small = term(el, 'delivery')!.getBoundingClientRect();
    expect(small.right).to.be.at.most(wrapper.getBoundingClientRect().right + 1);

    for (const aspect of ['2 / 1', '2.2 / 1', '2.5 / 1']) {
      el.style.setProperty('--voc-cloud-aspect', aspect);
      await frame();
    }
    await waitUntil(() => batches > 0, 'no new layout for a new shape', { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 600));
    expect(batches, 'one new layout, not one per resize step').to.equal(1);
    expect(layout()).not.to.deep.equal(before);
    expect(termText(el).sort(), 'every term is still there').to.deep.equal(names);
    observer.disconnect();
  });

  it('blends the kinds’ colours by share in color-mode="mix"', async () => {
    const el = await mount(await memory([...SAMPLE, ['compliment', 'Delivery was perfect this time']]), 'color-mode="mix"');
    await placed(el, 5);
    await settled(el);
    const swatch = (kind: string) =>
      getComputedStyle(el.shadowRoot!.querySelector(`[part=legend] [data-kind=${kind}] .swatch`)!).backgroundColor;
    const delivery = term(el, 'delivery')!;
    expect(delivery.parentElement!.style.color).to.contain('color-mix');
    expect(getComputedStyle(delivery).color).not.to.equal(swatch('complaint'));
    expect(getComputedStyle(delivery).color).not.to.equal(swatch('compliment'));
    const legend = [...el.shadowRoot!.querySelectorAll('[part=legend] li')].map((li) => li.textContent!.trim());
    expect(legend).to.deep.equal(['Compliments', 'Ideas', 'Complaints', 'Mixed']);
    await expect(el).to.be.accessible();
    // a term of one kind only keeps that kind's colour
    expect(getComputedStyle(term(el, 'support')!).color).to.equal(swatch('compliment'));
  });

  it('gives the same layout for the same seed and data', async () => {
    const adapter = await memory();
    const a = await mount(adapter, 'seed="7"');
    const b = await mount(adapter, 'seed="7"');
    await placed(a, 5);
    await placed(b, 5);
    const layout = (el: VocCloud) => terms(el).map((t) => `${t.textContent!.trim()} ${position(t)} ${t.parentElement!.style.fontSize}`);
    expect(layout(a)).to.deep.equal(layout(b));
  });

  it('shows each documented part, which a page can style from outside', async () => {
    // the parts of the JSDoc (@csspart) and the README, each given its own outline by the page
    const parts = ['cloud', 'term', 'legend', 'toggle', 'table', 'quotes', 'wall-quote', 'pause'];
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(parts.map((p, i) => `voc-cloud::part(${p}) { outline: ${i + 1}px dotted rgb(1, 2, 3); }`).join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    const styled = (el: VocCloud, part: string) => {
      const node = el.shadowRoot!.querySelector(`[part~="${part}"]`);
      expect(node, part).to.exist;
      const style = getComputedStyle(node!);
      expect(`${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`, part).to.equal(
        `${parts.indexOf(part) + 1}px dotted rgb(1, 2, 3)`,
      );
    };
    try {
      const el = await mount(await memory());
      await placed(el, 5);
      for (const part of ['cloud', 'term', 'legend', 'toggle']) styled(el, part);
      term(el, 'delivery')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part=quotes] blockquote'), 'no quotes');
      styled(el, 'quotes');
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=toggle]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part=table]'), 'no table');
      styled(el, 'table');
      const wall = await mount(await memory(), 'wall quote-interval="0.15"');
      await waitUntil(() => wall.shadowRoot!.querySelector('[part=wall-quote]'), 'no quote on the wall', { timeout: 5000 });
      for (const part of ['wall-quote', 'pause']) styled(wall, part);
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });
});
