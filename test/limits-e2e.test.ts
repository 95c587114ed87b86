// The elements' numeric attributes over their whole documented range (and past it), end to end: the real
// elements with `endpoint` and `site` talk to the real reference server (test/wtr-voc-server.mjs). The range of
// each comes from @voc-kit/protocol's LIMITS, which the server enforces too.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { HttpAdapter } from '@voc-kit/adapter-http';
import { LIMITS } from '@voc-kit/protocol/limits.js';
import '@voc-kit/cloud/define.js';
import '@voc-kit/status-feed/define.js';

interface TestServer {
  endpoint: string;
  site: string;
  adminToken: string;
}

describe('documented limits against the reference server', function () {
  this.timeout(60_000);
  let server: TestServer;
  // a stamp keeps the words this run's own; the final "x" keeps the analyzer from folding a stamp that ends in "s"
  const words = ['axolotl', 'pangolin', 'narwhal'].map((w) => `${w}${Date.now().toString(36)}x`);

  before(async () => {
    const shared: TestServer = await (await fetch('/__voc/endpoint')).json();
    // A site of its own: the shared site holds every other test's words, and a box of 640 × 420 px shows fewer
    // terms rather than unreadable ones, so three words said once could rank below what is already there.
    server = { ...shared, site: `limits-${Date.now().toString(36)}` };
    const created = await fetch(`${server.endpoint}/v1/admin/sites`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: server.site, name: 'Limits', origins: ['http://localhost:*', 'http://127.0.0.1:*'] }),
    });
    expect(created.status).to.equal(201);
    const adapter = new HttpAdapter({ endpoint: server.endpoint, site: server.site });
    for (const word of words)
      await adapter.submit({ kind: 'idea', text: `A ${word} please`, locale: 'en' }, `limits-${crypto.randomUUID()}`);
    for (const title of ['Limits one', 'Limits two', 'Limits three'])
      await fetch(`${server.endpoint}/v1/admin/sites/${server.site}/announcements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title, body: 'Checking page sizes.' }),
      });
    // the server's own answer holds the three words before any element asks (a cold server may take a while)
    let answer = '';
    for (let i = 0; i < 60 && !words.every((w) => answer.includes(`"${w}"`)); i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 500));
      answer = await (await fetch(`${server.endpoint}/v1/sites/${server.site}/cloud?limit=${LIMITS.cloud.max}`)).text();
    }
    expect(
      words.filter((w) => !answer.includes(`"${w}"`)),
      `the API's cloud: ${answer.slice(0, 400)}`,
    ).to.deep.equal([]);
  });

  /** Renders `markup` and records every `voc-error` the element fires. */
  async function place(markup: string) {
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 640px; height: 420px"></div>`);
    const errors: unknown[] = [];
    wrapper.addEventListener('voc-error', (e) => errors.push((e as CustomEvent).detail));
    wrapper.innerHTML = markup;
    return { el: wrapper.firstElementChild as HTMLElement, errors };
  }

  const cloudTerms = (cloud: HTMLElement) =>
    [...cloud.shadowRoot!.querySelectorAll('[part~=term]')].map((t) => t.textContent?.trim() ?? '');

  it(`<voc-cloud max-terms="${LIMITS.cloud.max}"> (the documented maximum) loads and shows the terms`, async () => {
    const { el, errors } = await place(
      `<voc-cloud endpoint="${server.endpoint}" site="${server.site}" max-terms="${LIMITS.cloud.max}"></voc-cloud>`,
    );
    const shown = () => words.every((w) => cloudTerms(el).some((t) => t.includes(w)));
    await waitUntil(shown, 'the terms did not appear', { timeout: 30_000 }).catch(() => {
      // say what the element shows instead, so a failure on another machine explains itself
      throw new Error(
        `the terms did not appear; shown: ${JSON.stringify(cloudTerms(el))}; text: ${el.shadowRoot!.textContent?.replace(/\s+/g, ' ').slice(0, 300)}; errors: ${JSON.stringify(errors)}`,
      );
    });
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).not.to.include('could not be loaded');
    expect(errors).to.deep.equal([]);
  });

  for (const [value, shown] of [
    ['1', 1],
    ['0', 1], // below the range: clamped to 1
    ['5000', undefined], // past the range: clamped to the maximum, still loads
  ] as const)
    it(`<voc-cloud max-terms="${value}"> loads${shown ? ` and shows ${shown} term` : ''}`, async () => {
      const { el, errors } = await place(
        `<voc-cloud endpoint="${server.endpoint}" site="${server.site}" max-terms="${value}"></voc-cloud>`,
      );
      await waitUntil(() => cloudTerms(el).length > 0, 'no term appeared', { timeout: 15_000 });
      if (shown) expect(cloudTerms(el)).to.have.length(shown);
      else expect(cloudTerms(el).length).to.be.greaterThan(words.length - 1);
      expect(errors).to.deep.equal([]);
    });

  const feedItems = (feed: HTMLElement) => feed.shadowRoot!.querySelectorAll('[part~=item]').length;
  for (const [value, shown] of [
    ['1', 1],
    [String(LIMITS.feed.max), 3],
    ['500', 3], // past the range: clamped to the maximum, still loads
  ] as const)
    it(`<voc-status-feed page-size="${value}"> loads ${value === '1' ? 'one item and a "more" button' : 'every item'}`, async () => {
      const { el, errors } = await place(
        `<voc-status-feed endpoint="${server.endpoint}" site="${server.site}" page-size="${value}"></voc-status-feed>`,
      );
      await waitUntil(() => feedItems(el) >= shown, `fewer than ${shown} items appeared`, { timeout: 15_000 });
      if (value === '1') {
        expect(feedItems(el)).to.equal(1);
        expect(el.shadowRoot!.querySelector('button.more')).to.exist;
      } else expect(feedItems(el)).to.equal(shown);
      expect(errors).to.deep.equal([]);
    });
});
