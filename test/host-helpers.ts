// Helpers for the host-page tests (test/host-*.test.ts): the elements as guests on someone else's page, and the
// contrast of every text they show, computed from the styles the browser resolved.
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { MemoryAdapter } from '@voc-kit/protocol/memory-adapter.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import type { Kind } from '@voc-kit/protocol/model.js';
import '@voc-kit/feedback-form/define.js';
import '@voc-kit/cloud/define.js';
import '@voc-kit/status-feed/define.js';
import type { VocCloud } from '@voc-kit/cloud';
import type { VocStatusFeed } from '@voc-kit/status-feed';
import type { VocFeedbackForm } from '@voc-kit/feedback-form';

export const media = (features: Record<string, string>) => executeServerCommand('voc-media', features);

// ——— colours, as the browser paints them ———

const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
ctx.canvas.width = ctx.canvas.height = 1;

/** Any CSS colour (oklch, color-mix, light-dark already resolved by getComputedStyle) as sRGB 0–255 and alpha. */
export function rgba(color: string): [number, number, number, number] {
  ctx.clearRect(0, 0, 1, 1);
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

export const over = (top: number[], below: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3]));

export function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The parent in the composed tree: across shadow roots to their host. */
export const up = (el: Element): Element | null => el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);

/** What is painted behind `el`: the background colours of it and its ancestors, composited over the page's canvas. */
export function backdrop(el: Element): number[] {
  const layers: number[][] = [];
  for (let node: Element | null = el; node; node = up(node)) {
    const bg = rgba(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] === 1) break;
  }
  // the canvas of a page that declares no colour scheme is white
  let colour = [255, 255, 255];
  for (const layer of layers.reverse()) colour = over(layer, colour);
  return colour;
}

/** Every element that shows text, in every shadow root under `root`, with its text. */
export function texts(root: Element): Array<{ el: Element; text: string }> {
  const found: Array<{ el: Element; text: string }> = [];
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent!.trim() && child.parentElement) {
        const el = child.parentElement;
        const box = el.getBoundingClientRect();
        // only what a person sees: rendered, not the screen-reader-only text, not an option of a closed select
        if (box.width && box.height && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
          if (!el.closest('.visually-hidden, option, style')) found.push({ el, text: child.textContent!.trim() });
      }
      if (child instanceof Element) {
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

/** Texts whose contrast with what is behind them is under 4.5:1, as "text — ratio". */
export function lowContrast(root: Element): string[] {
  return texts(root).flatMap(({ el, text }) => {
    const behind = backdrop(el);
    const ratio = contrast(over(rgba(getComputedStyle(el).color), behind), behind);
    return ratio < 4.5 ? [`${text.slice(0, 40)} — ${ratio.toFixed(2)}:1`] : [];
  });
}

// ——— the three customer elements, with data ———

const SAMPLE: Array<[Kind, string, string?]> = [
  ['complaint', 'Late delivery again', 'delivery'],
  ['complaint', 'Late delivery, no tracking', 'delivery'],
  ['compliment', 'Friendly support team'],
  ['compliment', 'Support was friendly and quick'],
  ['idea', 'Dark mode please'],
  ['idea', 'Dark mode at night'],
  // "checkout" is said once as a complaint and once as an idea: a tie
  ['complaint', 'Checkout broken'],
  ['idea', 'Checkout simpler'],
];

export async function data(): Promise<MemoryAdapter> {
  const a = new MemoryAdapter({ site: `host-${randomToken(6)}` });
  for (const [kind, text, topic] of SAMPLE) await a.submit({ kind, text, ...(topic && { topic }) }, randomToken());
  a.createTopic('delivery', 'Delivery');
  a.setTopicStatus('delivery', 'planned', 'New courier from May.');
  a.createTopic('checkout-outage', 'Checkout outage', 'investigating');
  a.announce('Opening hours', 'From Monday we also answer on Saturdays.');
  return a;
}

export interface Page {
  root: HTMLElement;
  form: VocFeedbackForm;
  cloud: VocCloud;
  feed: VocStatusFeed;
}

/** A host page: the three elements in a white `<main>` that declares nothing about colour schemes. */
export async function page(attrs: { lang?: string; theme?: string } = {}): Promise<Page> {
  const a = await data();
  const root = await fixture<HTMLElement>(
    html`<main lang=${attrs.lang ?? 'en'} style="width: 640px">
      <voc-feedback-form theme=${attrs.theme ?? ''} .adapter=${a}></voc-feedback-form>
      <voc-cloud theme=${attrs.theme ?? ''} .adapter=${a}></voc-cloud>
      <voc-status-feed theme=${attrs.theme ?? ''} .adapter=${a}></voc-status-feed>
    </main>`,
  );
  for (const el of root.children) if (!attrs.theme) el.removeAttribute('theme');
  const [form, cloud, feed] = [...root.children] as [VocFeedbackForm, VocCloud, VocStatusFeed];
  await waitUntil(() => cloud.shadowRoot!.querySelectorAll('.cloud button.term').length >= 4, 'the cloud shows no terms', {
    timeout: 5000,
  });
  await waitUntil(() => feed.shadowRoot!.querySelectorAll('[part~="item"]').length >= 2, 'the feed shows no items', { timeout: 5000 });
  // translated strings load on demand
  if (attrs.lang && attrs.lang !== 'en')
    await waitUntil(
      () =>
        !/Send feedback|What customers say|We heard you/.test(
          texts(root)
            .map((t) => t.text)
            .join(' '),
        ),
      'not translated',
    );
  await Promise.all([form, cloud, feed].map((el) => el.updateComplete));
  // new terms fade in: measure them when they are there
  await Promise.all(cloud.shadowRoot!.getAnimations().map((x) => x.finished));
  return { root, form, cloud, feed };
}

/** The background of the form's panel. */
export const panelColour = (p: Page) => rgba(getComputedStyle(p.form.shadowRoot!.querySelector('.panel')!).backgroundColor);
