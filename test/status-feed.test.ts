// End to end against the real reference server (started by the test runner, on PGlite): a customer sends a complaint
// with the real form, follows it through the private link on another page, the team answers and moves the topic
// through the team API, and the customer confirms it is resolved.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { forgetReceipt, rememberedReceipts } from '@voc-kit/core';

interface TestServer {
  endpoint: string;
  site: string;
  adminToken: string;
}

let server: TestServer;
const frames: HTMLIFrameElement[] = [];

async function team<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.endpoint}/v1/admin/sites/${server.site}${path}`, {
    method,
    headers: { authorization: `Bearer ${server.adminToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** Opens `url` in a new iframe (its own page, like a tab) and returns its document once both elements are up. */
async function open(url: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 1200px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = url;
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  const doc = frame.contentDocument!;
  await waitUntil(
    () =>
      doc.querySelector('voc-feedback-form')?.shadowRoot?.querySelector('form') &&
      doc.querySelector('voc-status-feed')?.shadowRoot?.querySelector('.feed'),
    'the page did not show its elements',
    { timeout: 20_000 },
  );
  return doc;
}

const feedOf = (doc: Document) => doc.querySelector('voc-status-feed')!.shadowRoot!;
const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const button = (root: ShadowRoot, label: string) => [...root.querySelectorAll('button')].find((b) => text(b) === label);

describe('<voc-status-feed> end to end against the reference server', function () {
  this.timeout(90_000);

  before(async () => {
    server = await (await fetch('/__voc/endpoint')).json();
  });
  after(async () => {
    frames.splice(0).forEach((f) => f.remove());
    await forgetReceipt(server.site);
  });

  it('closes the loop: sent on one page, followed by link on another, answered live, confirmed by the customer', async () => {
    const slug = `delivery-${Math.random().toString(36).slice(2, 8)}`;
    const title = `Delivery ${slug.slice(9)}`;
    await team('POST', '/topics', { slug, title });
    const words = `My parcel ${slug} came two days late`;

    // page 1: the customer sends a complaint with the real form; the feed on the same page shows it at once
    const first = await open('/packages/status-feed/test/page.html');
    const form = first.querySelector('voc-feedback-form')!.shadowRoot!;
    form.querySelector<HTMLInputElement>('input[value=complaint]')!.click();
    form.querySelector<HTMLTextAreaElement>('#text')!.focus();
    await sendKeys({ type: words });
    form.querySelector<HTMLButtonElement>('[type=submit]')!.click();
    await waitUntil(() => form.querySelector('a[href]'), 'the form did not confirm', { timeout: 20_000 });
    await waitUntil(() => text(feedOf(first).querySelector('.own blockquote')) === words, 'page 1 did not show the thread', {
      timeout: 20_000,
    });
    const link = new URL(form.querySelector<HTMLAnchorElement>('a[href]')!.href);
    const receipt = link.searchParams.get('voc-receipt')!;
    const [remembered] = (await rememberedReceipts(server.site)).filter((r) => r.receipt === receipt);
    expect(remembered, 'the form remembered the receipt').to.not.equal(undefined);

    // page 2: this browser forgot it; the private link alone opens the thread, and leaves the address bar
    await forgetReceipt(server.site);
    const second = await open(link.pathname + link.search);
    const feed = feedOf(second);
    await waitUntil(() => text(feed.querySelector('.own blockquote')) === words, 'the link did not open the thread', { timeout: 20_000 });
    expect(second.defaultView!.location.search).to.equal('');
    expect(text(feed.querySelector('.own .meta'))).to.contain('Status: Received');
    expect(feed.innerHTML).not.to.contain(receipt);

    // the team groups it into the topic and answers through the team API: the thread shows the answer by itself
    await team('POST', `/feedback/${remembered.id}/topic`, { topic: slug });
    await team('POST', `/feedback/${remembered.id}/replies`, { text: 'We are sorry: a new courier starts on Monday.', author: 'Ana' });
    await waitUntil(() => feed.querySelector('.entries .reply'), 'the reply did not show', { timeout: 20_000 });
    expect(text(feed.querySelector('.entries .reply .text'))).to.equal('We are sorry: a new courier starts on Monday.');
    expect(text(feed.querySelector('.entries .reply .meta'))).to.match(/^Ana replied · /);

    // only the customer closes it
    const status = async () => (await team<{ feedback: { status: string } }>('GET', `/feedback/${remembered.id}`)).feedback.status;
    expect(await status()).to.equal('replied');
    button(feed, 'Not resolved yet')!.click();
    await waitUntil(async () => (await status()) === 'reopened', 'not reopened on the server', { timeout: 20_000 });
    button(feed, 'Resolved')!.click();
    await waitUntil(() => text(feed.querySelector('.own .meta')).includes('Status: Resolved'), 'not shown as resolved', {
      timeout: 20_000,
    });
    expect(await status()).to.equal('resolved');

    // the team moves the topic: the public feed shows its progress live
    await team('PATCH', `/topics/${slug}`, { status: 'in-progress', message: 'Half of all parcels already go with the new courier.' });
    const item = () => feed.querySelector(`[data-key="t:${slug}"]`);
    await waitUntil(
      () => {
        if (!item()) button(feed, [...feed.querySelectorAll('button.fresh')].map((b) => text(b))[0] ?? '')?.click();
        return text(item()?.querySelector('.badge')) === 'In progress';
      },
      'the topic did not move in the feed',
      { timeout: 20_000 },
    );
    expect(text(item()!.querySelector('.latest'))).to.contain('Half of all parcels already go with the new courier.');
    expect(text(item()!.querySelector('[aria-current="step"]'))).to.equal('In progress');
  });
});
