import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { NetworkError } from '@voc-kit/protocol/errors.js';
import { KINDS, type Kind, type Pulse } from '@voc-kit/protocol/model.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import '@voc-kit/status-feed/define.js';
import './define.js';
import type { VocPulse } from './pulse.js';
import { en as extras } from './extras.js';
import { loaders, strings } from './strings.js';

async function sample(adapter = new MemoryAdapter()): Promise<MemoryAdapter> {
  adapter.createTopic('delivery', 'Delivery');
  adapter.createTopic('checkout', 'Checkout');
  const items: Array<[Kind, string, string?]> = [
    ['complaint', 'Late delivery again', 'delivery'],
    ['complaint', 'Parcel lost', 'delivery'],
    ['complaint', 'Checkout fails', 'checkout'],
    ['compliment', 'Friendly support'],
    ['idea', 'Dark mode please'],
    ['idea', 'Gift wrapping'],
  ];
  const receipts = [];
  for (const [kind, text, topic] of items) receipts.push(await adapter.submit({ kind, text, ...(topic && { topic }) }, randomToken()));
  adapter.reply(receipts[0].id, 'Sorry, we are on it.');
  adapter.reply(receipts[2].id, 'Fixed, please check.');
  await adapter.confirm(receipts[2].receipt, { resolved: true });
  adapter.setTopicStatus('delivery', 'planned', 'A second courier from June');
  adapter.announce('New courier', 'From June', 'delivery');
  return adapter;
}

/** A pulse on `adapter`, or on the backend its `endpoint` and `site` attributes name. */
async function mount(adapter: MemoryAdapter | undefined, attrs = '', wrapperAttrs = ''): Promise<VocPulse> {
  const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px"></div>`);
  wrapper.innerHTML = `<div ${wrapperAttrs}><voc-pulse ${attrs}></voc-pulse></div>`;
  const el = wrapper.querySelector('voc-pulse')!;
  if (adapter) el.adapter = adapter;
  await el.updateComplete;
  return el;
}

const $ = (el: VocPulse, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const $$ = (el: VocPulse, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The rows of a "this period / previous period" table: [label, current, previous]. */
const compare = (el: VocPulse, block: string) => $$(el, `.${block} table.compare tbody tr`).map((tr) => [...tr.children].map(text));
const figures = (el: VocPulse) => $$(el, '.backlog dd').map(text);

/** What a person should read for `p`, formatted as the element formats it in English. */
function expected(p: Pulse) {
  const n = (x: number) => x.toLocaleString('en');
  return {
    volume: KINDS.map((k) => [
      { compliment: 'Compliments', idea: 'Ideas', complaint: 'Complaints' }[k],
      n(p.current.totals[k]),
      n(p.previous.totals[k]),
    ]),
    backlog: [p.backlog.open, p.backlog.awaitingConfirmation, p.backlog.reopened].map(n),
    actions: [
      ['Status updates on topics', n(p.current.actions.statusMoves), n(p.previous.actions.statusMoves)],
      ['Announcements', n(p.current.actions.announcements), n(p.previous.actions.announcements)],
      ['Incidents resolved', n(p.current.actions.incidentsResolved), n(p.previous.actions.incidentsResolved)],
    ],
    share: p.current.confirmedResolvedShare === null ? 'None yet' : `${Math.round(p.current.confirmedResolvedShare * 100)}%`,
  };
}

describe('<voc-pulse>', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', media: 'screen' }));

  it('shows each documented part, which a page can style from outside', async () => {
    const el = await mount(await sample());
    const sheet = new CSSStyleSheet();
    // the parts of the JSDoc (@csspart) and the README
    const parts = ['base', 'windows', 'window', 'block', 'chart', 'table', 'topic', 'badge'];
    sheet.replaceSync(parts.map((p, i) => `voc-pulse::part(${p}) { outline: ${i + 1}px dotted rgb(1, 2, 3); }`).join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      for (const [i, part] of parts.entries()) {
        const node = $(el, `[part~="${part}"]`);
        expect(node, part).to.exist;
        expect(getComputedStyle(node!).outlineWidth, part).to.equal(`${i + 1}px`);
      }
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });

  it('is accessible', async () => {
    const el = await mount(await sample());
    await expect(el).to.be.accessible();
  });

  it('is accessible in dark mode, forced or from the page', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await mount(await sample(), 'theme="dark" feed-href="/status/" cloud-href="/cloud/"');
    expect(getComputedStyle($(el, '.block')!).colorScheme).to.equal('dark');
    await waitUntil(() => $$(el, 'a').length === 8, 'the links did not come'); // 2 topics, 3 kinds, 3 actions
    await expect(el).to.be.accessible();
    const followed = await mount(await sample());
    await expect(followed).to.be.accessible();
  });

  it('is accessible in Arabic, right to left, with Arabic numbers and strings', async () => {
    const el = await mount(await sample(), '', 'lang="ar"');
    await waitUntil(() => text($(el, '.h2')) === 'ما يقوله لنا العملاء، وما نفعله', 'Arabic strings not loaded');
    expect($(el, '[part=base]')!.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle($(el, '.chart svg')!).transform).to.not.equal('none', 'time runs from the right');
    expect(figures(el)[0]).to.equal((2).toLocaleString('ar'));
    await expect(el).to.be.accessible();
  });

  it('shows the numbers the adapter answers, in every block', async () => {
    const adapter = await sample();
    const el = await mount(adapter);
    const p = await adapter.pulse({ since: '30d' });
    const want = expected(p);
    expect(compare(el, 'volume').map((r) => r.slice(0, 3))).to.deep.equal(want.volume);
    expect(want.volume.map((r) => r[1])).to.deep.equal(['1', '2', '3'], 'the sample is on screen');
    expect(figures(el)).to.deep.equal(want.backlog);
    expect(compare(el, 'actions')).to.deep.equal(want.actions);
    expect(compare(el, 'speed')[2]).to.deep.equal(['Complaints the customer confirmed resolved', want.share, 'None yet']);
    expect(want.share).to.equal('33%');
    const topics = $$(el, '[part=topic]');
    expect(topics.map((t) => text(t.querySelector('.title')))).to.deep.equal(p.topComplaintTopics.map((t) => t.title));
    expect(text(topics[0]))
      .to.contain('Delivery')
      .and.contain('Planned')
      .and.contain('2 complaints')
      .and.contain('A second courier from June');
    // the chart draws one segment per kind and day with feedback, as tall as its share of the busiest day
    const today = p.days.at(-1)!;
    const segments = $$(el, '.chart svg rect');
    expect(segments.length).to.equal(KINDS.filter((k) => today[k] > 0).length);
    expect(segments.map((r) => r.getAttribute('class'))).to.deep.equal(['compliment', 'idea', 'complaint']);
    expect(segments.map((r) => r.getAttribute('fill'))).to.deep.equal([null, 'url(#idea)', 'url(#complaint)'], 'patterns besides colours');
    expect(text($(el, '.volume .summary'))).to.equal('Messages in this period: 6; in the previous one: 0. Busiest day: 6.');
    // in the reader's time zone (see the time-zone tests below)
    expect(text($(el, '.hours .summary'))).to.match(/^Busiest hour: \w+day, \d\d:\d\d–\d\d:\d\d \(.+\); messages: 6\.$/);
  });

  it('gives every chart a table with the same numbers, opened from the keyboard', async () => {
    const adapter = await sample();
    const el = await mount(adapter);
    const p = await adapter.pulse({ since: '30d' });
    const summary = $(el, '.volume summary')!;
    expect($(el, '.volume details table')).to.equal(null, 'closed: no table rows are made');
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => $(el, '.volume details table')?.checkVisibility(), 'the table did not open');
    const rows = $$(el, '.volume details tbody tr').map((tr) => [...tr.children].map(text));
    expect(rows).to.have.length(30);
    expect(rows.at(-1)!.slice(1)).to.deep.equal(KINDS.map((k) => String(p.days.at(-1)![k])));
    // Tab moves on to the scrollable table, which a keyboard can scroll
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.volume .scroll'));
    $(el, '.hours summary')!.click();
    await waitUntil(() => $(el, '.hours details table')?.checkVisibility(), 'the hours table did not open');
    const hours = $$(el, '.hours details tbody tr').map((tr) => [...tr.children].slice(1).map((c) => Number(text(c))));
    expect(hours.flat()).to.deep.equal(p.hourOfWeek);
    expect(text($(el, '.hours details tbody th'))).to.equal('Monday');
  });

  it('switches the period with the keyboard and loads that period', async () => {
    const el = await mount(await sample());
    const buttons = $$(el, '[part=window]');
    expect(buttons.map(text)).to.deep.equal(['7 days', '30 days', '90 days', '12 months']);
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true', 'false', 'false']);
    buttons[0].focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.since).to.equal('7d');
    expect(el.getAttribute('since')).to.equal('7d');
    $(el, '.volume summary')!.click();
    await waitUntil(() => $$(el, '.volume details tbody tr').length === 7, 'not the 7 days of the week');
    expect(buttons[0].getAttribute('aria-pressed')).to.equal('true');
    buttons[3].focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => $$(el, '.volume details tbody tr').length === 365, 'not the 365 days of the year');
  });

  it('changes its numbers live when a complaint arrives, without moving anything', async () => {
    const adapter = await sample();
    const el = await mount(adapter);
    const complaints = () => compare(el, 'volume')[2][1];
    expect(complaints()).to.equal('3');
    const box = el.getBoundingClientRect();
    const blocks = $$(el, '[part=block]').map((b) => b.getBoundingClientRect().toJSON());
    let shift = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shift += (entry as PerformanceEntry & { value: number }).value;
    });
    observer.observe({ type: 'layout-shift' });
    await adapter.submit({ kind: 'complaint', text: 'Still no parcel', topic: 'checkout' }, randomToken());
    await waitUntil(() => complaints() === '4', 'the complaint did not arrive live', { timeout: 5000 });
    await el.updateComplete;
    expect(figures(el)[0]).to.equal('3');
    expect(text($$(el, '[part=topic]')[1])).to.contain('2 complaints');
    await waitUntil(() => text($(el, '[aria-live=polite]')) === 'Numbers updated.', 'screen readers are not told');
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    observer.disconnect();
    expect(shift).to.equal(0);
    expect(el.getBoundingClientRect().toJSON()).to.deep.equal(box.toJSON());
    expect($$(el, '[part=block]').map((b) => b.getBoundingClientRect().toJSON())).to.deep.equal(blocks);
  });

  it('keeps its size while loading, so nothing moves when the numbers arrive', async () => {
    const adapter = await sample();
    const slow = Object.create(adapter) as MemoryAdapter;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    slow.pulse = async (query) => {
      await gate;
      return adapter.pulse(query);
    };
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px"></div>`);
    const el = document.createElement('voc-pulse');
    el.adapter = slow;
    wrapper.append(el);
    await waitUntil(() => text($(el, '.state')) === 'Loading the numbers…', 'no loading state');
    const loading = el.getBoundingClientRect().height;
    release();
    await el.updateComplete;
    expect(compare(el, 'volume')[2][1]).to.equal('3');
    expect(el.getBoundingClientRect().height).to.equal(loading);
  });

  it('prints without its controls', async () => {
    const el = await mount(await sample());
    await emulateMedia({ media: 'print' });
    expect(getComputedStyle($(el, '[part=windows]')!).display).to.equal('none');
    expect(getComputedStyle($(el, '.volume summary')!).display).to.equal('none');
    expect(getComputedStyle($(el, '.chart svg')!).printColorAdjust).to.equal('exact');
    await emulateMedia({ media: 'screen' });
    expect(getComputedStyle($(el, '[part=windows]')!).display).to.not.equal('none');
  });

  it('turns blocks off by attribute', async () => {
    const el = await mount(await sample(), 'no-hours no-topics no-speed no-heading');
    expect($$(el, '[part=block]').map((b) => b.classList[1])).to.deep.equal(['volume', 'backlog', 'actions']);
    expect($(el, '.h2')).to.equal(null);
    expect($(el, '[part=base]')!.getAttribute('aria-label')).to.equal('What customers tell us, and what we do');
    await expect(el).to.be.accessible();
  });

  it('shows topic text as text, and the latest dated update and expected date', async () => {
    const adapter = new MemoryAdapter();
    const topic = adapter.createTopic('xss', '<img src=x onerror=alert(1)>');
    topic.expectedBy = '2026-06-30';
    adapter.setTopicStatus('xss', 'in-progress', '<b>soon</b>');
    await adapter.submit({ kind: 'complaint', text: 'Broken', topic: 'xss' }, randomToken());
    const el = await mount(adapter);
    const item = $(el, '[part=topic]')!;
    expect(item.querySelector('img, b')).to.equal(null);
    expect(text(item.querySelector('.title'))).to.equal('<img src=x onerror=alert(1)>');
    expect(text(item)).to.contain('<b>soon</b>').and.contain('Expected by Jun 30, 2026').and.contain('In progress');
  });

  it('says when the numbers cannot be loaded, and loads them on retry', async () => {
    const adapter = await sample();
    const flaky = Object.create(adapter) as MemoryAdapter;
    let failures = 1;
    flaky.pulse = async (query) => {
      if (failures-- > 0) throw new NetworkError();
      return adapter.pulse(query);
    };
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('voc-pulse');
    el.adapter = flaky;
    const failed = oneEvent(el, 'voc-error');
    wrapper.append(el);
    const { detail } = await failed;
    // the one voc-error shape of every element
    expect([detail.code, detail.action, detail.error instanceof NetworkError]).to.deep.equal(['network', 'load', true]);
    await el.updateComplete;
    expect(text($(el, '.state'))).to.contain('The numbers could not be loaded.');
    await expect(el).to.be.accessible();
    $(el, '.state button')!.click();
    await el.updateComplete;
    expect(text($(el, '.state'))).to.equal('');
    expect(compare(el, 'volume')[2][1]).to.equal('3');
  });

  it('has every string in every shipped language', async () => {
    // the first render's strings and those that come with the tables and links
    const en: Record<string, string> = { ...strings.en, ...extras };
    for (const [lang, load] of Object.entries(loaders)) {
      const table = (await load()).default;
      expect(Object.keys(table).sort(), lang).to.deep.equal(Object.keys(en).sort());
      for (const [key, value] of Object.entries(table)) {
        const wanted = (en[key].match(/\{\w+\}/g) ?? []).sort();
        expect((value!.match(/\{\w+\}/g) ?? []).sort(), `${lang}.${key}`).to.deep.equal(wanted);
      }
    }
  });
});

/** The reference server the browser tests start (test/wtr-voc-server.mjs), and a site of these tests' own. */
describe('<voc-pulse> against the reference server: links and time zones', function () {
  this.timeout(60_000);
  let env: { endpoint: string; adminToken: string };
  const site = `wtr-pulse-${randomToken()
    .slice(0, 8)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const hostile = '"><img src=x onerror=alert(1)> javascript:alert(1)';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(env.endpoint + path, {
      method,
      headers: {
        authorization: `Bearer ${env.adminToken}`,
        'idempotency-key': crypto.randomUUID(),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  /** The server's answer, as the element reads it. */
  const answer = async (): Promise<Pulse> => call('GET', `/v1/sites/${site}/pulse?since=30d`);
  const attrs = (more = '') => `endpoint="${env.endpoint}" site="${site}" ${more}`;
  const loaded = async (el: VocPulse) => {
    await waitUntil(() => compare(el, 'volume')[2]?.[1] === '3', 'the numbers did not load', { timeout: 10_000 });
    return el;
  };
  const warnings: string[] = [];
  const warn = console.warn;

  before(async function () {
    this.timeout(240_000); // the first request starts the server
    env = await (await fetch('/__voc/endpoint')).json();
    await call('POST', '/v1/admin/sites', { key: site, name: 'Pulse links', origins: ['http://localhost:*', 'http://127.0.0.1:*'] });
    await call('POST', `/v1/admin/sites/${site}/topics`, { slug: 'late-parcels', title: hostile });
    await call('POST', `/v1/admin/sites/${site}/topics`, { slug: 'checkout', title: 'Checkout' });
    const items: Array<[Kind, string, string?]> = [
      ['complaint', 'Parcel late again', 'late-parcels'],
      ['complaint', 'Parcel lost', 'late-parcels'],
      ['complaint', 'Checkout fails', 'checkout'],
      ['idea', 'Gift wrapping'],
      ['compliment', 'Friendly support'],
    ];
    for (const [kind, text, topic] of items)
      await call('POST', `/v1/sites/${site}/feedback`, { kind, text, locale: 'en', ...(topic && { topic }) });
    await call('POST', `/v1/admin/sites/${site}/announcements`, { title: 'A second courier', body: 'From June', topic: 'late-parcels' });
  });
  beforeEach(() => {
    warnings.length = 0;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('links each number to what it counts, on the pages the site names, encoded', async () => {
    const el = await loaded(
      await mount(undefined, attrs('feed-href="/status page/?lang=en#news" cloud-href="https://voc.example/what we hear/"')),
    );
    const p = await answer();
    const feed = `${location.origin}/status%20page/?lang=en`;
    // each top complaint topic leads to its item in the feed, by its slug only
    // the links come with the extras, a moment after the numbers
    await waitUntil(() => $$(el, '[part=topic] .title a').length === 2, 'the links did not come');
    const topics = $$(el, '[part=topic] .title a') as HTMLAnchorElement[];
    expect(topics.map((a) => a.getAttribute('href'))).to.deep.equal(p.topComplaintTopics.map((t) => `${feed}#voc-topic-${t.slug}`));
    expect(topics.map((a) => a.getAttribute('href'))).to.deep.equal([`${feed}#voc-topic-late-parcels`, `${feed}#voc-topic-checkout`]);
    expect(topics[0].textContent).to.equal(hostile);
    expect(topics[0].getAttribute('aria-label')).to.equal(`${hostile}: 2 complaints, in the status feed`);
    expect($(el, '[part=topic] img')).to.equal(null);
    // what the team did leads to the feed (as configured, fragment kept); only this period's figures are links
    const actions = $$(el, '.actions tbody tr').map((tr) => [...tr.querySelectorAll('a')]);
    expect(
      actions.map((links) => links.map((a) => [a.getAttribute('href'), a.getAttribute('aria-label'), a.closest('td')!.cellIndex])),
    ).to.deep.equal([
      [[`${feed}#news`, `Status updates on topics: ${p.current.actions.statusMoves}, in the status feed`, 1]],
      [[`${feed}#news`, 'Announcements: 1, in the status feed', 1]],
      [[`${feed}#news`, `Incidents resolved: ${p.current.actions.incidentsResolved}, in the status feed`, 1]],
    ]);
    // the totals by kind lead to the cloud
    expect($$(el, '.volume table.compare a').map((a) => [a.getAttribute('href'), a.getAttribute('aria-label')])).to.deep.equal([
      ['https://voc.example/what%20we%20hear/', 'Compliments: 1, in what customers say'],
      ['https://voc.example/what%20we%20hear/', 'Ideas: 1, in what customers say'],
      ['https://voc.example/what%20we%20hear/', 'Complaints: 3, in what customers say'],
    ]);
    // figures no public page lists (private complaints, medians, hours) stay text
    expect($$(el, '.backlog a, .speed a, .hours a')).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
    // a link is reached with the keyboard
    topics[0].focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(topics[1]);
    await expect(el).to.be.accessible();
  });

  it('links nothing without feed-href and cloud-href, or with an address that is not http(s)', async () => {
    const plain = await loaded(await mount(undefined, attrs()));
    expect($$(plain, 'a')).to.deep.equal([]);
    expect(text($(plain, '[part=topic] .title'))).to.equal(hostile);
    expect(warnings).to.deep.equal([]);
    const bad = await loaded(await mount(undefined, attrs('feed-href="javascript:alert(1)" cloud-href="data:text/html,hi"')));
    await waitUntil(() => warnings.length === 2, 'no warning');
    expect($$(bad, 'a')).to.deep.equal([]);
    expect(warnings).to.deep.equal([
      'VocKit: <voc-pulse> feed-href="javascript:alert(1)" is not an http(s) or relative address; its numbers stay unlinked.',
      'VocKit: <voc-pulse> cloud-href="data:text/html,hi" is not an http(s) or relative address; its numbers stay unlinked.',
    ]);
  });

  it('never puts what is not a slug into an address, whatever an adapter answers', async () => {
    const adapter = await sample();
    const tampered = Object.create(adapter) as MemoryAdapter;
    const slugs = ['javascript:alert(1)', 'x"><b>y', '../../admin', 'a b', 'Delivery', 'delivery'];
    tampered.pulse = async (query) => {
      const p = await adapter.pulse(query);
      const [first] = p.topComplaintTopics;
      return { ...p, topComplaintTopics: slugs.map((slug) => ({ ...first, slug, title: `<i>${slug}</i>` })) };
    };
    const el = await mount(tampered as MemoryAdapter, 'feed-href="https://shop.example/status"');
    await waitUntil(() => $$(el, '[part=topic]').length === slugs.length && $(el, '[part=topic] a'), 'the topics did not load');
    expect($$(el, '[part=topic] a').map((a) => a.getAttribute('href'))).to.deep.equal(['https://shop.example/status#voc-topic-delivery']);
    expect($$(el, '[part=topic] .title').map(text)).to.deep.equal(slugs.map((s) => `<i>${s}</i>`));
    expect($(el, '[part=topic] i, [part=topic] b')).to.equal(null);
  });

  it('is accessible with its links in Arabic', async () => {
    const el = await mount(undefined, attrs('feed-href="/status/" cloud-href="/cloud/"'), 'lang="ar"');
    await waitUntil(() => $(el, '.actions a')?.getAttribute('aria-label')?.endsWith('، في موجز الحالة'), 'no Arabic link names', {
      timeout: 10_000,
    });
    await expect(el).to.be.accessible();
  });

  it('brings the topic forward in the status feed a link leads to', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 760px"></div>`);
    // the pulse and the feed on one page: feed-href="" is this page
    wrapper.innerHTML = `<voc-pulse ${attrs('feed-href=""')}></voc-pulse><voc-status-feed ${attrs()}></voc-status-feed>`;
    const el = await loaded(wrapper.querySelector('voc-pulse')!);
    const feed = wrapper.querySelector('voc-status-feed')!;
    const item = () => feed.shadowRoot!.querySelector('[data-key="t:checkout"]');
    await waitUntil(item, 'the feed did not show the topic', { timeout: 10_000 });
    await waitUntil(() => $$(el, '[part=topic] .title a').length === 2, 'the links did not come');
    const link = $$(el, '[part=topic] .title a')[1];
    expect(link.getAttribute('href')).to.equal(`${location.href.split('#')[0]}#voc-topic-checkout`);
    link.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => feed.shadowRoot!.activeElement === item(), 'the topic did not take focus');
    expect(location.hash).to.equal('#voc-topic-checkout');
    // on load: a feed that appears under such an address brings the topic forward once it is on screen
    history.replaceState(null, '', '#voc-topic-late-parcels');
    const other = document.createElement('voc-status-feed');
    other.setAttribute('endpoint', env.endpoint);
    other.setAttribute('site', site);
    wrapper.append(other);
    await waitUntil(() => other.shadowRoot!.activeElement?.getAttribute('data-key') === 't:late-parcels', 'not brought forward on load', {
      timeout: 10_000,
    });
  });

  /** The hours table's 168 numbers, Monday 00 first, as a person reads them. */
  const cells = async (el: VocPulse) => {
    $(el, '.hours summary')!.click();
    await waitUntil(() => $(el, '.hours details table'), 'the hours table did not open');
    return $$(el, '.hours details tbody tr').flatMap((tr) => [...tr.children].slice(1).map((c) => Number(text(c))));
  };
  /** `hourOfWeek` as a zone `minutes` ahead of UTC sees it: UTC hour i is shown at hour i + ⌊minutes / 60⌋. */
  const rotated = (hourOfWeek: number[], minutes: number) =>
    hourOfWeek.map((_, i) => hourOfWeek[(i - Math.floor(minutes / 60) + 168 * 2) % 168]);
  const zoneName = (timeZone?: string) =>
    new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'long' }).formatToParts().find((p) => p.type === 'timeZoneName')!.value;

  for (const [zone, minutes, start] of [
    ['Asia/Kolkata', 330, '00:30'],
    ['Pacific/Marquesas', -570, '00:30'],
    ['Asia/Kathmandu', 345, '00:45'],
    ['Asia/Tokyo', 540, '00:00'],
  ] as const)
    it(`shows the busiest hours in time-zone="${zone}", the API's hours moved by its offset`, async () => {
      const el = await loaded(await mount(undefined, attrs(`time-zone="${zone}"`)));
      const p = await answer();
      const want = rotated(p.hourOfWeek, minutes);
      expect(want.reduce((a, b) => a + b)).to.equal(5);
      expect(await cells(el)).to.deep.equal(want);
      if (minutes % 1440 !== 0) expect(want).to.not.deep.equal(p.hourOfWeek);
      // the heat map draws the same cells
      expect($$(el, '.hours svg rect').map((r) => Number(r.getAttribute('fill-opacity')) > 0)).to.deep.equal(want.map((n) => n > 0));
      const name = zoneName(zone);
      expect(text($(el, '.hours details caption'))).to.equal(`When we are busiest (${name})`);
      expect(text($(el, '.hours details thead th:nth-child(2)'))).to.equal(start);
      const top = want.indexOf(Math.max(...want));
      const weekday = new Date(Date.UTC(2024, 0, 1 + Math.floor(top / 24))).toLocaleDateString('en', { weekday: 'long', timeZone: 'UTC' });
      const at = (h: number) => `${String(h % 24).padStart(2, '0')}:${start.slice(3)}`;
      expect(text($(el, '.hours .summary'))).to.equal(
        `Busiest hour: ${weekday}, ${at(top % 24)}–${at((top % 24) + 1)} (${name}); messages: ${Math.max(...want)}.`,
      );
    });

  it("shows the busiest hours in the reader's time zone by default, and when time-zone is not a zone", async () => {
    const p = await answer();
    const minutes = -new Date().getTimezoneOffset();
    const el = await loaded(await mount(undefined, attrs()));
    expect(await cells(el)).to.deep.equal(rotated(p.hourOfWeek, minutes));
    expect(text($(el, '.hours .summary'))).to.contain(`(${zoneName()})`);
    const bad = await loaded(await mount(undefined, attrs('time-zone="Mars/Olympus_Mons"')));
    expect(await cells(bad)).to.deep.equal(rotated(p.hourOfWeek, minutes));
    expect(warnings).to.deep.equal(['VocKit: <voc-pulse> time-zone="Mars/Olympus_Mons" is not an IANA time zone; the reader\'s is shown.']);
  });
});
