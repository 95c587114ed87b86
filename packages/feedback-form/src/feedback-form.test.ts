import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { NetworkError, ValidationError } from '@voc-kit/protocol/errors.js';
import type { VocAdapter } from '@voc-kit/core/adapter.js';
import type { FeedbackDraft, SubmitResult } from '@voc-kit/protocol/model.js';
import { Outbox } from '@voc-kit/core/outbox.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import { rememberedReceipts } from '@voc-kit/core/receipts.js';
import { RECEIPT_PARAM } from '@voc-kit/core/receipts.js';
import { LocalAdapter } from '@voc-kit/adapter-local';
import './define.js';
import type { VocFeedbackForm } from './feedback-form.js';
import { loaders, strings } from './strings.js';
import { outcomeStrings } from './outcome.js';
import { dialogStrings } from './dialog.js';

type Form = VocFeedbackForm;

const $ = <T extends Element = HTMLElement>(el: Form, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const active = (el: Form) => el.shadowRoot!.activeElement;
const text = (el: Form) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** A backend that fails `failures` times (with `error()`), then stores in `memory`; it records every call's key. */
function flaky(memory: MemoryAdapter, failures = 0, error: () => Error = () => new NetworkError()) {
  const calls: string[] = [];
  const adapter = Object.create(memory) as MemoryAdapter;
  adapter.submit = async (draft: FeedbackDraft, key: string): Promise<SubmitResult> => {
    calls.push(key);
    if (failures-- > 0) throw error();
    return memory.submit(draft, key);
  };
  return { adapter, calls };
}

async function mount(adapter: VocAdapter, options: { site?: string; attrs?: string; outbox?: Outbox; id?: string } = {}) {
  const site = options.site ?? randomToken();
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  wrapper.innerHTML = `<voc-feedback-form site="${site}" id="${options.id ?? 'f'}" ${options.attrs ?? ''}></voc-feedback-form>`;
  const el = wrapper.firstElementChild as Form;
  el.adapter = adapter;
  if (options.outbox) el.outbox = options.outbox;
  await el.updateComplete;
  return el;
}

/** Picks a kind, types the text and clicks send, as a person would. */
async function fill(el: Form, kind: string, words: string) {
  $<HTMLInputElement>(el, `input[value=${kind}]`).click();
  $(el, '#text').focus();
  await sendKeys({ type: words });
}
/** Clicks send and lets the form answer: the first click may wait for the sending machinery to load. */
const send = async (el: Form) => {
  $(el, '[type=submit]').click();
  await import('./sending.js');
  await new Promise((resolve) => setTimeout(resolve));
  await el.updateComplete;
};
/** Lets the dialog's fade-in finish, so contrast is checked on the final colours. */
const settled = async (el: Form) => {
  await el.updateComplete;
  await Promise.all(el.shadowRoot!.getAnimations().map((a) => a.finished));
};
const sent = (el: Form) => waitUntil(() => el.shadowRoot!.querySelector('a[href]'), 'no receipt link shown', { timeout: 5000 });

describe('<voc-feedback-form>', () => {
  afterEach(() => {
    localStorage.clear();
    document.documentElement.lang = 'en';
  });

  it('is accessible', async () => {
    const memory = new MemoryAdapter();
    memory.createTopic('delivery', 'Delivery');
    const el = await mount(memory);
    await waitUntil(() => el.shadowRoot!.querySelector('#topic'), 'topics from the adapter not offered');
    await expect(el).to.be.accessible();
  });

  it('can be used with the keyboard alone', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory, { attrs: 'topics="delivery:Delivery,billing:Billing"' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal($(el, 'input[value=compliment]'));
    await sendKeys({ press: 'ArrowRight' }); // radios: arrows move and choose
    expect($<HTMLInputElement>(el, 'input[value=idea]').checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal($(el, '#text'));
    await sendKeys({ type: 'Let me pay by invoice' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal($(el, '#topic'));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal($(el, '#email'));
    await sendKeys({ type: 'ana@example.com' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal($(el, '[type=submit]'));
    await sendKeys({ press: 'Enter' });
    await sent(el);
    expect(active(el)).to.equal($(el, '#done'), 'focus moves to the thank-you heading');
    const [item] = memory.all();
    expect(item).to.include({ kind: 'idea', text: 'Let me pay by invoice', topic: 'billing' });
    expect(memory.contactOf(item.id)).to.deep.equal({ email: 'ana@example.com', consent: true });
  });

  for (const kind of ['compliment', 'idea', 'complaint']) {
    it(`sends a ${kind} with its fields`, async () => {
      const memory = new MemoryAdapter();
      const el = await mount(memory);
      await fill(el, kind, `  A ${kind} about the café  `);
      await send(el);
      await sent(el);
      const all = memory.all();
      expect(all.length).to.equal(1);
      expect(all[0]).to.include({ kind, text: `A ${kind} about the café`, locale: 'en', pageUrl: location.origin + location.pathname });
      expect(all[0].topic).to.equal(undefined);
      expect(memory.contactOf(all[0].id)).to.equal(undefined);
    });
  }

  it('sends the honeypot only when a bot fills it; people never see it or reach it with Tab', async () => {
    const drafts: FeedbackDraft[] = [];
    const memory = new MemoryAdapter();
    const recording = Object.create(memory) as MemoryAdapter;
    recording.submit = (draft, key) => {
      drafts.push(draft);
      return memory.submit(draft, key);
    };
    const el = await mount(recording);
    const trap = $<HTMLInputElement>(el, 'input[name=website]');
    expect(trap.tabIndex).to.equal(-1);
    // inside a 1 px box that clips it, hidden from assistive technology
    const box = trap.closest<HTMLElement>('[aria-hidden=true]')!;
    expect(box.getBoundingClientRect().width).to.be.at.most(1);
    expect(getComputedStyle(box).overflow).to.equal('hidden');
    await fill(el, 'idea', 'A person wrote this');
    await send(el);
    await sent(el);
    expect(drafts[0]).to.not.have.property('website');
    await $<HTMLButtonElement>(el, '.done button').click();
    await el.updateComplete;
    await fill(el, 'idea', 'A bot wrote this');
    const bot = $<HTMLInputElement>(el, 'input[name=website]');
    bot.value = 'https://spam.example';
    bot.dispatchEvent(new Event('input'));
    await send(el);
    await waitUntil(() => drafts.length === 2, 'the second item was not sent');
    expect(drafts[1].website).to.equal('https://spam.example');
  });

  it('offers only the kinds asked for and preselects `kind`', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory, { attrs: 'kinds="idea complaint" kind="complaint"' });
    const offered = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=kind]')].map((i) => i.value);
    expect(offered).to.deep.equal(['idea', 'complaint']);
    expect($<HTMLInputElement>(el, 'input[value=complaint]').checked).to.equal(true);
    // every kind has a name and an icon, never colour alone
    for (const label of el.shadowRoot!.querySelectorAll('[part=kind]')) {
      expect(label.querySelector('svg[aria-hidden=true] path')).to.be.instanceOf(SVGPathElement);
      expect(label.textContent!.trim()).not.to.equal('');
    }
  });

  it('shows validation messages next to the fields and stays accessible', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory);
    await send(el);
    expect($(el, '#kind-error').textContent).to.equal('Choose compliment, idea or complaint.');
    expect($(el, '#text-error').textContent).to.equal('Tell us in your own words.');
    expect($(el, '#text').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#text').getAttribute('aria-describedby')).to.equal('count text-error');
    expect($(el, '[role=alert]').textContent).to.equal('Please correct the marked fields.');
    expect(active(el)).to.equal($(el, 'input[value=compliment]'));
    await expect(el).to.be.accessible();
    expect(memory.all()).to.deep.equal([]);
  });

  it('counts characters as they are typed and refuses more than 4000', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory);
    await fill(el, 'idea', 'Café ☕');
    expect($(el, '#count').textContent).to.equal('6 of 4,000 characters');
    const area = $<HTMLTextAreaElement>(el, '#text');
    area.value = 'x'.repeat(4001);
    area.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect($(el, '#count').textContent).to.equal('4,001 of 4,000 characters');
    await send(el);
    expect($(el, '#text-error').textContent).to.equal('Please keep it to 4000 characters (now 4001).');
    expect(area.value.length).to.equal(4001, 'nothing typed is cut off');
    expect(memory.all()).to.deep.equal([]);
  });

  it('never sends an email without the consent box ticked', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory);
    await fill(el, 'complaint', 'The coffee was cold');
    $(el, '#email').focus();
    await sendKeys({ type: 'ana@example.com' });
    await send(el);
    expect($(el, '#consent-error').textContent).to.equal('Tick the box to let us use your email, or clear the email.');
    expect(active(el)).to.equal($(el, '#consent'));
    expect(memory.all()).to.deep.equal([]);
    await sendKeys({ press: 'Space' });
    await send(el);
    await sent(el);
    expect(memory.contactOf(memory.all()[0].id)).to.deep.equal({ email: 'ana@example.com', consent: true });
  });

  it('sends no contact when the box is ticked without an email, and says so', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory);
    await fill(el, 'idea', 'More oat milk');
    $(el, '#consent').click();
    await send(el);
    expect($(el, '#email-error').textContent).to.equal('Enter your email address, or untick the box.');
    $(el, '#consent').click();
    await send(el);
    await sent(el);
    expect(memory.contactOf(memory.all()[0].id)).to.equal(undefined);
  });

  it('delivers markup and script verbatim and shows them as text', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory);
    const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script> & "quotes" <b>bold</b> {count}`;
    await fill(el, 'complaint', evil);
    await send(el);
    await sent(el);
    expect(memory.all()[0].text).to.equal(evil);
    expect($(el, 'blockquote').textContent).to.equal(evil);
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('confirms with a private link and remembers the receipt in this browser', async () => {
    const memory = new MemoryAdapter({ site: randomToken() });
    const el = await mount(memory);
    const submitted = oneEvent(el, 'voc-submitted');
    await fill(el, 'compliment', 'Lovely staff');
    await send(el);
    const { detail } = await submitted;
    expect(detail.id).to.equal(memory.all()[0].id);
    expect($(el, '#done').textContent).to.equal('Thank you!');
    const link = new URL($<HTMLAnchorElement>(el, 'a[href]').href);
    expect(link.origin + link.pathname).to.equal(location.origin + location.pathname);
    const receipt = link.searchParams.get(RECEIPT_PARAM)!;
    expect((await memory.thread(receipt)).feedback.text).to.equal('Lovely staff');
    const remembered = await rememberedReceipts(memory.site);
    expect(remembered.map((r) => r.receipt)).to.deep.equal([receipt]);
    await expect(el).to.be.accessible();
    $(el, '#done ~ button').click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('');
  });

  it('works with no server: without endpoint or adapter it keeps feedback in this browser', async () => {
    const site = randomToken();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    wrapper.innerHTML = `<voc-feedback-form site="${site}" topics="menu:Menu"></voc-feedback-form>`;
    const el = wrapper.firstElementChild as Form;
    await el.updateComplete;
    await fill(el, 'idea', 'Vegan croissants');
    $(el, '#topic').focus();
    await sendKeys({ press: 'ArrowDown' });
    await send(el);
    await sent(el);
    const stored = await new LocalAdapter({ site }).list();
    expect(stored.map((f) => [f.kind, f.text, f.topic])).to.deep.equal([['idea', 'Vegan croissants', 'menu']]);
    expect((await rememberedReceipts(site)).map((r) => r.id)).to.deep.equal([stored[0].id]);
  });

  it('voc-submit can stop sending', async () => {
    const memory = new MemoryAdapter();
    const el = await mount(memory);
    el.addEventListener('voc-submit', (e) => e.preventDefault(), { once: true });
    const submitting = oneEvent(el, 'voc-submit');
    await fill(el, 'idea', 'Open earlier');
    await send(el);
    const event = await submitting;
    expect(event.detail).to.include({ kind: 'idea', text: 'Open earlier' });
    expect(event.cancelable).to.equal(true);
    expect(memory.all()).to.deep.equal([]);
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('Open earlier');
  });

  it('keeps what the customer typed across a reload until it is sent', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    const first = await mount(memory, { site });
    await fill(first, 'complaint', 'Half-typed thought');
    first.parentElement!.remove();
    const second = await mount(memory, { site });
    expect($<HTMLTextAreaElement>(second, '#text').value).to.equal('Half-typed thought');
    expect($<HTMLInputElement>(second, 'input[value=complaint]').checked).to.equal(true);
    await send(second);
    await sent(second);
    second.parentElement!.remove();
    const third = await mount(memory, { site });
    expect($<HTMLTextAreaElement>(third, '#text').value).to.equal('');
  });

  it('an adapter that fails five times then succeeds delivers exactly once', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    const backend = flaky(memory, 5);
    const outbox = new Outbox({ name: site, send: (d, k) => backend.adapter.submit(d, k), retryBase: 10, retryMax: 40 });
    const el = await mount(backend.adapter, { site, outbox });
    const queued = oneEvent(el, 'voc-queued');
    const submitted = oneEvent(el, 'voc-submitted');
    await fill(el, 'complaint', 'Card reader broken');
    await send(el);
    await queued;
    expect($(el, '#done').textContent).to.equal('Saved');
    expect(text(el)).to.include('It will be sent when you are back online.');
    await expect(el).to.be.accessible();
    await submitted;
    await sent(el);
    expect(backend.calls.length).to.equal(6);
    expect(new Set(backend.calls).size).to.equal(1, 'one idempotency key for every attempt');
    expect(memory.all().map((f) => f.text)).to.deep.equal(['Card reader broken']);
    outbox.stop();
  });

  it('words typed after "send more" stay when the earlier item is delivered', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    const backend = flaky(memory, 1);
    const outbox = new Outbox({ name: site, send: (d, k) => backend.adapter.submit(d, k), retryBase: 1500, retryMax: 1500 });
    const el = await mount(backend.adapter, { site, outbox });
    await fill(el, 'idea', 'First idea');
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('#done'), 'not queued');
    $(el, '#done ~ button').click();
    await el.updateComplete;
    await fill(el, 'idea', 'Second idea, half typed');
    await waitUntil(() => text(el).includes('Your feedback saved earlier has been sent.'), 'no notice', { timeout: 5000 });
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('Second idea, half typed');
    expect(memory.all().map((f) => f.text)).to.deep.equal(['First idea']);
    outbox.stop();
  });

  it('says what waits on this device, and lets the customer take a saved item back', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    const backend = flaky(memory, Infinity);
    const outbox = new Outbox({ name: site, send: (d, k) => backend.adapter.submit(d, k), retryBase: 60_000 });
    const el = await mount(backend.adapter, { site, outbox });
    await fill(el, 'complaint', 'Too loud on Fridays');
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('.cancel'), 'not queued');
    $(el, '#done ~ button').click();
    await waitUntil(() => text(el).includes('1 message saved on this device, waiting to be sent.'), 'waiting item not mentioned');
    // back to the saved panel with a second item, then take that one back
    await fill(el, 'idea', 'Quiet hour on Fridays');
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('.cancel'), 'second not queued');
    $(el, '.cancel').click();
    await waitUntil(() => text(el).includes('Not sent. Your text is back in the box.'), 'not taken back');
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('Quiet hour on Fridays');
    expect($<HTMLInputElement>(el, 'input[value=idea]').checked).to.equal(true);
    expect(active(el)).to.equal($(el, '#text'));
    expect((await outbox.pending()).map((i) => i.draft.text)).to.deep.equal(['Too loud on Fridays']);
    await waitUntil(() => text(el).includes('1 message saved on this device'), 'count not updated');
    await expect(el).to.be.accessible();
    expect(memory.all()).to.deep.equal([]);
    outbox.stop();
  });

  it('a reload mid-queue delivers once', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    // the server stores it, but the answer is lost and the page goes away
    const lost = Object.create(memory) as MemoryAdapter;
    lost.submit = async (d, k) => {
      await memory.submit(d, k);
      throw new NetworkError();
    };
    const before = await mount(lost, { site });
    await fill(before, 'complaint', 'Wifi drops every hour');
    await send(before);
    await waitUntil(() => before.shadowRoot!.querySelector('#done'), 'not queued');
    before.parentElement!.remove();
    const backend = flaky(memory);
    const after = await mount(backend.adapter, { site });
    await waitUntil(() => after.shadowRoot!.querySelector('a[href]'), 'the earlier item was not sent');
    expect(text(after)).to.include('Your feedback saved earlier has been sent.');
    expect(backend.calls.length).to.equal(1);
    expect(memory.all().length).to.equal(1);
  });

  it('two tabs deliver once', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    const tabA = flaky(memory, 1);
    const tabB = flaky(memory);
    const a = await mount(tabA.adapter, { site, id: 'a' });
    await mount(tabB.adapter, { site, id: 'b' });
    await fill(a, 'idea', 'Add a quiet corner');
    await send(a);
    await waitUntil(() => a.shadowRoot!.querySelector('#done'), 'not queued');
    // both tabs hear that the network is back and flush at the same time
    dispatchEvent(new Event('online'));
    await waitUntil(() => memory.all().length === 1, 'not delivered');
    await waitUntil(() => a.shadowRoot!.querySelector('a[href]'), 'tab A was not told it was sent');
    expect(tabA.calls.length + tabB.calls.length).to.equal(2, 'one failed try, then one delivery');
    expect(memory.all().length).to.equal(1);
  });

  it('a full outbox tells the customer and keeps their text', async () => {
    const memory = new MemoryAdapter();
    const site = randomToken();
    const backend = flaky(memory, Infinity);
    const outbox = new Outbox({ name: site, send: (d, k) => backend.adapter.submit(d, k), limit: 1, retryBase: 60_000 });
    const el = await mount(backend.adapter, { site, outbox });
    await fill(el, 'idea', 'First');
    await send(el);
    await waitUntil(() => el.shadowRoot!.querySelector('#done'), 'not queued');
    $(el, '#done ~ button').click();
    await el.updateComplete;
    await fill(el, 'idea', 'Second');
    const failed = oneEvent(el, 'voc-error');
    await send(el);
    const { detail } = await failed;
    expect(detail.code).to.equal('outbox_full');
    expect($(el, '[role=alert]').textContent).to.equal(
      'Too many messages (1) are already waiting on this device. Your text is kept here: please send it when you are back online.',
    );
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('Second');
    expect((await outbox.pending()).map((i) => i.draft.text)).to.deep.equal(['First']);
    await expect(el).to.be.accessible();
    outbox.stop();
  });

  it('a permanent refusal shows the reason and puts the text back', async () => {
    const memory = new MemoryAdapter();
    const backend = flaky(memory, 1, () => new ValidationError('text', 'control', 'control characters'));
    const el = await mount(backend.adapter);
    const failed = oneEvent(el, 'voc-error');
    await fill(el, 'complaint', 'Refused words');
    await send(el);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'validation', field: 'text' });
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent).to.equal(
      'Your feedback was not accepted: Please remove invisible control characters. Your text is back in the box; please check it and send again.',
    );
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('Refused words');
    expect(memory.all()).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('shows and announces that it is sending, and ignores a second click', async () => {
    const memory = new MemoryAdapter();
    let release!: () => void;
    const held = Object.create(memory) as MemoryAdapter;
    const calls: string[] = [];
    held.submit = async (d, k) => {
      calls.push(k);
      await new Promise<void>((r) => (release = r));
      return memory.submit(d, k);
    };
    const el = await mount(held);
    await fill(el, 'idea', 'Board games');
    const height = $(el, '[part=base]').getBoundingClientRect().height;
    await send(el);
    await waitUntil(() => calls.length === 1, 'not sending');
    await el.updateComplete;
    // the item being sent is not listed as waiting: the form does not grow under the customer
    expect(el.shadowRoot!.querySelector('.note')).to.equal(null);
    expect($(el, '[part=base]').getBoundingClientRect().height).to.equal(height);
    expect($(el, '[type=submit]').getAttribute('aria-disabled')).to.equal('true');
    expect($(el, '[type=submit]').textContent!.trim()).to.equal('Sending…');
    expect($(el, '[role=status]').textContent).to.equal('Sending…');
    await expect(el).to.be.accessible();
    await send(el);
    release();
    await sent(el);
    expect(calls.length).to.equal(1);
    expect(memory.all().length).to.equal(1);
  });

  it('the thank-you panel takes the place of the form at its height, so the page below does not move', async () => {
    const el = await mount(new MemoryAdapter());
    const below = document.createElement('p');
    below.textContent = 'Below the form';
    el.after(below);
    await fill(el, 'idea', 'A longer idea. '.repeat(30));
    const top = below.getBoundingClientRect().top;
    await send(el);
    await sent(el);
    expect(below.getBoundingClientRect().top).to.equal(top);
    // the words quoted are longer than the form: they scroll inside the panel, the link and buttons stay reachable
    const panel = $(el, '[part=base]');
    expect(panel.scrollHeight).to.be.greaterThan(panel.clientHeight);
    await expect(el).to.be.accessible();
    $(el, '#done ~ button').click();
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('');
    expect(panel.style.height).to.equal(''); // the form comes back at its own height
  });

  it('is accessible in the dark theme', async () => {
    const el = await mount(new MemoryAdapter(), { attrs: 'theme="dark"' });
    await send(el);
    await expect(el).to.be.accessible();
  });

  describe('launcher', () => {
    it('opens a modal dialog, keeps focus inside, closes on Esc and gives focus back', async () => {
      const memory = new MemoryAdapter();
      const el = await mount(memory, { attrs: 'launcher' });
      expect(el.shadowRoot!.querySelector('form')).to.equal(null);
      await expect(el).to.be.accessible();
      const launcher = $<HTMLButtonElement>(el, '[part=launcher]');
      launcher.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      const dialog = $<HTMLDialogElement>(el, 'dialog');
      expect(dialog.open).to.equal(true);
      expect(active(el)).to.equal($(el, 'input[value=compliment]'));
      await settled(el);
      await expect(el).to.be.accessible();
      // Shift+Tab from the first control wraps to the last, Tab from the last wraps to the first
      $(el, '.close').focus();
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(active(el)).to.equal($(el, '[type=submit]'));
      await sendKeys({ press: 'Tab' });
      expect(active(el)).to.equal($(el, '.close'));
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(dialog.open).to.equal(false);
      expect(active(el)).to.equal(launcher);
    });

    it('sends from the dialog', async () => {
      const memory = new MemoryAdapter();
      const el = await mount(memory, { attrs: 'launcher kind="compliment"' });
      $(el, '[part=launcher]').click();
      await el.updateComplete;
      expect(active(el)).to.equal($(el, '#text'), 'with a kind preselected, focus starts in the text');
      await sendKeys({ type: 'Great music' });
      await send(el);
      await sent(el);
      expect(memory.all()[0]).to.include({ kind: 'compliment', text: 'Great music' });
      $(el, '.close').click();
      await el.updateComplete;
      expect($<HTMLDialogElement>(el, 'dialog').open).to.equal(false);
      $(el, '[part=launcher]').click();
      await el.updateComplete;
      expect($<HTMLTextAreaElement>(el, '#text').value).to.equal('', 'reopened after a thank-you: a fresh form');
      expect(active(el)).to.equal($(el, '#text'));
    });
  });

  describe('parts', () => {
    // the six documented parts, each styled from the page as a site would
    const PARTS = ['base', 'kind', 'field', 'button', 'message', 'launcher'];
    let sheet: HTMLStyleElement;
    beforeEach(() => {
      sheet = document.createElement('style');
      sheet.textContent = PARTS.map((p, n) => `voc-feedback-form::part(${p}) { outline: ${n + 1}px dotted rgb(1, 2, ${n}); }`).join('\n');
      document.head.append(sheet);
    });
    afterEach(() => sheet.remove());
    const outline = (e: Element) => getComputedStyle(e).outlineColor;

    it('lets the page style every part, and only those', async () => {
      const el = await mount(new MemoryAdapter(), { attrs: 'topics="shop:The shop"' });
      await send(el); // an empty form: every field says what is missing
      await waitUntil(() => el.shadowRoot!.querySelector('.invalid'), 'no field message');
      const parts = [...el.shadowRoot!.querySelectorAll('[part]')];
      const named = new Set(parts.flatMap((e) => e.getAttribute('part')!.split(' ')));
      expect([...named].sort()).to.deep.equal(['base', 'button', 'field', 'kind', 'message']);
      for (const e of parts) {
        const n = PARTS.indexOf(e.getAttribute('part')!);
        expect(outline(e), `${e.localName}[part=${e.getAttribute('part')}]`).to.equal(`rgb(1, 2, ${n})`);
      }
      expect(outline($(el, 'textarea'))).to.equal('rgb(1, 2, 2)');
      expect(outline($(el, 'select'))).to.equal('rgb(1, 2, 2)');
      expect(outline($(el, '[type=email]'))).to.equal('rgb(1, 2, 2)');
      expect(outline($(el, '[type=submit]'))).to.equal('rgb(1, 2, 3)');
      expect(outline($(el, '#text-error'))).to.equal('rgb(1, 2, 4)');
      expect(outline($(el, '.alert'))).to.equal('rgb(1, 2, 4)');
      expect(outline($(el, 'form'))).not.to.equal('rgb(1, 2, 0)', 'what is not a part stays the element’s own');
    });

    it('styles the launcher, the dialog’s buttons and the thank-you', async () => {
      const el = await mount(new MemoryAdapter(), { attrs: 'launcher kind="idea"' });
      expect(outline($(el, '.launcher'))).to.equal('rgb(1, 2, 5)');
      $(el, '.launcher').click();
      await el.updateComplete;
      expect(outline($(el, 'dialog [part=base]'))).to.equal('rgb(1, 2, 0)');
      expect(outline($(el, '.close'))).to.equal('rgb(1, 2, 3)');
      $<HTMLTextAreaElement>(el, '#text').focus();
      await sendKeys({ type: 'Longer opening hours' });
      await send(el);
      await sent(el);
      for (const button of el.shadowRoot!.querySelectorAll('.done button')) expect(outline(button)).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('languages', () => {
    it('has every string in de, fr, es, ja and ar', async () => {
      // counted keys (`waiting.one`, `waiting.other`, …) have the forms each language's plural rules use
      // every key: the first paint's and those that load with the sending machinery
      const english = { ...strings.en, ...outcomeStrings, ...dialogStrings };
      const counted = Object.keys(english)
        .filter((k) => k.endsWith('.other'))
        .map((k) => k.slice(0, -'.other'.length));
      const isForm = (k: string) => counted.includes(k.slice(0, k.lastIndexOf('.')));
      for (const [lang, load] of Object.entries(loaders)) {
        const table = (await load()).default as Record<string, string>;
        const plain = (keys: string[]) => keys.filter((k) => !isForm(k)).sort();
        expect(plain(Object.keys(table)), lang).to.deep.equal(plain(Object.keys(english)));
        const rules = new Intl.PluralRules(lang);
        const used = new Set(Array.from({ length: 200 }, (_, n) => rules.select(n)));
        for (const key of counted) for (const form of used) expect(table[`${key}.${form}`], `${lang} ${key}.${form}`).to.be.a('string');
      }
    });

    it('speaks the page language', async () => {
      document.documentElement.lang = 'de';
      const el = await mount(new MemoryAdapter());
      await waitUntil(() => text(el).includes('Beschwerde'), 'German not shown');
      expect($(el, 'legend').textContent).to.equal('Was möchten Sie uns sagen?');
      await send(el);
      expect($(el, '#text-error').textContent).to.equal('Sagen Sie es uns in Ihren eigenen Worten.');
    });

    it('lets the page replace any string', async () => {
      const el = await mount(new MemoryAdapter());
      el.strings = { submit: 'Tell the café', 'text.required': 'A few words, please.' };
      await send(el);
      expect($(el, '[type=submit]').textContent!.trim()).to.equal('Tell the café');
      expect($(el, '#text-error').textContent).to.equal('A few words, please.');
    });

    it('lays out Arabic right to left', async () => {
      const el = await mount(new MemoryAdapter(), { attrs: 'lang="ar"' });
      await waitUntil(() => text(el).includes('شكوى'), 'Arabic not shown');
      expect($(el, '[part=base]').getAttribute('dir')).to.equal('rtl');
      const kinds = [...el.shadowRoot!.querySelectorAll('[part=kind]')].map((k) => k.getBoundingClientRect().left);
      expect(kinds[0]).to.be.greaterThan(kinds[1], 'the first kind is on the right');
      await expect(el).to.be.accessible();
    });
  });
});
