// The terms of <voc-cloud>: the legend, the positioned list, each term's name, colour and place, and moving between
// terms with the arrow keys (one tab stop for the whole cloud).
import { html, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { KINDS, type CloudTerm } from '@voc-kit/core';
import { dominantKind, type Host, type TermKind } from './cloud.js';
import { cssProps } from './css-props.js';
import type { PlacedWord } from './layout/layout.js';
import type { CloudSizing } from './sizing.js';
import { spacingProps } from './text-metrics.js';

/** What the list of terms shows besides the terms. */
export interface TermsView {
  sizing: CloudSizing;
  /** Terms that just arrived live, to fade in. */
  fresh: ReadonlySet<string>;
  /** The term with the cloud's tab stop. */
  focus: number;
  onKeydown(event: KeyboardEvent): void;
}

/** The name a screen reader hears: the term, its mentions and the kind most of them are. */
function label(h: Host, term: CloudTerm): string {
  const kind = dominantKind(term.counts);
  const mentions = h.i18n.plural('mentions', term.total);
  return kind === 'mixed'
    ? h.i18n.t('termMixed', { term: term.term, mentions })
    : h.i18n.t('termLabel', { term: term.term, mentions, kind: h.i18n.t(`kinds.${kind}`) });
}

/** With `color-mode="mix"`, a term of several kinds takes a colour between the kinds', by share. */
function color(h: Host, term: CloudTerm): Record<string, string> {
  const { compliment, idea, complaint } = term.counts;
  // a term of one kind keeps that kind's colour
  if (h.colorMode !== 'mix' || Math.max(compliment, idea, complaint) === term.total) return {};
  const a = Math.round((compliment / term.total) * 100);
  const rest = idea + complaint;
  const b = rest ? Math.round((idea / rest) * 100) : 50;
  return {
    color: `color-mix(in oklab, var(--_voc-compliment) ${a}%, color-mix(in oklab, var(--_voc-idea) ${b}%, var(--_voc-complaint)))`,
  };
}

export function renderLegend(h: Host): TemplateResult {
  const kinds: TermKind[] = h.kinds?.length ? KINDS.filter((k) => h.kinds!.includes(k)) : [...KINDS];
  // ties exist with two kinds or more; a mix colours terms between the kinds'
  if (kinds.length > 1 && (h.colorMode === 'mix' || h.terms.some((t) => dominantKind(t.counts) === 'mixed'))) kinds.push('mixed');
  // each entry shows the kind's colour and, on its name, the kind's line under terms: kinds read without colour
  return html`<ul class="legend" part="legend" aria-label=${h.i18n.t('legend')}>
    ${kinds.map(
      (k) =>
        html`<li data-kind=${k}><span class="swatch" aria-hidden="true"></span><span class="name">${h.i18n.t(`kinds.${k}`)}</span></li>`,
    )}
  </ul>`;
}

export function renderCloud(h: Host, v: TermsView): TemplateResult {
  const { width, height } = v.sizing.box;
  const visible = h.terms.filter((t) => h.placed.has(t.term));
  if (v.focus >= visible.length) v.focus = 0;
  const { selected, colorMode } = h;
  const focus = v.focus;
  const lang = h.i18n.language;
  // A live update changes one or two terms: the others are not rendered again. Terms go in blocks of 32, each
  // rendered again only when one of its terms (or what every term shows) changed, so an update's work does not
  // grow with the size of the cloud.
  const items: unknown[] = [];
  for (let from = 0; from < visible.length; from += 32) {
    const block = visible.slice(from, from + 32);
    const places = block.map((t) => h.placed.get(t.term)!);
    items.push(
      guard([selected, focus, colorMode, lang, ...block, ...places], () =>
        block.map((t, k) => {
          const i = from + k;
          const p = places[k];
          const deps = [t, p, selected === t.term, i === focus, v.fresh.has(t.term), colorMode, lang];
          return guard(deps, () => renderTerm(h, v, t, p, i === focus, width, height));
        }),
      ),
    );
  }
  const name = h.i18n.t('label');
  const spacing = cssProps(spacingProps(v.sizing.spacing));
  // Live, terms only ever join at the end, so each keeps its element. A new full layout (filters, shape) gets
  // fresh elements, so nothing flies across the cloud: the two templates are the same list, and a layout of the
  // other parity switches template, for which Lit builds new elements (what keyed() does, without its code). The
  // two differ in their attributes' order only: the same text would be one template once minified (terser merges
  // the two branches), and the bundle's cloud would keep its elements across layouts.
  return v.sizing.generation % 2
    ? html`<ul class="cloud" part="cloud" aria-label=${name} @keydown=${v.onKeydown} ${spacing}>
        ${items}
      </ul>`
    : html`<ul part="cloud" class="cloud" aria-label=${name} @keydown=${v.onKeydown} ${spacing}>
        ${items}
      </ul>`;
}

function renderTerm(h: Host, v: TermsView, t: CloudTerm, p: PlacedWord, focused: boolean, width: number, height: number): TemplateResult {
  const style = {
    left: `${((p.x + p.width / 2) / width) * 100}%`,
    top: `${((p.y + p.height / 2) / height) * 100}%`,
    'font-size': `${(p.fontSize / width) * 100}cqw`,
    '--_dy': `${v.sizing.shift(t.term)}em`,
    ...color(h, t),
  };
  return html`<li
    class="${v.fresh.has(t.term) ? 'new' : ''} ${p.rotate === 90 ? 'up' : ''}"
    data-kind=${dominantKind(t.counts)}
    ${cssProps(style)}
  >
    ${h.termButton(t, focused ? 0 : -1, label(h, t))}
  </li>`;
}

/**
 * The term an arrow key (forwards in the language's direction, or down), Home or End moves to from `current`, of
 * `count`; undefined for other keys.
 */
export function nextTerm(key: string, current: number, count: number, rtl: boolean): number | undefined {
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward || key === 'ArrowDown') return Math.min(current + 1, count - 1);
  if (key === back || key === 'ArrowUp') return Math.max(current - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}
