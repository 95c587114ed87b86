// The words the elements use (issue 17): plural rules in six languages, mixed kinds, the wall's pause, the form's
// length warning, and a feed without its heading.
// Real Chromium.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import type { VocCloud } from '@voc-kit/cloud';
import type { VocStatusFeed } from '@voc-kit/status-feed';
import type { VocFeedbackForm } from '@voc-kit/feedback-form';
import { data, page, rgba } from './host-helpers.js';

describe('counted strings', function () {
  this.timeout(30_000);
  // independent of the tables: what a reader of each language expects to see for 0, 1, 2 and 5 followers
  const expected: Record<string, [string, string, string, string]> = {
    en: ['0 people follow this', '1 person follows this', '2 people follow this', '5 people follow this'],
    de: ['0 Personen folgen', '1 Person folgt', '2 Personen folgen', '5 Personen folgen'],
    fr: ['0 personne suit ce sujet', '1 personne suit ce sujet', '2 personnes suivent ce sujet', '5 personnes suivent ce sujet'],
    es: ['0 personas siguen este tema', '1 persona sigue este tema', '2 personas siguen este tema', '5 personas siguen este tema'],
    ja: ['0 人がフォロー中', '1 人がフォロー中', '2 人がフォロー中', '5 人がフォロー中'],
    ar: ['لا أحد يتابع هذا بعد', 'شخص واحد يتابع هذا', 'شخصان يتابعان هذا', `${new Intl.NumberFormat('ar').format(5)} أشخاص يتابعون هذا`],
  };

  for (const [lang, forms] of Object.entries(expected))
    it(`follow the plural rules of ${lang} for 0, 1, 2 and 5`, async () => {
      const a = new MemoryAdapter({ site: `plural-${randomToken(6)}` });
      for (const n of [0, 1, 2, 5]) {
        a.createTopic(`t${n}`, `Topic ${n}`);
        for (let i = 0; i < n; i++) await a.meToo(`t${n}`, { key: randomToken() });
      }
      const feed = await fixture<VocStatusFeed>(html`<voc-status-feed lang=${lang} .adapter=${a}></voc-status-feed>`);
      const count = (n: number) =>
        feed.shadowRoot!.querySelector(`[data-key="t:t${n}"]`)?.querySelector('.followers')?.textContent?.trim() ?? '';
      await waitUntil(
        () => [0, 1, 2, 5].every((n) => count(n) === forms[[0, 1, 2, 5].indexOf(n)]),
        `${lang}: ${[0, 1, 2, 5].map(count).join(' | ')}`,
        {
          timeout: 5000,
        },
      );
    });
});

describe('the cloud’s words', function () {
  this.timeout(30_000);
  it('reads and colours a tie between kinds as mixed', async () => {
    const p = await page();
    const checkout = [...p.cloud.shadowRoot!.querySelectorAll<HTMLElement>('.cloud button.term')].find(
      (b) => b.textContent!.trim() === 'checkout',
    )!;
    expect(checkout.closest('li')!.dataset.kind).to.equal('mixed');
    expect(checkout.getAttribute('aria-label')).to.equal('checkout: 2 mentions, mixed');
    const late = [...p.cloud.shadowRoot!.querySelectorAll<HTMLElement>('.cloud button.term')].find(
      (b) => b.textContent!.trim() === 'late delivery',
    )!;
    expect(late.getAttribute('aria-label')).to.equal('late delivery: 2 mentions, mostly Complaints');
    const mixed = rgba(getComputedStyle(checkout).color);
    const complaint = rgba(getComputedStyle(late).color);
    expect(mixed).not.to.deep.equal(complaint);
    expect(p.cloud.shadowRoot!.querySelector('.legend [data-kind="mixed"]')!.textContent!.trim()).to.equal('Mixed');
  });

  it('lets a person pause the wall’s rotating quotes, except on a kiosk', async () => {
    const a = await data();
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = '<voc-cloud wall quote-interval="0.1"></voc-cloud>';
    const wall = holder.firstElementChild as VocCloud;
    wall.adapter = a;
    const quote = () => wall.shadowRoot!.querySelector('[part~="wall-quote"] blockquote')?.textContent ?? '';
    await waitUntil(() => quote(), 'no wall quote', { timeout: 5000 });
    const seen = new Set<string>();
    await waitUntil(() => seen.add(quote()).size > 1, 'the quotes do not rotate', { timeout: 5000 });
    const pause = wall.shadowRoot!.querySelector<HTMLButtonElement>('[part~="pause"]')!;
    expect(pause.textContent!.trim()).to.equal('Pause quotes');
    pause.focus();
    await sendKeys({ press: 'Enter' });
    await wall.updateComplete;
    expect(pause.getAttribute('aria-pressed')).to.equal('true');
    const still = quote();
    // ten intervals later the same quote is there
    await new Promise((r) => setTimeout(r, 1000));
    expect(quote()).to.equal(still);
    expect(pause.textContent!.trim()).to.equal('Play quotes');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => quote() !== still, 'the quotes do not rotate again', { timeout: 5000 });

    wall.kiosk = true;
    await wall.updateComplete;
    expect(wall.shadowRoot!.querySelector('[part~="pause"]') === null).to.equal(true);
    wall.remove();
  });
});

describe('the form’s length warning', () => {
  it('politely says how much room is left as the text nears its limit, and how much is too much past it', async () => {
    const form = await fixture<VocFeedbackForm>(html`<voc-feedback-form .adapter=${new MemoryAdapter()}></voc-feedback-form>`);
    const area = form.shadowRoot!.querySelector('textarea')!;
    const warning = form.shadowRoot!.querySelector('#count ~ [aria-live]')!;
    expect(warning.getAttribute('aria-live')).to.equal('polite');
    const type = async (text: string) => {
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
      await form.updateComplete;
      return warning.textContent!.trim();
    };
    expect(await type('a'.repeat(3000))).to.equal('');
    expect(await type('a'.repeat(3850))).to.equal('At most 200 characters left');
    expect(await type('a'.repeat(3999))).to.equal('At most 10 characters left');
    expect(await type('a'.repeat(4001))).to.equal('1 character too many');
    expect(await type('a'.repeat(4006))).to.equal('6 characters too many');
  });
});

describe('<voc-status-feed no-heading>', () => {
  it('leaves out the heading and the landmark it named', async () => {
    const feed = await fixture<VocStatusFeed>(html`<voc-status-feed no-heading .adapter=${await data()}></voc-status-feed>`);
    await feed.updateComplete;
    const section = feed.shadowRoot!.querySelector('section')!;
    expect(feed.shadowRoot!.querySelector('#feed-heading') === null).to.equal(true);
    expect(feed.shadowRoot!.textContent).not.to.contain('We heard you');
    expect(section.hasAttribute('aria-label') || section.hasAttribute('aria-labelledby')).to.equal(false);
    await expect(feed).to.be.accessible();
  });
});
