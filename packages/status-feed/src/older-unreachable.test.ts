// "Show older updates" when the code of older updates cannot be loaded (the reader went offline, or a deploy removed
// its chunk): the request for the module really fails, in the test server (`voc-unreachable` in
// web-test-runner.config.mjs). In a page of its own, as a test file is: in status-feed.test.ts that code is loaded
// by earlier tests (the element's sub-views are loaded once per page).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter, randomToken } from '@voc-kit/core';
import { VocStatusFeed, viewLoaders } from './status-feed.js';

VocStatusFeed.define('voc-status-feed');

// The older updates' code, as the test server serves it (from the TypeScript source), at an address of this page's
// own: the test runner lets the browser cache what it serves, so another test file may have left the element's own
// address in the cache. Chromium keeps a failed module fetch for the life of the page (a later import() of the same
// address fails again without asking): the retry below is the element's own (core's `SubViews`), at an address of
// its own.
const MODULE = new URL('./older-updates.ts', import.meta.url).pathname;
const page = randomToken(6);
viewLoaders.older = () => import(`${MODULE}?${page}`) as Promise<typeof import('./older-updates.js')>;

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<voc-status-feed> when the code of older updates cannot be loaded', () => {
  afterEach(() => executeServerCommand('voc-unreachable', {}));

  it('says so above that topic’s button, which tries again and then shows the older updates', async () => {
    const a = new MemoryAdapter({ site: `sf-older-${randomToken(6)}` });
    // two topics moved 15 times, "App 1" to "App 15" and "Web 1" to "Web 15" (answers carry the latest 10)
    for (const slug of ['app', 'web']) {
      a.createTopic(slug, slug === 'app' ? 'App' : 'Web');
      for (let i = 1; i <= 15; i++) a.setTopicStatus(slug, i % 2 ? 'planned' : 'in-progress', `${slug === 'app' ? 'App' : 'Web'} ${i}`);
    }
    const el = await fixture<VocStatusFeed>(html`<voc-status-feed .adapter=${a} lang="en"></voc-status-feed>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[data-key="t:web"]'), 'the feed did not load');
    await el.updateComplete;
    const item = (slug: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-key="t:${slug}"]`)!;
    const messages = (slug: string) => [...item(slug).querySelectorAll('.latest .text, .timeline > li .text')].map((p) => text(p));
    const olderButton = (slug: string) => item(slug).querySelector<HTMLButtonElement>('button.older');
    const alert = (slug: string) => item(slug).querySelector('details [role="alert"]');
    const region = el.shadowRoot!.querySelector('[aria-live="polite"]')!;
    for (const slug of ['app', 'web']) item(slug).querySelector('summary')!.click();
    await el.updateComplete;

    await executeServerCommand('voc-unreachable', { path: MODULE });
    const older = olderButton('app')!;
    expect(text(older)).to.equal('Show older updates');
    older.focus();
    const errored = oneEvent(el, 'voc-error');
    await sendKeys({ press: 'Enter' });
    expect((await errored).detail.action).to.equal('feed');
    await el.updateComplete;
    // as when a page of them fails: what went wrong above the same button, still focused, which now says what it does
    expect(text(alert('app'))).to.equal('You seem to be offline. Try again when you are connected.');
    expect(text(olderButton('app'))).to.equal('Try again');
    expect(olderButton('app')).to.equal(older);
    expect(el.shadowRoot!.activeElement).to.equal(older);
    // heard once: the alert, not the polite region as well
    expect(text(region)).to.equal('');
    expect(messages('app')).to.have.length(10);
    // the other topic is not concerned
    expect(alert('web')).to.equal(null);
    expect(text(olderButton('web'))).to.equal('Show older updates');
    await expect(el).to.be.accessible();

    await executeServerCommand('voc-unreachable', {});
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messages('app').length === 15, 'the older updates did not come');
    await el.updateComplete;
    expect(alert('app')).to.equal(null);
    expect(olderButton('app')).to.equal(null);
    expect(messages('app')).to.deep.equal(Array.from({ length: 15 }, (_, i) => `App ${15 - i}`));
    expect(text(el.shadowRoot!.activeElement)).to.contain('App 5');
    await waitUntil(() => text(region) === '5 older updates shown', `region says “${text(region)}”`);
    expect(text(olderButton('web'))).to.equal('Show older updates');
  });
});
