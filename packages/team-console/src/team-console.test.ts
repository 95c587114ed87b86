import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { TeamClient } from '@voc-kit/adapter-http/team-client.js';
import { VocTeamConsole } from './team-console.js';
import './define.js';

interface Env {
  endpoint: string;
  site: string;
  adminToken: string;
}
let env: Env;
const envOf = async (): Promise<Env> => (env ??= (await (await fetch('/__voc/endpoint')).json()) as Env);

const admin = async (method: string, path: string, body?: unknown) => {
  const e = await envOf();
  const res = await fetch(e.endpoint + path, {
    method,
    headers: { authorization: `Bearer ${e.adminToken}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return res.json();
};

/** A console talking to the real test server with a bearer token of `role` (same-origin pages use the cookie). */
async function consoleAs(role: 'owner' | 'agent' | 'viewer', lang = 'en', site?: string): Promise<VocTeamConsole> {
  const e = await envOf();
  const token =
    role === 'owner' ? e.adminToken : ((await admin('POST', '/v1/team/tokens', { name: `wtr ${role}`, role })) as { token: string }).token;
  const el = document.createElement('voc-team-console');
  el.client = new TeamClient({ base: e.endpoint, token });
  el.setAttribute('lang', lang);
  if (site) el.setAttribute('site', site);
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.append(el);
  await waitFor(el, () => el.shadowRoot!.querySelectorAll('.items .item').length > 0);
  return el;
}

async function waitFor(el: HTMLElement, test: () => boolean, ms = 8000) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out; shows: ${el.shadowRoot?.textContent?.replace(/\s+/g, ' ').slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const key = (el: HTMLElement, k: string) => {
  const target = el.shadowRoot!.activeElement ?? el;
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
};

describe('<voc-team-console>', function () {
  this.timeout(20_000);
  before(async function () {
    // the first request starts the test server
    this.timeout(240_000);
    const e = await envOf();
    for (const [kind, text] of [
      ['complaint', 'The coffee was cold when it arrived'],
      ['idea', 'Please add oat milk to the menu'],
      ['compliment', 'Lovely staff and warm coffee'],
    ])
      await fetch(`${e.endpoint}/v1/sites/${e.site}/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ kind, text, locale: 'en' }),
      });
  });

  it('is accessible, signed in, with the inbox', async () => {
    const el = await consoleAs('owner');
    await expect(el).to.be.accessible();
    expect(el.shadowRoot!.textContent).to.contain('Signed in as VOC_ADMIN_TOKEN');
  });

  it('j/k move, x selects, Enter opens the customer’s story, ? lists every shortcut', async () => {
    const el = await consoleAs('agent');
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('#item-0 .open')!.focus();
    key(el, 'j');
    await el.updateComplete;
    expect(root.querySelector('#item-1')!.getAttribute('aria-current')).to.equal('true');
    expect(root.activeElement).to.equal(root.querySelector('#item-1 .open'));
    key(el, 'k');
    key(el, 'x');
    await el.updateComplete;
    expect(root.querySelector<HTMLInputElement>('#item-0 input[type="checkbox"]')!.checked).to.equal(true);
    expect(root.textContent).to.contain('1 selected');
    key(el, 'Enter');
    await waitFor(el, () => !!root.querySelector('.detail'));
    expect(root.querySelector('.detail #reply')).to.exist;
    key(el, 'Escape');
    await el.updateComplete;
    expect(root.querySelector('.detail')).to.equal(null);
    root.querySelector<HTMLButtonElement>('#item-0 .open')!.focus();
    key(el, '?');
    const dialog = root.querySelector<HTMLDialogElement>('#help')!;
    expect(dialog.open).to.equal(true);
    const keys = [...dialog.querySelectorAll('kbd')].map((k) => k.textContent);
    expect(keys).to.deep.equal(['j', 'k', 'x', 'Enter', 'r', 't', 'e', 'h', '/', '?']);
    await expect(el).to.be.accessible();
    dialog.close();
  });

  it('/ focuses search; a search narrows the inbox', async () => {
    const el = await consoleAs('viewer');
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('#item-0 .open')!.focus();
    key(el, '/');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 0));
    const search = root.querySelector<HTMLInputElement>('#search')!;
    expect(root.activeElement).to.equal(search);
    search.value = 'oat';
    const form = root.querySelector<HTMLFormElement>('form.filters')!;
    form.requestSubmit();
    await waitFor(el, () => [...root.querySelectorAll('.items .item')].every((r) => /oat milk/.test(r.textContent ?? '')));
  });

  it('a person chooses a term in the cloud and sees the inbox filtered to it; choosing it again shows all', async () => {
    const el = await consoleAs('agent');
    const root = el.shadowRoot!;
    const cloudTerm = (term: string) =>
      root.querySelector('voc-cloud')?.shadowRoot?.querySelector<HTMLButtonElement>(`button.term[data-term="${term}"]`) ?? null;
    // the inbox's <voc-cloud> (loaded when the inbox shows it) counts the inbox's terms, coloured by kind
    await waitFor(el, () => cloudTerm('coffee') !== null && cloudTerm('oat milk') !== null);
    await expect(el).to.be.accessible();
    const rows = () => [...root.querySelectorAll('.items .item')];
    const all = rows().length;
    expect(all).to.be.greaterThan(2);
    cloudTerm('coffee')!.click();
    await waitFor(el, () => rows().length === 2 && rows().every((r) => /coffee/i.test(r.textContent ?? '')));
    expect(root.querySelector('.chosen')!.textContent).to.contain('Showing the items that say “coffee”');
    expect(root.querySelector<HTMLInputElement>('#group-topic')!.value).to.equal('coffee');
    // the inbox shows the items itself: the cloud's quotes panel stays closed
    expect(root.querySelector('voc-cloud')!.shadowRoot!.querySelector('#quotes-title')).to.equal(null);
    // by keyboard: the term has focus in the cloud; Enter chooses it again and the filter goes
    cloudTerm('coffee')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(el, () => rows().length === all);
    expect(root.querySelector('.chosen')!.textContent!.trim()).to.equal('');
  });

  it('a viewer reads the story but gets no reply box', async () => {
    const el = await consoleAs('viewer');
    const root = el.shadowRoot!;
    root.querySelector<HTMLButtonElement>('#item-0 .open')!.click();
    await waitFor(el, () => !!root.querySelector('.detail'));
    expect(root.querySelector('#reply')).to.equal(null);
    expect(root.textContent).to.contain('replying needs the agent role');
  });

  it('an agent moves a topic with an "expected by" date and merges a topic into another', async () => {
    const e = await envOf();
    const tag = Math.random().toString(36).slice(2, 8);
    const [a, b] = [`late-${tag}`, `delivery-${tag}`];
    await admin('POST', `/v1/admin/sites/${e.site}/topics`, { slug: a, title: `Late parcels ${tag}` });
    await admin('POST', `/v1/admin/sites/${e.site}/topics`, { slug: b, title: `Delivery ${tag}` });
    const el = await consoleAs('agent');
    await el.show('topics');
    const root = el.shadowRoot!;
    const card = (title: string) =>
      [...root.querySelectorAll<HTMLElement>('li.topic')].find((li) => li.querySelector('h3')?.textContent === title)!;
    await waitFor(el, () => !!card(`Delivery ${tag}`));
    const year = new Date().getUTCFullYear() + 1;
    const move = card(`Delivery ${tag}`).querySelector('form')!;
    move.querySelector<HTMLSelectElement>('select[name="status"]')!.value = 'planned';
    move.querySelector<HTMLInputElement>('input[name="message"]')!.value = 'A second courier';
    move.querySelector<HTMLInputElement>('input[name="expectedBy"]')!.value = `${year}-03-12`;
    move.requestSubmit();
    await waitFor(el, () => (card(`Delivery ${tag}`).textContent ?? '').includes(`Expected by March 12, ${year}`));
    const topics = (await admin('GET', `/v1/sites/${e.site}/topics`)) as { topics: Array<{ slug: string; expectedBy?: string }> };
    expect(topics.topics.find((t) => t.slug === b)?.expectedBy).to.equal(`${year}-03-12`);
    await expect(el).to.be.accessible();

    const merge = [...card(`Late parcels ${tag}`).querySelectorAll('form')].find((f) => f.querySelector('select[name="into"]'))!;
    merge.querySelector<HTMLSelectElement>('select[name="into"]')!.value = b;
    merge.requestSubmit();
    await waitFor(el, () => (card(`Late parcels ${tag}`).textContent ?? '').includes(`Merged into “Delivery ${tag}”`));
    expect(card(`Late parcels ${tag}`).querySelector('form')).to.equal(null, 'a merged topic offers no more moves');
    const after = (await admin('GET', `/v1/sites/${e.site}/topics`)) as { topics: Array<{ slug: string }> };
    expect(after.topics.map((t) => t.slug)).to.not.include(a);
  });

  it('speaks Arabic right to left', async () => {
    const el = await consoleAs('owner', 'ar');
    await waitFor(el, () => /الوارد/.test(el.shadowRoot!.textContent ?? ''));
    expect(el.shadowRoot!.querySelector('.console')!.getAttribute('dir')).to.equal('rtl');
    await expect(el).to.be.accessible();
  });

  it('without a session shows the sign-in form', async () => {
    const e = await envOf();
    const el = document.createElement('voc-team-console');
    el.client = new TeamClient({ base: e.endpoint });
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.append(el);
    await waitFor(el, () => !!el.shadowRoot!.querySelector('#token'));
    await expect(el).to.be.accessible();
  });
  describe('moderation, settings, personal data, dev mailbox', () => {
    const MOD = 'wtr-moderated';
    const nav = (el: VocTeamConsole) => [...el.shadowRoot!.querySelectorAll('nav button')].map((b) => b.textContent!.trim());
    const go = async (el: VocTeamConsole, name: string) => {
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent!.trim() === name)!.click();
      await waitFor(el, () => el.shadowRoot!.querySelector('main h2')?.textContent === name);
    };
    before(async function () {
      this.timeout(30_000);
      const e = await envOf();
      await admin('POST', '/v1/admin/sites', {
        key: MOD,
        name: 'Moderated',
        origins: ['http://localhost:*', 'http://127.0.0.1:*'],
        settings: { premoderation: true },
      });
      for (const [text, email] of [
        ['This shit coffee machine is broken again', undefined],
        ['Please call me back about my broken mug', 'gdpr-wtr@example.com'],
      ])
        await fetch(`${e.endpoint}/v1/sites/${MOD}/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify({ kind: 'complaint', text, locale: 'en', ...(email && { contact: { email, consent: true } }) }),
        });
    });

    it('a viewer sees no moderation, settings, personal data or mailbox', async () => {
      const el = await consoleAs('viewer');
      expect(nav(el)).to.deep.equal(['Inbox', 'Topics']);
    });

    it('an agent approves a held item from the queue; profanity shows masked', async () => {
      const el = await consoleAs('agent', 'en', MOD);
      expect(nav(el)).to.include('Moderation');
      expect(nav(el)).not.to.include('Settings');
      await go(el, 'Moderation');
      const root = el.shadowRoot!;
      await waitFor(el, () => root.querySelectorAll('.queue li').length === 2);
      expect(root.querySelector('.queue')!.textContent).to.contain('This s*** coffee machine');
      expect(root.querySelector('.queue')!.textContent).not.to.contain('shit');
      await expect(el).to.be.accessible();
      const approve = root.querySelector<HTMLButtonElement>('.queue li:last-child button.primary')!;
      expect(approve.getAttribute('aria-label')).to.contain('Approve “');
      approve.click();
      await waitFor(el, () => root.querySelectorAll('.queue li').length === 1);
      expect(root.querySelector('[role="status"]')!.textContent).to.contain('Approved');
    });

    it('an owner adds an allowed origin and a viewer token by keyboard; the token shows once', async () => {
      const el = await consoleAs('owner', 'en', MOD);
      await go(el, 'Settings');
      const root = el.shadowRoot!;
      await waitFor(el, () => !!root.querySelector('#origin'));
      root.querySelector<HTMLInputElement>('#origin')!.focus();
      await sendKeys({ type: 'https://shop.example' });
      await sendKeys({ press: 'Enter' });
      await waitFor(el, () => [...root.querySelectorAll('.origins code')].some((c) => c.textContent === 'https://shop.example'));
      const sites = (await admin('GET', '/v1/admin/sites')) as { sites: Array<{ key: string; origins: string[] }> };
      expect(sites.sites.find((s) => s.key === MOD)!.origins).to.include('https://shop.example');
      root.querySelector<HTMLInputElement>('form fieldset input[name="name"]')!.focus();
      await sendKeys({ type: 'wtr reporting' });
      await sendKeys({ press: 'Enter' });
      await waitFor(el, () => !!root.querySelector('.invite-link output'));
      expect(root.querySelector('.invite-link')!.textContent).to.contain('Token for wtr reporting');
      expect(root.querySelector('.tokens')!.textContent).to.contain('wtr reporting · Viewer');
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: 'dark' });
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: 'light' });
    });

    it('an owner deletes everything about a contact after a confirmation that names it', async () => {
      const el = await consoleAs('owner', 'en', MOD);
      await go(el, 'Personal data');
      const root = el.shadowRoot!;
      root.querySelector<HTMLInputElement>('#gdpr-who')!.value = 'gdpr-wtr@example.com';
      [...root.querySelectorAll<HTMLButtonElement>('form.gdpr button')].find((b) => b.textContent!.includes('Delete'))!.click();
      await waitFor(el, () => !!root.querySelector('.erase'));
      const erase = root.querySelector('.erase')!;
      expect(erase.textContent).to.contain('Delete everything about gdpr-wtr@example.com?');
      expect(erase.textContent).to.contain('Please call me back about my broken mug');
      expect(root.activeElement).to.equal(root.querySelector('#erase-h'));
      await expect(el).to.be.accessible();
      root.querySelector<HTMLButtonElement>('.erase button.danger')!.click();
      await waitFor(el, () => /Deleted 1 items/.test(root.querySelector('[role="status"]')!.textContent ?? ''));
      const left = (await admin('GET', '/v1/team/export?email=gdpr-wtr%40example.com')) as { feedback: unknown[] };
      expect(left.feedback).to.have.length(0);
    });

    it('the mailbox says when there is no dev mailbox (production without SMTP), in Arabic too', async () => {
      const el = await consoleAs('owner');
      await go(el, 'Dev mailbox');
      await waitFor(el, () => /No dev mailbox/.test(el.shadowRoot!.textContent ?? ''));
      await expect(el).to.be.accessible();
      el.remove();
      const ar = await consoleAs('owner', 'ar');
      await waitFor(ar, () => nav(ar).includes('الإعدادات'));
      await go(ar, 'الإعدادات');
      await expect(ar).to.be.accessible();
    });
  });
});
