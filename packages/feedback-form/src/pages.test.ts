// Real reloads and real tabs: each page is an iframe (its own JavaScript realm, like a tab) sharing this origin's
// IndexedDB, Web Locks and BroadcastChannel. The page has a strict CSP and requires Trusted Types.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LocalAdapter } from '@voc-kit/adapter-local';
import { randomToken } from '@voc-kit/protocol/random.js';
import type { VocFeedbackForm } from './feedback-form.js';

interface Attempt {
  key: string;
  page: string;
  mode: string;
}

const attempts: Attempt[] = [];
const violations: unknown[] = [];
addEventListener('message', (e: MessageEvent) => {
  if (e.data?.type === 'voc-test-submit') attempts.push(e.data as Attempt);
  if (e.data?.type === 'voc-test-csp') violations.push(e.data);
});

const frames: HTMLIFrameElement[] = [];
afterEach(() => {
  frames.splice(0).forEach((f) => f.remove());
  // every page runs under a strict CSP with Trusted Types required: the form must never trip it
  expect(violations).to.deep.equal([]);
});

/** Loads (or reloads) the test page in `frame` and returns its form once it is ready. */
async function load(frame: HTMLIFrameElement, site: string, mode: string, page: string): Promise<VocFeedbackForm> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/packages/feedback-form/test/page.html?${new URLSearchParams({ site, mode, page })}`;
  if (!frame.isConnected) {
    document.body.append(frame);
    frames.push(frame);
  }
  await loaded;
  const form = () => frame.contentDocument?.querySelector('voc-feedback-form');
  await waitUntil(() => form()?.shadowRoot?.querySelector('form'), 'the page did not show the form', { timeout: 5000 });
  return form()!;
}

async function type(form: VocFeedbackForm, kind: string, words: string) {
  form.shadowRoot!.querySelector<HTMLInputElement>(`input[value=${kind}]`)!.click();
  form.shadowRoot!.querySelector<HTMLTextAreaElement>('#text')!.focus();
  await sendKeys({ type: words });
  form.shadowRoot!.querySelector<HTMLButtonElement>('[type=submit]')!.click();
}

const shows = (form: VocFeedbackForm, selector: string) => () => !!form.shadowRoot!.querySelector(selector);

describe('<voc-feedback-form> across reloads and tabs', () => {
  it('a reload mid-queue delivers once, with the key given when it was queued', async () => {
    const site = randomToken();
    const frame = document.createElement('iframe');
    let form = await load(frame, site, 'offline', 'first');
    await type(form, 'complaint', 'The door is stuck');
    await waitUntil(shows(form, '#done'), 'not saved for later', { timeout: 5000 });
    expect(form.shadowRoot!.querySelector('#done')!.textContent).to.equal('Saved');
    const [queuedKey] = attempts.filter((a) => a.page === 'first').map((a) => a.key);
    form = await load(frame, site, 'online', 'second');
    const local = new LocalAdapter({ site });
    await waitUntil(async () => (await local.list()).length === 1, 'not delivered after the reload', { timeout: 5000 });
    await waitUntil(shows(form, 'a[href]'), 'the reloaded page did not say it was sent');
    expect(attempts.filter((a) => a.page === 'second').map((a) => a.key)).to.deep.equal([queuedKey]);
    expect((await local.list()).map((f) => f.text)).to.deep.equal(['The door is stuck']);
  });

  it('a reload after a lost answer stores the feedback once', async () => {
    const site = randomToken();
    const frame = document.createElement('iframe');
    const form = await load(frame, site, 'lost', 'lost');
    await type(form, 'idea', 'Bigger tables');
    await waitUntil(shows(form, '#done'), 'not saved for later', { timeout: 5000 });
    await load(frame, site, 'online', 'after-lost');
    await waitUntil(() => attempts.some((a) => a.page === 'after-lost'), 'not resent after the reload', { timeout: 5000 });
    const local = new LocalAdapter({ site });
    expect((await local.list()).map((f) => f.text)).to.deep.equal(['Bigger tables']);
  });

  it('two tabs deliver once', async () => {
    const site = randomToken();
    const tabA = await load(document.createElement('iframe'), site, 'offline', 'tab-a');
    await type(tabA, 'compliment', 'Best cinnamon buns in town');
    await waitUntil(shows(tabA, '#done'), 'not saved for later', { timeout: 5000 });
    // two more tabs open at the same moment while the first still holds the item; both can reach the backend
    const [tabB, tabC] = await Promise.all([
      load(document.createElement('iframe'), site, 'online', 'tab-b'),
      load(document.createElement('iframe'), site, 'online', 'tab-c'),
    ]);
    const local = new LocalAdapter({ site });
    await waitUntil(async () => (await local.list()).length === 1, 'not delivered', { timeout: 5000 });
    for (const tab of [tabB, tabC]) tab.ownerDocument.defaultView!.dispatchEvent(new Event('online'));
    await waitUntil(shows(tabA, 'a[href]'), 'tab A was not told it was sent', { timeout: 5000 });
    const deliveries = attempts.filter((a) => a.mode === 'online' && a.page.startsWith('tab-'));
    expect(deliveries.length).to.equal(1, 'exactly one tab sent it');
    expect((await local.list()).map((f) => f.text)).to.deep.equal(['Best cinnamon buns in town']);
  });
});
