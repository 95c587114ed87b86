// The elements in forced colours and under a hostile page stylesheet (issue 17).
// Real Chromium; the OS preferences are emulated through the DevTools protocol (the `voc-media` test command).
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { lowContrast, media, page, texts } from './host-helpers.js';

describe('the elements on a host page, in forced colours and under hostile CSS', function () {
  this.timeout(60_000);
  afterEach(() => media({}));

  it('keep the cloud’s kinds apart in forced colours, in the terms and in the legend', async () => {
    await media({ 'forced-colors': 'active' });
    const p = await page();
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const root = p.cloud.shadowRoot!;
    const cue = (el: Element) => {
      const s = getComputedStyle(el);
      return `${s.textDecorationLine} ${s.textDecorationStyle}`;
    };
    const byKind = new Map<string, Set<string>>();
    for (const li of root.querySelectorAll('.cloud li[data-kind]')) {
      const kind = li.getAttribute('data-kind')!;
      if (!byKind.has(kind)) byKind.set(kind, new Set());
      byKind.get(kind)!.add(cue(li.querySelector('.term')!));
    }
    expect([...byKind.keys()]).to.include.members(['compliment', 'idea', 'complaint', 'mixed']);
    // one cue per kind, and no two kinds share one
    for (const cues of byKind.values()) expect(cues.size).to.equal(1);
    const cues = [...byKind.values()].map((s) => [...s][0]);
    expect(new Set(cues).size).to.equal(cues.length);
    // the legend shows each kind with the same cue as its terms
    for (const [kind, termCues] of byKind)
      expect(cue(root.querySelector(`.legend [data-kind="${kind}"] .name`)!), kind).to.equal([...termCues][0]);
    // focus stays visible in forced colours
    const first = root.querySelector<HTMLElement>('.cloud button.term[tabindex="0"]')!;
    first.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(getComputedStyle(root.activeElement!).outlineStyle).to.equal('solid');
    for (const el of [p.form, p.cloud, p.feed]) await expect(el).to.be.accessible();
  });

  it('keep their controls in the panel and their colours under a hostile page stylesheet', async () => {
    const hostile = document.createElement('style');
    hostile.textContent = '* { color: #0f0; line-height: 3; box-sizing: content-box !important; font-family: cursive; }';
    document.head.append(hostile);
    try {
      const p = await page();
      const form = p.form.shadowRoot!;
      // the panel's content box: a control that grows by its padding and border (content-box sizing) leaves it
      const el = form.querySelector('.panel')!;
      const outer = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const panel = {
        left: outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft) - 0.5,
        right: outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight) + 0.5,
      };
      // every control a person sees (the honeypot for bots sits in an aria-hidden, visually hidden box)
      const controls = [...form.querySelectorAll('textarea, input, select, button')].filter(
        (c) => c.getBoundingClientRect().width && !c.closest('[aria-hidden="true"]'),
      );
      expect(controls.length).to.be.at.least(4);
      for (const c of controls) {
        const box = c.getBoundingClientRect();
        expect(box.left, c.outerHTML.slice(0, 40)).to.be.at.least(panel.left);
        expect(box.right, c.outerHTML.slice(0, 40)).to.be.at.most(panel.right);
      }
      // nothing inside any element took the page's green, and everything still reads at 4.5:1
      const green = texts(p.root).filter(({ el }) => getComputedStyle(el).color === 'rgb(0, 255, 0)' && el.getRootNode() !== document);
      expect(green.map((g) => g.text)).to.deep.equal([]);
      expect(lowContrast(p.root).filter((t) => !/^</.test(t))).to.deep.equal([]);
      expect(getComputedStyle(form.querySelector('legend')!).lineHeight).not.to.equal(`${3 * 16}px`);
    } finally {
      hostile.remove();
    }
  });
});
