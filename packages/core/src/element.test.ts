import { expect, fixture, html } from '@open-wc/testing';
import { css, html as litHtml } from 'lit';
import { VocElement } from './element.js';
import { Localizer } from './i18n.js';
import { base } from './tokens.js';

const table = {
  en: { hello: 'Hello {name}', send: 'Send' },
  de: { hello: 'Hallo {name}' },
  ar: { hello: 'مرحبا {name}', send: 'إرسال' },
};

class TestGreeter extends VocElement {
  static override styles = [
    base,
    css`
      p {
        color: var(--_voc-text);
      }
    `,
  ];
  i18n = new Localizer(this, table);
  override render() {
    return litHtml`<p dir=${this.i18n.dir}>${this.i18n.t('hello', { name: 'Ana' })}</p><button>${this.i18n.t('send')}</button>`;
  }
}
TestGreeter.define('test-greeter');

describe('VocElement', () => {
  it('is accessible', async () => {
    const el = await fixture(html`<test-greeter></test-greeter>`);
    await expect(el).to.be.accessible();
  });

  it('define() tolerates a second copy of the library registering the same tag', () => {
    class SecondCopy extends VocElement {}
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(() => SecondCopy.define('test-greeter')).not.to.throw();
      expect(() => TestGreeter.define('test-greeter')).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('test-greeter')).to.equal(TestGreeter);
    expect(warnings.length).to.equal(1);
  });

  it('emits bubbling, composed events that a listener can cancel', async () => {
    const wrapper = await fixture(html`<div><test-greeter></test-greeter></div>`);
    const el = wrapper.querySelector('test-greeter') as TestGreeter;
    let seen: CustomEvent<{ n: number }> | undefined;
    wrapper.addEventListener('voc-test', (e) => {
      seen = e as CustomEvent<{ n: number }>;
      e.preventDefault();
    });
    expect(el.emit('voc-test', { n: 1 }, { cancelable: true })).to.equal(false);
    expect(seen!.detail.n).to.equal(1);
    expect(seen!.composed).to.equal(true);
    expect(el.emit('voc-test', { n: 2 })).to.equal(true);
  });
});

describe('Localizer', () => {
  afterEach(() => document.documentElement.setAttribute('lang', 'en'));

  it('speaks the page language and follows a change of <html lang>', async () => {
    document.documentElement.setAttribute('lang', 'de-AT');
    const el = await fixture<TestGreeter>(html`<test-greeter></test-greeter>`);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Hallo Ana');
    // missing German string falls back to English
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Send');
    document.documentElement.setAttribute('lang', 'ar');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    const p = el.shadowRoot!.querySelector('p')!;
    expect(p.textContent).to.equal('مرحبا Ana');
    expect(p.getAttribute('dir')).to.equal('rtl');
  });

  it('prefers the element’s own lang, and the strings property over every table', async () => {
    const el = await fixture<TestGreeter>(html`<test-greeter lang="de"></test-greeter>`);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Hallo Ana');
    el.strings = { send: 'Abschicken' };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent).to.equal('Abschicken');
  });

  it('takes a language from an ancestor, and new languages at run time', async () => {
    const wrapper = await fixture(html`<div lang="fr"><test-greeter></test-greeter></div>`);
    const el = wrapper.querySelector('test-greeter') as TestGreeter;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Hello Ana');
    el.i18n.add('fr', { hello: 'Bonjour {name}' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Bonjour Ana');
    expect(el.i18n.number(1234.5)).to.equal('1\u202f234,5');
  });
});

describe('tokens', () => {
  it('switches colours with the theme attribute and takes the page’s --voc-* values', async () => {
    const el = await fixture<TestGreeter>(html`<test-greeter theme="light"></test-greeter>`);
    const text = () => getComputedStyle(el.shadowRoot!.querySelector('p')!).color;
    // the text is derived from the surface: dark on the light one, light on the dark one
    expect(text()).to.equal('oklch(0.22 0 0)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(text()).to.equal('oklch(0.96 0 0)');
    for (const name of ['--voc-color-on-surface', '--voc-color-text']) {
      document.documentElement.style.setProperty(name, 'rgb(1, 2, 3)');
      try {
        expect(text(), name).to.equal('rgb(1, 2, 3)');
      } finally {
        document.documentElement.style.removeProperty(name);
      }
    }
  });
});

describe('Localizer with languages loaded on demand', () => {
  const calls: string[] = [];
  const lazyTable = { en: { hello: 'Hello' } } as { en: { hello: string } } & Record<string, Partial<{ hello: string }>>;
  const loaders = {
    it: async () => (calls.push('it'), { default: { hello: 'Ciao' } }),
    nl: async () => {
      calls.push('nl');
      throw new Error('chunk failed');
    },
  };
  class LazyGreeter extends VocElement {
    i18n = new Localizer(this, lazyTable, loaders);
    override render() {
      return litHtml`<p>${this.i18n.t('hello')}</p>`;
    }
  }
  LazyGreeter.define('test-lazy-greeter');

  it('fetches a language once for every element, only when a page speaks it', async () => {
    const wrapper = await fixture(
      html`<div lang="it"><test-lazy-greeter></test-lazy-greeter><test-lazy-greeter></test-lazy-greeter></div>`,
    );
    const [a, b] = wrapper.querySelectorAll<LazyGreeter>('test-lazy-greeter');
    await a.i18n.loaded;
    await b.i18n.loaded;
    await a.updateComplete;
    await b.updateComplete;
    expect(a.shadowRoot!.querySelector('p')!.textContent).to.equal('Ciao');
    expect(b.shadowRoot!.querySelector('p')!.textContent).to.equal('Ciao');
    expect(calls).to.deep.equal(['it']);
  });

  it('keeps English when a language fails to load, without asking again on every render', async () => {
    const el = await fixture<LazyGreeter>(html`<test-lazy-greeter lang="nl"></test-lazy-greeter>`);
    await el.i18n.loaded;
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Hello');
    expect(calls.filter((c) => c === 'nl')).to.deep.equal(['nl']);
  });
});
