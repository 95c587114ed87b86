// End to end in real Chromium: the real elements, with only `endpoint` and `site` attributes, talk to the real
// reference server (started by test/wtr-voc-server.mjs) through @voc-kit/adapter-http.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HttpAdapter } from '@voc-kit/adapter-http';
import '@voc-kit/feedback-form/define.js';
import '@voc-kit/cloud/define.js';

interface TestServer {
  endpoint: string;
  site: string;
  adminToken: string;
}

describe('elements against the reference server', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async () => {
    server = await (await fetch('/__voc/endpoint')).json();
  });

  it('a feedback form sends to the server exactly once, and its receipt link opens the thread', async () => {
    const word = `wombat${Date.now().toString(36)}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.innerHTML = `<voc-feedback-form endpoint="${server.endpoint}" site="${server.site}"></voc-feedback-form>`;
    const form = wrapper.firstElementChild as HTMLElement & { updateComplete: Promise<boolean> };
    await form.updateComplete;
    const root = form.shadowRoot!;
    await waitUntil(() => root.querySelector('input[value=complaint]'), 'the form did not render');
    root.querySelector<HTMLInputElement>('input[value=complaint]')!.click();
    root.querySelector<HTMLTextAreaElement>('#text')!.focus();
    await sendKeys({ type: `The ${word} delivery was late` });
    root.querySelector<HTMLElement>('button[type=submit]')!.click();
    await waitUntil(() => root.querySelector('a[href*="voc-receipt"]'), 'no receipt link shown', { timeout: 15_000 });
    const link = root.querySelector<HTMLAnchorElement>('a[href*="voc-receipt"]')!;

    const inbox = await (
      await fetch(`${server.endpoint}/v1/admin/sites/${server.site}/inbox?kind=complaint&limit=200`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      })
    ).json();
    const stored = inbox.items.filter((i: { text: string }) => i.text.includes(word));
    expect(stored).to.have.length(1);

    const receipt = new URL(link.href).searchParams.get('voc-receipt')!;
    const thread = await new HttpAdapter({ endpoint: server.endpoint, site: server.site }).thread(receipt);
    expect(thread.feedback.id).to.equal(stored[0].id);
  });

  it('a cloud shows a term said elsewhere, live', async () => {
    const word = `quokka${Date.now().toString(36)}`;
    const wrapper = await fixture<HTMLDivElement>(html`<div style="width: 600px; height: 400px"></div>`);
    // room for a new term: a live term joins only while fewer than max-terms are shown, and the other test files
    // send this site (shared by the whole run) their own words in whatever order they happen to run
    wrapper.innerHTML = `<voc-cloud endpoint="${server.endpoint}" site="${server.site}" max-terms="1000"></voc-cloud>`;
    const cloud = wrapper.firstElementChild as HTMLElement;
    // loaded, not only drawn: the box is there from the first frame with "Loading…" in it, and live events that come
    // before the snapshot are not applied (the cloud README's known limitation)
    await waitUntil(
      () => cloud.shadowRoot?.querySelector('[part~=cloud], [part~=table]') && !cloud.shadowRoot.querySelector('.overlay [role=status]'),
      'the cloud did not load',
      { timeout: 15_000 },
    );
    // once its live stream is open, drop it (as a draining server does): the cloud must resume and miss nothing
    const disconnect = async () =>
      (
        await (
          await fetch(`${server.endpoint}/v1/admin/live/disconnect`, {
            method: 'POST',
            headers: { authorization: `Bearer ${server.adminToken}` },
          })
        ).json()
      ).disconnected as number;
    const deadline = Date.now() + 15_000;
    while ((await disconnect()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new HttpAdapter({ endpoint: server.endpoint, site: server.site }).submit(
      { kind: 'compliment', text: `Such a lovely ${word}`, locale: 'en' },
      `e2e-${crypto.randomUUID()}`,
    );
    await waitUntil(
      () => [...cloud.shadowRoot!.querySelectorAll('[part~=term]')].some((t) => t.textContent?.includes(word)),
      'the new term did not appear in the cloud',
      { timeout: 15_000 },
    );
  });
});
