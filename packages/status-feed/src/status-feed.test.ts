import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  LIMITS,
  MemoryAdapter,
  NetworkError,
  forgetReceipt,
  randomToken,
  rememberReceipt,
  rememberedReceipts,
  type FeedQuery,
  type TopicUpdatesQuery,
} from '@voc-kit/core';
import { VocStatusFeed } from './status-feed.js';
import { loaders, strings } from './strings.js';

VocStatusFeed.define('voc-status-feed');

const sites: string[] = [];
function adapter(): MemoryAdapter {
  const site = `sf-${randomToken(6)}`;
  sites.push(site);
  // a clock that ticks on every read, so items have distinct, ordered times
  let now = Date.now() - 86_400_000;
  return new MemoryAdapter({ site, now: () => (now += 1000) });
}

async function mount(a: MemoryAdapter, extra: { receipt?: string; lang?: string; topic?: string } = {}): Promise<VocStatusFeed> {
  const el = await fixture<VocStatusFeed>(
    html`<voc-status-feed .adapter=${a} .receipt=${extra.receipt} lang=${extra.lang ?? 'en'} topic=${extra.topic ?? ''}></voc-status-feed>`,
  );
  await settle(el);
  return el;
}

/** Waits until nothing is loading any more. */
async function settle(el: VocStatusFeed): Promise<void> {
  await waitUntil(() => el.shadowRoot && !el.shadowRoot.querySelector('[aria-busy="true"]'), 'still loading');
  await el.updateComplete;
}

const $ = <T extends Element = HTMLElement>(el: VocStatusFeed, selector: string) => el.shadowRoot!.querySelector<T & HTMLElement>(selector);
const $$ = (el: VocStatusFeed, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const text = (node: Element | null) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const titles = (el: VocStatusFeed) => $$(el, '.items [role=heading]').map((h) => text(h));
const button = (el: VocStatusFeed, label: string) => {
  const found = $$(el, 'button').find((b) => text(b) === label);
  if (!found) throw new Error(`no button “${label}” in ${$$(el, 'button').map((b) => text(b))}`);
  return found;
};

/** A topic that went heard → planned → in progress, a declined one, an incident and an announcement. */
function seed(a: MemoryAdapter) {
  a.createTopic('delivery', 'Delivery');
  a.setTopicStatus('delivery', 'planned', 'New courier from May.');
  a.setTopicStatus('delivery', 'in-progress', 'Half of the orders already go with the new courier.');
  a.createTopic('fax', 'Order by fax');
  a.setTopicStatus('fax', 'declined', 'Fewer than ten people asked; we keep phone orders instead.');
  a.createTopic('checkout-outage', 'Checkout outage', 'investigating');
  a.setTopicStatus('checkout-outage', 'identified', 'We are sorry: a faulty payment update caused this. We are rolling it back.');
  a.announce('Opening hours', 'From Monday we also answer on Saturdays.');
}

describe('<voc-status-feed>', () => {
  afterEach(async () => {
    for (const site of sites.splice(0)) {
      await forgetReceipt(site);
      localStorage.removeItem(`voc-me-too:${site}`);
    }
  });

  it('is accessible, with a thread, topics, an incident and an announcement', async () => {
    const a = adapter();
    seed(a);
    const r = await a.submit({ kind: 'complaint', text: 'My parcel is late', topic: 'delivery' }, randomToken());
    a.reply(r.id, 'Sorry! It leaves today.', 'Ana');
    const el = await mount(a, { receipt: r.receipt });
    expect(text($(el, '.own'))).to.contain('My parcel is late');
    await expect(el).to.be.accessible();
    button(el, 'Follow').click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows each topic’s dated progress, the reason of a decline, and incidents newest first', async () => {
    const a = adapter();
    seed(a);
    const el = await mount(a);
    expect(text($(el, '#feed-heading'))).to.equal('We heard you');
    expect(titles(el)).to.deep.equal(['Opening hours', 'Checkout outage', 'Order by fax', 'Delivery']);

    const delivery = $(el, '[data-key="t:delivery"]')!;
    expect(text(delivery.querySelector('.badge'))).to.equal('In progress');
    expect(text(delivery.querySelector('[aria-current="step"]'))).to.equal('In progress');
    const steps = [...delivery.querySelectorAll('.steps li')].map((li) => text(li));
    expect(steps).to.deep.equal(['Heard', 'Planned', 'In progress', 'Done']);
    // the latest update in full, earlier ones behind a disclosure
    expect(text(delivery.querySelector('.latest'))).to.match(/^In progress · .+ Half of the orders already go with the new courier\.$/);
    const earlier = delivery.querySelector('details')!;
    expect(earlier.open).to.equal(false);
    expect(text(earlier.querySelector('summary'))).to.equal('Earlier updates (1)');
    expect(text(earlier.querySelector('.timeline li'))).to.match(/^Planned · .+New courier from May\.$/);
    expect(delivery.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);

    const fax = $(el, '[data-key="t:fax"]')!;
    expect(text(fax.querySelector('.badge'))).to.equal('Declined');
    expect(text(fax.querySelector('.latest'))).to.contain('Fewer than ten people asked');

    a.setTopicStatus('checkout-outage', 'monitoring', 'The fix is live; we are watching payments.');
    await el.updateComplete;
    const outage = $(el, '[data-key="t:checkout-outage"]')!;
    expect(text(outage.querySelector('.badge'))).to.equal('Incident · Monitoring');
    expect(text(outage.querySelector('.latest'))).to.match(/^Monitoring · .+ The fix is live; we are watching payments\.$/);
    // every dated update, newest first: the incident opened as investigating (its first update, in every adapter)
    expect([...outage.querySelectorAll('details .timeline strong')].map((s) => text(s))).to.deep.equal(['Identified', 'Investigating']);
    expect(text(outage.querySelector('details'))).to.contain('a faulty payment update caused this');
    expect(text(outage.querySelector('.meta'))).to.match(/^Started /);
  });

  it('filters by kind and topic, and pages by cursor with the keyboard', async () => {
    const a = adapter();
    for (let i = 1; i <= 5; i++) a.createTopic(`t${i}`, `Topic ${i}`);
    await a.submit({ kind: 'compliment', text: 'Lovely', topic: 't2' }, randomToken());
    await a.submit({ kind: 'complaint', text: 'Broken', topic: 't4' }, randomToken());
    a.setTopicStatus('t5', 'planned');
    const queries: FeedQuery[] = [];
    const feed = a.feed.bind(a);
    a.feed = (q?: FeedQuery) => (queries.push({ ...q }), feed(q));
    const el = await mount(a);
    el.pageSize = 2;
    await settle(el);
    expect(titles(el)).to.deep.equal(['Topic 5', 'Topic 4']);

    const more = button(el, 'Show more');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(titles(el)).to.deep.equal(['Topic 5', 'Topic 4', 'Topic 3', 'Topic 2']);
    // focus moves to the first new item, so a keyboard user reads on from there
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[data-key="t:t3"]'));
    expect(queries.at(-1)!.cursor).to.be.a('string');
    button(el, 'Show more').click();
    await settle(el);
    expect(titles(el)).to.have.length(5);
    expect($$(el, 'button').some((b) => text(b) === 'Show more')).to.equal(false);

    const [kind, topic] = $$(el, 'select') as HTMLSelectElement[];
    kind.value = 'complaint';
    kind.dispatchEvent(new Event('change'));
    await settle(el);
    expect(queries.at(-1)!.kinds).to.deep.equal(['complaint']);
    expect(titles(el)).to.deep.equal(['Topic 4']);

    kind.value = '';
    kind.dispatchEvent(new Event('change'));
    topic.value = 't2';
    topic.dispatchEvent(new Event('change'));
    await settle(el);
    expect(queries.at(-1)!.topic).to.equal('t2');
    expect(titles(el)).to.deep.equal(['Topic 2']);
  });

  it('shows live updates in place and announces them politely, throttled', async () => {
    const a = adapter();
    seed(a);
    const el = await mount(a);
    const region = $(el, '[aria-live="polite"]')!;
    expect(text(region)).to.equal('');

    a.setTopicStatus('fax', 'planned', 'Changed our mind: fax orders come in June.');
    await waitUntil(() => text(region) !== '', 'no announcement');
    expect(text(region)).to.equal('New update: Order by fax: Planned');
    // a topic on screen changes where it is, so nothing jumps under the reader
    expect(titles(el)).to.deep.equal(['Opening hours', 'Checkout outage', 'Order by fax', 'Delivery']);
    expect(text($(el, '[data-key="t:fax"] .badge'))).to.equal('Planned');
    expect(text($(el, '[data-key="t:fax"] .latest'))).to.contain('Changed our mind: fax orders come in June.');

    const top = $(el, '[part=item]')!.getBoundingClientRect().top;
    a.announce('Saturday deliveries', 'We now deliver on Saturdays too.');
    a.setTopicStatus('delivery', 'done');
    a.createTopic('parking', 'Parking');
    a.setTopicStatus('parking', 'planned', 'Ten more spaces from July.');
    await el.updateComplete;
    expect(text($(el, '[data-key="t:delivery"] .badge'))).to.equal('Done');
    // new items wait for the reader, so the feed does not move under them; "Show new" floats over it
    expect(titles(el)).to.deep.equal(['Opening hours', 'Checkout outage', 'Order by fax', 'Delivery']);
    expect($(el, '[part=item]')!.getBoundingClientRect().top).to.equal(top);
    const show = button(el, 'Show new updates (2)');
    show.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(titles(el)).to.deep.equal(['Parking', 'Saturday deliveries', 'Opening hours', 'Checkout outage', 'Order by fax', 'Delivery']);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[data-key="t:parking"]'));
    expect($$(el, 'button.fresh')).to.have.length(0);
    // the next announcement waits for the throttle and then counts both, instead of interrupting
    expect(text(region)).to.equal('New update: Order by fax: Planned');
  });

  describe('a long topic’s history', () => {
    /** A topic moved `moves` times, "Move 1" to "Move n" (answers carry the latest 10 and count the rest). */
    function long(moves: number) {
      const a = adapter();
      a.createTopic('app', 'App');
      for (let i = 1; i <= moves; i++) a.setTopicStatus('app', i % 2 ? 'planned' : 'in-progress', `Move ${i}`);
      return a;
    }
    const moves = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => `Move ${from - i}`);
    const item = (el: VocStatusFeed) => $(el, '[data-key="t:app"]')!;
    /** The topic's messages on screen, as a person reads them: the latest, then the earlier ones, newest first. */
    const messages = (el: VocStatusFeed) => [...item(el).querySelectorAll('.latest .text, .timeline > li .text')].map((p) => text(p));
    const summary = (el: VocStatusFeed) => text(item(el).querySelector('summary'));
    const olderButton = (el: VocStatusFeed) => item(el).querySelector<HTMLButtonElement>('button.older');

    it('counts every earlier update and pages back through them, with the keyboard, to the first', async () => {
      const a = long(35);
      const asked: TopicUpdatesQuery[] = [];
      const ids = (await a.topicUpdates('app', { limit: LIMITS.topicUpdates.max })).updates.map((u) => u.id);
      const topicUpdates = a.topicUpdates.bind(a);
      a.topicUpdates = (slug: string, q?: TopicUpdatesQuery) => (asked.push({ ...q }), topicUpdates(slug, q));
      const el = await mount(a);
      const region = $(el, '[aria-live="polite"]')!;
      expect(summary(el)).to.equal('Earlier updates (34)');
      expect(messages(el)).to.deep.equal(moves(35, 26));
      await expect(el).to.be.accessible();

      item(el).querySelector('summary')!.click();
      await el.updateComplete;
      expect(item(el).querySelectorAll('.timeline > li')).to.have.length(9);
      const older = button(el, 'Show older updates');
      expect(older).to.equal(olderButton(el));
      expect(older.closest('details')!.open).to.equal(true);
      older.focus();
      await sendKeys({ press: 'Enter' });
      await settle(el);
      // the 20 updates before the oldest one shown
      expect(asked).to.deep.equal([{ before: ids[25], limit: LIMITS.topicUpdates.default }]);
      expect(messages(el)).to.deep.equal(moves(35, 6));
      expect(summary(el)).to.equal('Earlier updates (34)');
      // focus moves to the first update shown, so a keyboard user reads on from there; screen readers hear how many
      expect(text(el.shadowRoot!.activeElement)).to.contain('Move 25');
      await waitUntil(() => text(region) === '20 older updates shown', `region says “${text(region)}”`);
      await expect(el).to.be.accessible();

      // Tab from the first update shown reaches the button again
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Show older updates'));
      await sendKeys({ press: 'Enter' });
      await settle(el);
      expect(asked.at(-1)).to.deep.equal({ before: ids[5], limit: LIMITS.topicUpdates.default });
      expect(messages(el)).to.deep.equal(moves(35, 1));
      // the first update reached: no button, and focus is on the first of the last page, not lost with the button
      expect(olderButton(el)).to.equal(null);
      expect(text(el.shadowRoot!.activeElement)).to.contain('Move 5');
      await waitUntil(() => text(region) === '5 older updates shown', `region says “${text(region)}”`);
      expect(asked).to.have.length(2);

      // a live move: the new update on top, none lost, the count one more
      a.setTopicStatus('app', 'done', 'Move 36');
      await waitUntil(() => messages(el)[0] === 'Move 36', 'the move did not arrive');
      await el.updateComplete;
      expect(messages(el)).to.deep.equal(moves(36, 1));
      expect(summary(el)).to.equal('Earlier updates (35)');
      expect(olderButton(el)).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('keeps an update that slides out of the latest ones live, and loads those before the oldest shown', async () => {
      const a = long(12);
      const el = await mount(a);
      expect(summary(el)).to.equal('Earlier updates (11)');
      expect(messages(el)).to.deep.equal(moves(12, 3));
      a.setTopicStatus('app', 'planned', 'Move 13');
      await waitUntil(() => messages(el)[0] === 'Move 13', 'the move did not arrive');
      // "Move 3" is no longer in the topic's answer, and stays on screen
      expect(messages(el)).to.deep.equal(moves(13, 3));
      expect(summary(el)).to.equal('Earlier updates (12)');
      item(el).querySelector('summary')!.click();
      button(el, 'Show older updates').click();
      await settle(el);
      expect(messages(el)).to.deep.equal(moves(13, 1));
      expect(olderButton(el)).to.equal(null);
    });

    it('is busy while older updates load, says when they cannot be loaded, and tries again', async () => {
      const a = long(15);
      // each page waits until the test answers it, online or not
      let answer: ((online: boolean) => void) | undefined;
      const topicUpdates = a.topicUpdates.bind(a);
      a.topicUpdates = (slug: string, q?: TopicUpdatesQuery) =>
        new Promise((resolve, reject) => (answer = (online) => (online ? resolve(topicUpdates(slug, q)) : reject(new NetworkError()))));
      const el = await mount(a);
      item(el).querySelector('summary')!.click();
      await el.updateComplete;
      const older = button(el, 'Show older updates');
      older.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => answer, 'no page was asked for');
      await waitUntil(() => older.getAttribute('aria-busy') === 'true', 'the button is not busy');
      expect(text(older)).to.equal('Loading…');
      expect(el.shadowRoot!.activeElement).to.equal(older);
      const errored = oneEvent(el, 'voc-error');
      answer!(false);
      answer = undefined;
      expect((await errored).detail.action).to.equal('feed');
      await settle(el);
      expect(text(item(el).querySelector('details [role="alert"]'))).to.equal('You seem to be offline. Try again when you are connected.');
      // the same button, still focused, now says what it does
      expect(text(older)).to.equal('Try again');
      expect(el.shadowRoot!.activeElement).to.equal(older);
      expect(messages(el)).to.deep.equal(moves(15, 6));
      await expect(el).to.be.accessible();

      await sendKeys({ press: 'Enter' });
      await waitUntil(() => answer, 'no page was asked for again');
      answer!(true);
      await settle(el);
      expect(item(el).querySelector('details [role="alert"]')).to.equal(null);
      expect(messages(el)).to.deep.equal(moves(15, 1));
      expect(olderButton(el)).to.equal(null);
      expect(text(el.shadowRoot!.activeElement)).to.contain('Move 5');
    });
  });

  it('brings forward the topic the address names when the feed opens (a link from <voc-pulse>)', async () => {
    const a = adapter();
    seed(a);
    const before = location.href;
    history.replaceState(null, '', '#voc-topic-fax');
    try {
      const el = await mount(a);
      await waitUntil(() => el.shadowRoot!.activeElement === $(el, '[data-key="t:fax"]'), 'the topic did not take focus');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('lets a customer say “me too” once per browser, with an optional email only with consent', async () => {
    const a = adapter();
    a.createTopic('delivery', 'Delivery');
    const el = await mount(a);
    expect(text($(el, '[data-key="t:delivery"] footer'))).to.contain('0 people follow this');

    const meToo = button(el, 'Follow');
    meToo.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const email = $<HTMLInputElement>(el, '.me-too-form [name=email]')!;
    expect(el.shadowRoot!.activeElement).to.equal(email);

    await sendKeys({ type: 'not-an-email' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(text($(el, '#me-too-error'))).to.equal('Enter an email address like name@example.com.');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(a.followerCount('delivery')).to.equal(0);

    email.value = 'me@example.com';
    button(el, 'Follow').click();
    await el.updateComplete;
    expect(text($(el, '#me-too-error'))).to.equal('Tick the box to let us use your email.');
    expect(a.followerCount('delivery')).to.equal(0);

    $<HTMLInputElement>(el, '[name=consent]')!.click();
    const event = oneEvent(el, 'voc-me-too');
    button(el, 'Follow').click();
    const { detail } = await event;
    expect(detail).to.deep.equal({ topic: 'delivery', followers: 1 });
    await el.updateComplete;
    expect(text($(el, '[data-key="t:delivery"] footer'))).to.contain('1 person follows this');
    expect(text($(el, '.following'))).to.contain('Following');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.following'));

    // a second element in the same browser remembers it, and cannot count the customer twice
    const again = await mount(a);
    expect($$(again, 'button').some((b) => text(b) === 'Follow')).to.equal(false);
    expect(text($(again, '.following'))).to.contain('Following');
    expect(a.followerCount('delivery')).to.equal(1);
  });

  it('closes the “me too” form with Escape and returns focus to its button', async () => {
    const a = adapter();
    a.createTopic('delivery', 'Delivery');
    const el = await mount(a);
    button(el, 'Follow').click();
    await el.updateComplete;
    $(el, '.me-too-form [name=email]')!.focus();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect($(el, '.me-too-form')).to.equal(null);
    expect(el.shadowRoot!.activeElement).to.equal(button(el, 'Follow'));
  });

  it('shows every text as text, never as markup', async () => {
    const a = adapter();
    const evil = '<img src=x onerror="window.pwned=1"><b>bold</b>';
    a.createTopic('xss', evil);
    a.setTopicStatus('xss', 'planned', evil);
    a.announce(evil, evil, 'xss');
    const r = await a.submit({ kind: 'complaint', text: `${evil}<script>window.pwned=1</script>`, topic: 'xss' }, randomToken());
    a.reply(r.id, evil, evil);
    const el = await mount(a, { receipt: r.receipt });
    expect($$(el, 'img, b, script')).to.have.length(0);
    expect(text($(el, '.own blockquote'))).to.equal(`${evil}<script>window.pwned=1</script>`);
    expect(text($(el, '.entries .text'))).to.equal(evil);
    expect(titles(el)).to.deep.equal([evil, evil]);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('takes the receipt out of the address bar, remembers it, and never shows or emits it', async () => {
    const a = adapter();
    const r = await a.submit({ kind: 'idea', text: 'Dark mode please' }, randomToken());
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?page=2&voc-receipt=${r.receipt}`);
    const events: Event[] = [];
    const listen = (e: Event) => events.push(e);
    for (const type of ['voc-error', 'voc-confirmed', 'voc-me-too']) document.addEventListener(type, listen);
    try {
      const el = await mount(a);
      expect(location.search).to.equal('?page=2');
      expect(text($(el, '.own'))).to.contain('Dark mode please');
      expect(el.shadowRoot!.innerHTML).not.to.contain(r.receipt);
      expect(el.outerHTML).not.to.contain(r.receipt);
      expect((await rememberedReceipts(a.site)).map((m) => m.receipt)).to.deep.equal([r.receipt]);
      // no confirm buttons for an idea: only complaints are "resolved"
      expect($(el, '.confirm')).to.equal(null);
      expect(JSON.stringify(events.map((e) => (e as CustomEvent).detail))).not.to.contain(r.receipt);
    } finally {
      for (const type of ['voc-error', 'voc-confirmed', 'voc-me-too']) document.removeEventListener(type, listen);
      history.replaceState(null, '', before);
    }
  });

  it('answers a wrong or withdrawn receipt with a plain “not found” and forgets it', async () => {
    const a = adapter();
    await rememberReceipt({
      receipt: 'gone-receipt-123',
      id: 'x',
      site: a.site,
      kind: 'complaint',
      excerpt: 'Old',
      createdAt: new Date().toISOString(),
    });
    const el = await mount(a);
    expect(text($(el, '.thread [role="alert"]'))).to.equal('Nothing was found for this link. It may be mistyped, expired or deleted.');
    expect($(el, '.own')).to.equal(null);
    expect(await rememberedReceipts(a.site)).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows a team reply live, and only the customer’s confirmation closes a complaint; reopening puts it back', async () => {
    const a = adapter();
    a.createTopic('app', 'App');
    const r = await a.submit({ kind: 'complaint', text: 'App crashes on login', topic: 'app' }, randomToken());
    const el = await mount(a, { receipt: r.receipt });
    expect(text($(el, '.own .meta'))).to.contain('Status: Received');
    expect(text($(el, '.thread'))).to.contain('No reply yet.');

    a.reply(r.id, 'Fixed in 2.3. Can you check?', 'Ana');
    await waitUntil(() => $(el, '.entries .reply'), 'the reply did not show');
    expect(text($(el, '.entries .reply'))).to.match(/^Ana replied · .+ Fixed in 2\.3\. Can you check\?$/);
    expect(text($(el, '.notice'))).to.equal('New reply to your feedback');
    expect(text($(el, '.own .meta'))).to.contain('Status: Answered');

    const comment = $<HTMLTextAreaElement>(el, 'textarea[name=comment]')!;
    comment.focus();
    await sendKeys({ type: 'Still crashes on Android' });
    let confirmed = oneEvent(el, 'voc-confirmed');
    button(el, 'Not resolved yet').click();
    expect((await confirmed).detail).to.deep.equal({ id: r.id, resolved: false });
    await el.updateComplete;
    expect(a.all()[0].status).to.equal('reopened');
    expect(text($(el, '.own .meta'))).to.contain('Status: Not resolved yet');
    expect(text($(el, '.entries .confirmation'))).to.contain('You said it is not resolved yet');
    expect(text($(el, '.entries .confirmation'))).to.contain('Still crashes on Android');
    expect(text($(el, '.notice'))).to.equal('Thank you. The team will look at it again.');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.notice'));

    confirmed = oneEvent(el, 'voc-confirmed');
    button(el, 'Resolved').click();
    expect((await confirmed).detail.resolved).to.equal(true);
    await el.updateComplete;
    expect(a.all()[0].status).to.equal('resolved');
    expect(text($(el, '.confirm'))).to.contain('You confirmed this is resolved.');
    expect($$(el, '.confirm button').map((b) => text(b))).to.deep.equal(['Not resolved after all']);

    button(el, 'Not resolved after all').click();
    await waitUntil(() => a.all()[0].status === 'reopened');
    await el.updateComplete;
    expect($$(el, '.entries .confirmation')).to.have.length(3);
  });

  it('fits the page’s heading outline', async () => {
    const a = adapter();
    seed(a);
    const el = await fixture<VocStatusFeed>(html`<voc-status-feed .adapter=${a} heading-level="3" lang="en"></voc-status-feed>`);
    await settle(el);
    expect($(el, '#feed-heading')!.getAttribute('aria-level')).to.equal('3');
    expect($(el, '.items [role=heading]')!.getAttribute('aria-level')).to.equal('4');
    el.noHeading = true;
    await el.updateComplete;
    expect($(el, '#feed-heading')).to.equal(null);
    // no name, so no second "We heard you" landmark on a page that has its own heading
    expect($(el, 'section.feed')!.hasAttribute('aria-label')).to.equal(false);
    expect($(el, 'section.feed')!.hasAttribute('aria-labelledby')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('checks an open thread for replies when the backend has no live thread events', async () => {
    class Quiet extends MemoryAdapter {
      override subscribe(listener: Parameters<MemoryAdapter['subscribe']>[0], options?: Parameters<MemoryAdapter['subscribe']>[1]) {
        return super.subscribe((e) => e.type !== 'thread' && listener(e), options);
      }
    }
    const a = new Quiet({ site: `sf-${randomToken(6)}` });
    sites.push(a.site);
    const r = await a.submit({ kind: 'complaint', text: 'Coupon refused' }, randomToken());
    const el = await mount(a, { receipt: r.receipt });
    a.reply(r.id, 'Fixed: the coupon works again.');
    el.threadRefresh = 0.05;
    await waitUntil(() => $(el, '.entries .reply'), 'the reply did not show');
    expect(text($(el, '.entries .reply .text'))).to.equal('Fixed: the coupon works again.');
    expect(text($(el, '.entries .reply .meta'))).to.match(/^The team replied · /);
    el.threadRefresh = 0;
  });

  it('lets the customer delete their feedback for good, after asking once', async () => {
    const a = adapter();
    const r = await a.submit({ kind: 'complaint', text: 'Rude staff' }, randomToken());
    const el = await mount(a, { receipt: r.receipt });
    button(el, 'Delete my feedback').click();
    await el.updateComplete;
    expect(text($(el, '.ask'))).to.contain('Delete this feedback and every reply for good?');
    button(el, 'Keep it').click();
    await el.updateComplete;
    expect($(el, '.ask')).to.equal(null);
    expect(a.all()).to.have.length(1);

    button(el, 'Delete my feedback').click();
    await el.updateComplete;
    const withdrawn = oneEvent(el, 'voc-withdrawn');
    button(el, 'Yes, delete').click();
    expect((await withdrawn).detail).to.deep.equal({ id: r.id });
    await el.updateComplete;
    expect(a.all()).to.have.length(0);
    expect(text($(el, '.notice'))).to.equal('Your feedback was deleted.');
    expect($(el, '.own')).to.equal(null);
    expect(await rememberedReceipts(a.site)).to.deep.equal([]);
    let gone = false;
    await a.thread(r.receipt).catch(() => (gone = true));
    expect(gone).to.equal(true);
  });

  it('shows the thread of feedback just sent with a form on the same page', async () => {
    const a = adapter();
    a.createTopic('delivery', 'Delivery');
    const el = await mount(a);
    expect($(el, '.thread')).to.equal(null);
    // what <voc-feedback-form> does after the backend accepted an item: remember the receipt, then tell the page
    const r = await a.submit({ kind: 'complaint', text: 'Parcel arrived damaged', topic: 'delivery' }, randomToken());
    const form = document.createElement('div');
    document.body.append(form);
    setTimeout(() => {
      void rememberReceipt({
        receipt: r.receipt,
        id: r.id,
        site: a.site,
        kind: 'complaint',
        excerpt: 'Parcel',
        createdAt: new Date().toISOString(),
      });
    }, 150);
    form.dispatchEvent(
      new CustomEvent('voc-submitted', { bubbles: true, composed: true, detail: { id: r.id, key: 'k', status: 'received' } }),
    );
    form.remove();
    await el.updateComplete;
    expect(text($(el, '.own blockquote'))).to.equal('Parcel arrived damaged');
    expect(text($(el, '.own'))).to.contain('Topic: Delivery (Heard)');
  });

  it('lists the feedback this browser remembers, opens each, and forgets on request', async () => {
    const a = adapter();
    const one = await a.submit({ kind: 'idea', text: 'Gift wrapping' }, randomToken());
    const two = await a.submit({ kind: 'complaint', text: 'Wrong size sent' }, randomToken());
    for (const [r, t] of [
      [one, 'Gift wrapping'],
      [two, 'Wrong size sent'],
    ] as const)
      await rememberReceipt({ receipt: r.receipt, id: r.id, site: a.site, kind: 'idea', excerpt: t, createdAt: new Date().toISOString() });
    const el = await mount(a);
    // the newest is open, the other one is a click away
    expect(text($(el, '.own blockquote'))).to.equal('Wrong size sent');
    const other = $$(el, '.mine button');
    expect(other.map((b) => text(b))[0]).to.contain('Gift wrapping');
    other[0].click();
    await settle(el);
    expect(text($(el, '.own blockquote'))).to.equal('Gift wrapping');

    button(el, 'Forget on this browser').click();
    await waitUntil(() => text($(el, '.notice')) !== '');
    expect(text($(el, '.notice'))).to.equal('This browser no longer remembers that feedback.');
    expect((await rememberedReceipts(a.site)).map((m) => m.receipt)).to.deep.equal([two.receipt]);
    // forgetting is not deleting
    expect(a.all()).to.have.length(2);
  });

  it('says when the backend cannot be reached and recovers on “Try again”', async () => {
    class Offline extends MemoryAdapter {
      offline = true;
      override async feed(q?: FeedQuery) {
        if (this.offline) throw new NetworkError();
        return super.feed(q);
      }
    }
    const a = new Offline({ site: `sf-${randomToken(6)}` });
    a.createTopic('delivery', 'Delivery');
    const errored = oneEvent(document, 'voc-error');
    const el = await fixture<VocStatusFeed>(html`<voc-status-feed .adapter=${a}></voc-status-feed>`);
    expect((await errored).detail.action).to.equal('feed');
    await settle(el);
    expect(text($(el, '.feed [role="alert"]'))).to.contain('You seem to be offline.');
    a.offline = false;
    button(el, 'Try again').click();
    await settle(el);
    expect(titles(el)).to.deep.equal(['Delivery']);
  });

  it('shows each documented part, which a page can style from outside', async () => {
    const a = adapter();
    seed(a);
    const r = await a.submit({ kind: 'complaint', text: 'My parcel is late', topic: 'delivery' }, randomToken());
    const el = await mount(a, { receipt: r.receipt });
    const sheet = new CSSStyleSheet();
    // the parts of the JSDoc (@csspart) and the README
    const parts = ['base', 'thread', 'filters', 'feed', 'item', 'badge', 'button'];
    sheet.replaceSync(parts.map((p, i) => `voc-status-feed::part(${p}) { outline: ${i + 1}px dotted rgb(1, 2, 3); }`).join('\n'));
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

  it('holds the room of a page of items while it loads, and the thread brings its own styles', async () => {
    const a = adapter();
    seed(a);
    let answer: (() => void) | undefined;
    const slow = Object.assign(Object.create(a), {
      feed: (q: FeedQuery) => new Promise((resolve) => (answer = () => resolve(a.feed(q)))),
    }) as MemoryAdapter;
    // not fixture(): it awaits updateComplete, which waits for the feed this test holds back
    const el = document.createElement('voc-status-feed');
    el.adapter = slow;
    el.pageSize = 3;
    document.body.append(el);
    await waitUntil(() => answer && $(el, '.placeholder'), 'the feed was not asked for');
    expect(text($(el, '.feed [aria-busy="true"]'))).to.equal('Loading…');
    // three placeholder rows, hidden from screen readers, as tall as the page of items will roughly be
    const rows = $$(el, '.placeholder');
    expect(rows).to.have.length(3);
    expect(rows[0].closest('[aria-hidden="true"]')).to.exist;
    expect(rows[0].getBoundingClientRect().height).to.be.greaterThan(60);
    answer!();
    await settle(el);
    expect($$(el, '.placeholder')).to.have.length(0);
    expect(titles(el)).to.have.length(3);

    // the thread's styles come with the thread: a withdraw button is styled as dangerous once a thread is open
    const r = await a.submit({ kind: 'complaint', text: 'Late again', topic: 'delivery' }, randomToken());
    el.receipt = r.receipt;
    await waitUntil(() => $(el, '.own'), 'no thread');
    await el.updateComplete;
    const danger = $$(el, 'button.danger')[0];
    expect(getComputedStyle(danger).color).to.not.equal(getComputedStyle(button(el, 'Forget on this browser')).color);
    el.remove();
  });

  it('speaks the page’s language, right to left in Arabic, with every string translated', async () => {
    // the English strings of the sub-views travel with their modules (the thread, the "me too" form, live updates,
    // older updates)
    const en = {
      ...strings.en,
      ...(await import('./thread.js')).en,
      ...(await import('./me-too-form.js')).en,
      ...(await import('./live-updates.js')).en,
      ...(await import('./older-updates.js')).en,
    } as Record<string, string>;
    // counted keys (`followers.one`, `followers.other`, …) have the forms each language's plural rules use
    const counted = new Set(
      Object.keys(en)
        .filter((k) => k.endsWith('.other'))
        .map((k) => k.slice(0, -'.other'.length)),
    );
    const isForm = (k: string) => counted.has(k.slice(0, k.lastIndexOf('.')));
    const keys = Object.keys(en).filter((k) => !isForm(k));
    const tables: Record<string, Record<string, string>> = {};
    for (const lang of ['de', 'fr', 'es', 'ja', 'ar']) tables[lang] = (await loaders[lang]()).default as Record<string, string>;
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [lang, table] of Object.entries(tables)) {
      expect(
        Object.keys(table).filter((k) => !isForm(k)),
        lang,
      ).to.have.members(keys);
      // placeholders survive translation
      for (const key of keys) expect(placeholders(table[key]), `${lang} ${key}`).to.deep.equal(placeholders(en[key]));
      const rules = new Intl.PluralRules(lang);
      const used = new Set(Array.from({ length: 200 }, (_, n) => rules.select(n)));
      for (const key of counted) for (const form of used) expect(table[`${key}.${form}`], `${lang} ${key}.${form}`).to.be.a('string');
    }

    const a = adapter();
    seed(a);
    const ar = await mount(a, { lang: 'ar' });
    expect($(ar, '.base')!.getAttribute('dir')).to.equal('rtl');
    expect(text($(ar, '#feed-heading'))).to.equal(tables.ar.heading);
    expect(text($(ar, '[data-key="t:delivery"] .badge'))).to.equal(tables.ar['status.in-progress']);
    await expect(ar).to.be.accessible();

    const de = await mount(a, { lang: 'de' });
    expect($(de, '.base')!.getAttribute('dir')).to.equal('ltr');
    expect(text($(de, '#feed-heading'))).to.equal(tables.de.heading);
    expect(text($(de, '[data-key="t:delivery"] .steps [aria-current="step"]'))).to.equal('In Arbeit');
  });

  it('shows the "expected by" date of a topic in the reader’s language, and not once it is done', async () => {
    const a = adapter();
    const year = new Date().getUTCFullYear() + 1;
    a.createTopic('delivery', 'Delivery');
    a.setTopicStatus('delivery', 'planned', 'New courier.', `${year}-03-12`);
    const en = await mount(a);
    expect(text($(en, '[data-key="t:delivery"] .expected'))).to.equal(`Expected by March 12, ${year}`);
    await expect(en).to.be.accessible();
    const de = await mount(a, { lang: 'de' });
    expect(text($(de, '[data-key="t:delivery"] .expected'))).to.equal(`Erwartet bis 12. März ${year}`);
    a.setTopicStatus('delivery', 'done', 'The new courier delivers every order.');
    const done = await mount(a);
    expect($(done, '[data-key="t:delivery"] .expected')).to.equal(null);
  });
});
