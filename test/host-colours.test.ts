// The elements as guests on someone else's page (issue 17): they follow the page's colour scheme, and every text
// they show reads at 4.5:1 against what is behind it, computed from the resolved styles.
// Real Chromium; the OS preferences are emulated through the DevTools protocol (the `voc-media` test command).
import { expect } from '@open-wc/testing';
import { backdrop, contrast, luminance, lowContrast, media, page, panelColour, rgba, texts } from './host-helpers.js';

describe('the elements on a host page: colour scheme and contrast', function () {
  this.timeout(60_000);
  afterEach(() => media({}));

  it('are accessible, and every text reads at 4.5:1, on a light page in the light', async () => {
    const p = await page();
    for (const el of [p.form, p.cloud, p.feed]) await expect(el).to.be.accessible();
    expect(lowContrast(p.root)).to.deep.equal([]);
  });

  it('stay light on a page that declares no colour scheme while the OS is dark, every text at 4.5:1', async () => {
    await media({ 'prefers-color-scheme': 'dark' });
    const p = await page();
    expect(panelColour(p)).to.deep.equal([255, 255, 255, 1]);
    expect(texts(p.root).length).to.be.greaterThan(30);
    expect(lowContrast(p.root)).to.deep.equal([]);
    for (const el of [p.form, p.cloud, p.feed]) await expect(el).to.be.accessible();
  });

  it('follow a page that declares light and dark, and theme="auto" follows the OS on a light page', async () => {
    await media({ 'prefers-color-scheme': 'dark' });
    const p = await page();
    p.root.style.colorScheme = 'light dark';
    p.root.style.background = 'Canvas';
    await p.form.updateComplete;
    expect(luminance(panelColour(p))).to.be.below(0.05);
    expect(lowContrast(p.root)).to.deep.equal([]);
    for (const el of [p.form, p.cloud, p.feed]) await expect(el).to.be.accessible();

    // theme="light" forces light inside the dark page; text stays readable on the element's own surface
    p.form.setAttribute('theme', 'light');
    expect(panelColour(p)).to.deep.equal([255, 255, 255, 1]);

    p.root.style.colorScheme = p.root.style.background = '';
    p.form.setAttribute('theme', 'auto');
    expect(luminance(panelColour(p))).to.be.below(0.05);
    await media({ 'prefers-color-scheme': 'light' });
    expect(panelColour(p)).to.deep.equal([255, 255, 255, 1]);
  });

  it('read at 4.5:1 in Arabic, right to left, with the OS dark', async () => {
    await media({ 'prefers-color-scheme': 'dark' });
    const p = await page({ lang: 'ar' });
    expect(getComputedStyle(p.form.shadowRoot!.querySelector('.panel')!).direction).to.equal('rtl');
    expect(lowContrast(p.root)).to.deep.equal([]);
    for (const el of [p.form, p.cloud, p.feed]) await expect(el).to.be.accessible();
  });

  it('read at 4.5:1 in the themed example’s brand, with the OS dark', async () => {
    await media({ 'prefers-color-scheme': 'dark' });
    const sheets = await Promise.all(['/examples/demo.css', '/examples/themed/brand.css'].map((u) => fetch(u).then((r) => r.text())));
    const style = document.createElement('style');
    style.textContent = sheets.join('\n');
    document.head.append(style);
    try {
      const p = await page({ lang: 'de' });
      // the brand's surface, not the OS's dark
      expect(panelColour(p).slice(0, 3)).to.deep.equal([255, 250, 242]);
      expect(lowContrast(p.root)).to.deep.equal([]);
      for (const el of [p.form, p.cloud, p.feed]) await expect(el).to.be.accessible();
    } finally {
      style.remove();
    }
  });

  it('derive the text on a surface from it: a theme that sets only a dark accent or a dark surface stays legible', async () => {
    const p = await page();
    p.root.style.setProperty('--voc-color-accent', '#ffd60a'); // a light accent: its text must turn dark
    p.root.style.setProperty('--voc-color-surface', '#202020'); // a dark surface on a light page
    await p.form.updateComplete;
    const send = p.form.shadowRoot!.querySelector('button[type=submit]')!;
    const back = backdrop(send);
    expect(contrast(rgba(getComputedStyle(send).color), back)).to.be.at.least(4.5);
    const legend = p.form.shadowRoot!.querySelector('legend')!;
    expect(contrast(rgba(getComputedStyle(legend).color), backdrop(legend))).to.be.at.least(4.5);
  });
});
