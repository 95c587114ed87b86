import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import {
  KINDS,
  Localizer,
  SubViewController,
  SubViews,
  VocElement,
  errorDetail,
  base,
  type VocErrorDetail,
  type CloudTerm,
  type Kind,
  type LiveEvent,
  type Quote,
  type Since,
  type Topic,
  type Unsubscribe,
  type VocAdapter,
} from '@voc-kit/core';
import { LIMITS, clampLimit } from '@voc-kit/protocol/limits.js';
import { foldedInto, mergePhrases } from '@voc-kit/protocol/text/phrases.js';
import { styles } from './cloud.styles.js';
import { cssProps } from './css-props.js';
import { CloudLayout, type PlacedWord, type TextExtents } from './layout/layout.js';
import { loaders, strings, type CloudStrings } from './strings.js';
import { measureSpaced, spacingProps, watchTextMetrics, type Spacing } from './text-metrics.js';

/** Parts a first render does not need, each loaded the first time it is used (shared by every cloud on the page). */
const views = new SubViews(
  {
    quotes: () => import('./quotes.js'),
    table: () => import('./table.js'),
    wall: () => import('./wall.js'),
  },
  strings.en,
);

/** Detail of `voc-term-select`. */
export interface TermSelectDetail {
  term: CloudTerm;
}

/**
 * `<voc-cloud>` as its lazy parts (quotes panel, table, wall quotes) see it: its public members, and the state
 * they read and write, which is private to everyone else.
 */
export type Host = Omit<VocCloud, never> & {
  status: 'loading' | 'ready' | 'error';
  terms: CloudTerm[];
  selected?: string;
  quotes?: Quote[];
  quotesFailed: boolean;
  quoteTopic?: Topic;
  wallPaused: boolean;
};

/** Detail of `voc-error`: the one shape every element fires (`VocErrorDetail` in core). */
export type CloudErrorDetail = VocErrorDetail;

/** What a term is mostly about: a kind, or `mixed` when two or three kinds tie for the most mentions. */
export type TermKind = Kind | 'mixed';

const kindsConverter = {
  fromAttribute: (value: string | null): Kind[] | undefined =>
    value ? (value.split(/[\s,]+/).filter((k) => (KINDS as readonly string[]).includes(k)) as Kind[]) : undefined,
};

/** The kind most of a term's mentions are; `mixed` when the most frequent kinds tie. */
export function dominantKind(counts: Record<Kind, number>): TermKind {
  const most = Math.max(...KINDS.map((k) => counts[k]));
  const top = KINDS.filter((k) => counts[k] === most);
  return top.length === 1 ? top[0] : 'mixed';
}

const TERM_WEIGHT = 600;
const LINE_HEIGHT = 1.15;
/** Smallest term in CSS px, anywhere and on the wall (read across a room). */
const MIN_FONT = 12;
const MIN_WALL_FONT = 18;
/** Share by which the container's aspect ratio must change before the cloud is laid out again. */
const ASPECT_CHANGE = 0.12;

/**
 * Live cloud of the terms and phrases customers use, sized by frequency and coloured by kind. Choosing a
 * term opens the real quotes behind it and the status of its topic. A list view shows the same data as a
 * table. In `wall` mode it fills the screen with large type and slowly rotating quotes.
 *
 * @tagname voc-cloud
 * @csspart cloud - the list that holds the positioned terms
 * @csspart term - one term (a button) in the cloud or the table
 * @csspart legend - the colour legend
 * @csspart toggle - the button that switches between cloud and list
 * @csspart table - the list view's table
 * @csspart quotes - the panel with the quotes behind the chosen term
 * @csspart wall-quote - the rotating quote in wall mode
 * @csspart pause - the wall's pause / play button for its rotating quotes (not in `kiosk` mode)
 * @cssprop --voc-cloud-gap - space between the parts (default `--voc-space`)
 * @cssprop --voc-cloud-aspect - width / height of the cloud area (default `3 / 2`)
 * @cssprop --voc-cloud-background - background (default `--voc-color-surface`)
 * @cssprop --voc-cloud-term-weight - font weight of terms (default 600)
 * @fires voc-term-select - a term was chosen (click or Enter); detail: `{ term }`; cancelable: `preventDefault()` keeps
 *   the quotes panel closed
 * @fires voc-error - the cloud, a lazy part or the quotes could not be loaded; detail: `VocErrorDetail`
 *   (`{ code, message, action, error }`, `action` is `load`, `quotes`, `wall` or `part`)
 */
export class VocCloud extends VocElement {
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    kinds: { converter: kindsConverter },
    since: {},
    topic: {},
    maxTerms: { type: Number, attribute: 'max-terms' },
    wall: { type: Boolean, reflect: true },
    kiosk: { type: Boolean },
    view: { reflect: true },
    colorMode: { attribute: 'color-mode' },
    seed: { type: Number },
    rotate: { type: Number },
    quoteInterval: { type: Number, attribute: 'quote-interval' },
    status: { state: true, attribute: false },
    terms: { state: true, attribute: false },
    placed: { state: true, attribute: false },
    selected: { state: true, attribute: false },
    quotes: { state: true, attribute: false },
    quotesFailed: { state: true, attribute: false },
    quoteTopic: { state: true, attribute: false },
    online: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
    wallPaused: { state: true, attribute: false },
  };

  /** Kinds to show, e.g. `complaint` or `compliment idea`; all when unset. */
  kinds?: Kind[];

  /** Period: `7d`, `30d`, `90d`, `365d` or `all`. */
  since: Since = '30d';

  /** Only feedback about this topic (slug). */
  topic?: string;

  /** At most this many terms, most frequent first: 1–1000 (`LIMITS.cloud`); other values are clamped. */
  maxTerms: number = LIMITS.cloud.shown;

  /** Full-screen office-wall mode: large type, rotating quotes, no interaction needed. */
  wall = false;

  /** With `wall`, an unattended screen: no pause button for the rotating quotes (else one is shown, WCAG 2.2.2). */
  kiosk = false;

  /** `cloud`, or `list` for the table with the same data. */
  view: 'cloud' | 'list' = 'cloud';

  /** `dominant`: a term takes the colour of its most frequent kind; `mix`: colours blend by share. */
  colorMode: 'dominant' | 'mix' = 'dominant';

  /** Layout seed: the same seed and data give the same cloud. */
  seed = 1;

  /** Share of terms written upwards, 0 to 1 (default 0: all horizontal). */
  rotate = 0;

  /** Seconds each quote stays in wall mode. */
  quoteInterval = 12;

  private status: 'loading' | 'ready' | 'error' = 'loading';
  /** Terms shown, in the order they entered the cloud (most frequent first at load). */
  private terms: CloudTerm[] = [];
  private placed = new Map<string, PlacedWord>();
  /** The chosen term, whose quotes are open. */
  private selected?: string;
  protected quotes?: Quote[];
  private quotesFailed = false;
  private quoteTopic?: Topic;
  private online = true;
  private announcement = '';
  /** The wall's quotes stand still (the person pressed pause). */
  protected wallPaused = false;

  /** @internal */
  readonly i18n = new Localizer<CloudStrings>(this, strings, loaders);
  #focusIndex = 0;
  /** Terms that just arrived live, to fade in. */
  #fresh = new Set<string>();
  /** Every known term's counts, also phrases not yet frequent enough to show. */
  #counts = new Map<string, CloudTerm>();
  /** Where each shown term is in `terms`. */
  #index = new Map<string, number>();
  #layout?: CloudLayout;
  #box = { width: 0, height: 0 };
  #range = { lo: 1, hi: 1, min: 12, max: 64 };
  #missed = 0;
  /** Counts full layouts. */
  #generation = 0;
  #loads?: AbortController;
  #subscribedTo?: VocAdapter;
  #unsubscribe?: Unsubscribe;
  #queued: Array<{ kind: Kind; terms: string[]; delta: 1 | -1 }> = [];
  #flushTimer?: ReturnType<typeof setTimeout>;
  #announced: string[] = [];
  #announceTimer?: ReturnType<typeof setTimeout>;
  #wallTimer?: ReturnType<typeof setInterval>;
  #resizeTimer?: ReturnType<typeof setTimeout>;
  #resizer?: ResizeObserver;
  #canvas?: CanvasRenderingContext2D | null;
  #shift = new Map<string, number>();
  #font = '';
  /** Text spacing, fonts and size the layout measured with; a change lays the cloud out again. */
  #metrics = watchTextMetrics(() => void this.#relayout(this.#loads?.signal));
  /** The spacing the current layout was measured with (the terms are drawn with the same), and the next one is. */
  #spacing: Spacing = { letter: 0, word: 0 };
  #measuring: Spacing = { letter: 0, word: 0 };
  /** Counts layouts started: one overtaken by a newer one is dropped. */
  #layouts = 0;
  #hasLoaded = false;
  /** This element as the lazy parts see it. */
  readonly #host = this as unknown as Host;
  /** The lazy parts (quotes, table, wall) this cloud shows. */
  #views = new SubViewController(this, views, (error) => this.fail(error, 'part'));

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the page: everything stopped in disconnectedCallback starts again
    if (this.hasUpdated) {
      void this.reload();
      this.#observeSize();
      this.#metrics.start(this.renderRoot as ShadowRoot);
      this.#startWall();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loads?.abort();
    this.#unsubscribe?.();
    this.#unsubscribe = this.#subscribedTo = undefined;
    this.#resizer?.disconnect();
    this.#metrics.stop();
    for (const timer of [this.#flushTimer, this.#announceTimer, this.#resizeTimer]) clearTimeout(timer);
    clearInterval(this.#wallTimer);
  }

  protected override firstUpdated(): void {
    // the callback only schedules: work inside it that changes layout would loop the observer
    this.#resizer = new ResizeObserver(() => setTimeout(() => this.#onResize()));
    this.#observeSize();
    this.#metrics.start(this.renderRoot as ShadowRoot);
    void this.reload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const reloadOn = ['kinds', 'since', 'topic', 'maxTerms', 'adapter', 'endpoint', 'site'] as const;
    if (this.#hasLoaded && reloadOn.some((key) => changed.has(key))) void this.reload();
    else if (this.#hasLoaded && (changed.has('seed') || changed.has('rotate') || changed.has('wall'))) void this.#relayout();
    if (changed.has('view')) {
      this.#observeSize();
      this.#metrics.check(); // what changed while the list was shown
    }
    if (changed.has('wall') || changed.has('quoteInterval')) this.#startWall();
  }

  /** @internal Reports an error as `voc-error`. */
  fail = (error: unknown, action = 'load'): void => void this.emit('voc-error', errorDetail(error, action));

  /** Watches the cloud's box (the wrapper stays while the list inside is replaced by a new layout). */
  #observeSize(): void {
    const wrap = this.renderRoot.querySelector('.cloud-wrap');
    if (wrap) this.#resizer?.observe(wrap);
  }

  /** Loads the snapshot again and lays the cloud out from scratch (filters changed, or a retry). */
  /** `maxTerms` within its documented range. */
  get #maxTerms(): number {
    return clampLimit(this.maxTerms, { default: LIMITS.cloud.shown, max: LIMITS.cloud.max });
  }

  async reload(): Promise<void> {
    this.#loads?.abort();
    const loads = (this.#loads = new AbortController());
    this.#hasLoaded = true;
    if (this.status === 'error') this.status = 'loading';
    try {
      const adapter = await this.getAdapter();
      if (loads.signal.aborted) return;
      this.#subscribe(adapter);
      const snapshot = await adapter.cloud(
        // more than shown: words that a phrase stands for are left out below
        {
          since: this.since,
          topic: this.topic,
          limit: Math.min(Math.ceil(this.#maxTerms * 1.5) + 10, LIMITS.cloud.max),
          ...(this.kinds?.length && { kinds: this.kinds }),
        },
        { signal: loads.signal },
      );
      if (loads.signal.aborted) return;
      this.#counts = new Map(snapshot.terms.map((t) => [t.term, { ...t, counts: { ...t.counts } }]));
      // a recurring phrase stands for the words it already says ("late delivery", not also "late")
      this.terms = mergePhrases([...this.#counts.values()]).slice(0, this.#maxTerms);
      this.#index = new Map(this.terms.map((t, i) => [t.term, i]));
      this.#fresh.clear();
      this.closeQuotes(false);
      this.status = 'ready';
      await this.updateComplete;
      await this.#relayout(loads.signal);
      if (this.wall)
        void this.#views
          .need('wall')
          .then((m) => m.load(this.#host, this.getAdapter()))
          .catch((error: unknown) => this.fail(error, 'wall'));
    } catch (error) {
      if (loads.signal.aborted) return;
      this.status = 'error';
      this.fail(error);
    }
  }

  #subscribe(adapter: VocAdapter): void {
    if (this.#subscribedTo === adapter) return;
    this.#unsubscribe?.();
    this.#subscribedTo = adapter;
    this.#unsubscribe = adapter.subscribe((event) => this.#onLive(event), { onConnection: (up) => (this.online = up) });
  }

  #onLive(event: LiveEvent): void {
    if (event.type === 'topic') {
      if (this.quoteTopic?.slug === event.data.slug) this.quoteTopic = event.data;
      return;
    }
    if (event.type !== 'cloud' || this.status !== 'ready') return;
    const { kind, terms, topic, delta } = event.data;
    if (this.kinds?.length && !this.kinds.includes(kind)) return;
    if (this.topic && topic !== this.topic) return;
    // delta -1: the item was hidden, withdrawn or moved to another topic; its terms shrink or leave
    this.#queued.push({ kind, terms, delta: delta === -1 ? -1 : 1 });
    // many submissions in a burst become one update
    this.#flushTimer ??= setTimeout(() => this.flush(), 60);
  }

  /**
   * Applies queued live counts: growing terms grow in place, new ones are added, shrinking ones shrink in place and
   * those that reach zero leave; nothing else moves.
   */
  /** @internal (public for scripts/bench-cloud.mjs, which times it without the 60 ms coalescing) */
  flush(): void {
    this.#flushTimer = undefined;
    const touched = new Set<string>();
    for (const { kind, terms, delta } of this.#queued.splice(0)) {
      for (const term of terms) {
        let entry = this.#counts.get(term);
        if (!entry) {
          if (delta < 0) continue;
          this.#counts.set(term, (entry = { term, counts: { compliment: 0, idea: 0, complaint: 0 }, total: 0 }));
        }
        const before = entry.counts[kind];
        entry.counts[kind] = Math.max(0, before + delta);
        entry.total += entry.counts[kind] - before;
        touched.add(term);
      }
    }
    // kept from flush to flush (rebuilt on reload): a live update allocates little, so it rarely waits for the GC
    let shown = this.#index;
    let next = [...this.terms];
    const gone = [...touched].filter((term) => this.#counts.get(term)!.total <= 0);
    if (gone.length) {
      for (const term of gone) {
        this.#counts.delete(term);
        touched.delete(term);
        this.#layout?.remove(term);
        this.placed.delete(term);
      }
      next = next.filter((t) => !gone.includes(t.term));
      this.#index = shown = new Map(next.map((t, i) => [t.term, i]));
    }
    const added: string[] = [];
    let phrases: CloudTerm[] | undefined;
    for (const term of touched) {
      const entry = this.#counts.get(term)!;
      const at = shown.get(term);
      const copy = { ...entry, counts: { ...entry.counts } };
      if (at !== undefined) {
        next[at] = copy;
        if (term.includes(' ')) phrases = undefined;
        if (this.#layout?.get(term)) this.#layout.resize(term, this.#sizeFor(entry.total));
      } else if (
        !(term.includes(' ') && entry.total < 2) &&
        !foldedInto(term, entry.total, (phrases ??= next.filter((t) => t.term.includes(' ')))) &&
        next.length < this.#maxTerms
      ) {
        shown.set(term, next.push(copy) - 1);
        if (term.includes(' ')) phrases.push(copy);
        if (this.#layout && this.#layout.add({ id: term, text: term, size: this.#sizeFor(entry.total) })) this.#fresh.add(term);
        added.push(term);
      }
    }
    this.terms = next;
    // only the touched terms get new positions; the others keep theirs (and their objects, for guard())
    for (const term of touched) {
      const p = this.#layout?.get(term);
      if (p) this.placed.set(term, p);
    }
    if (added.length) this.#announce(added);
  }

  /** Tells screen readers about new terms, at most every few seconds. */
  #announce(terms: string[]): void {
    if (this.wall) return;
    this.#announced.push(...terms);
    this.#announceTimer ??= setTimeout(() => {
      this.#announceTimer = undefined;
      const list = this.#announced.splice(0);
      this.announcement = this.i18n.t('newTerms', { terms: list.slice(0, 5).join(', ') + (list.length > 5 ? ' …' : '') });
    }, 1500);
  }

  #sizeFor(total: number): number {
    const { lo, hi, min, max } = this.#range;
    if (hi <= lo) return (min + max) / 2;
    const share = (Math.sqrt(Math.max(total, lo)) - Math.sqrt(lo)) / (Math.sqrt(hi) - Math.sqrt(lo));
    // a term that outgrows the top of the last full layout may grow a little further, not without end
    return min + (max - min) * Math.min(share, 1.3);
  }

  /**
   * Ink extents at 100 px from a canvas, so words pack by their ink. Each term is drawn in a 1em line box; `shift`
   * keeps, per text, how far (in em) to move it so its ink is centred where the layout put its box.
   */
  #measure = (text: string): number | TextExtents => {
    if (this.#canvas === undefined) this.#canvas = document.createElement('canvas').getContext('2d');
    if (!this.#canvas) return text.length * 55;
    if (this.#canvas.font !== this.#font) this.#canvas.font = this.#font;
    const m = measureSpaced(this.#canvas, text, this.#measuring);
    if (!(m.actualBoundingBoxAscent >= 0) || !(m.fontBoundingBoxAscent > 0)) return m.width;
    const [a, d, inkA, inkD] = [m.fontBoundingBoxAscent, m.fontBoundingBoxDescent, m.actualBoundingBoxAscent, m.actualBoundingBoxDescent];
    // baseline sits (1 + a − d) / 2 em below the top of a 1em line box; move the ink's centre to the box's centre
    this.#shift.set(text, (d - a + inkA - inkD) / 200);
    return { width: m.width, ascent: inkA, descent: inkD };
  };

  /** Lays every shown term out from scratch for the cloud's current size, in slices that keep the page responsive. */
  async #relayout(signal?: AbortSignal): Promise<void> {
    const el = this.renderRoot.querySelector<HTMLElement>('.cloud');
    if (!el || this.status !== 'ready') return;
    const width = el.clientWidth;
    const height = el.clientHeight;
    if (width < 20 || height < 20) return; // not visible yet; the ResizeObserver calls again
    this.#box = { width, height };
    const family = getComputedStyle(el).fontFamily;
    const weight = getComputedStyle(this).getPropertyValue('--voc-cloud-term-weight').trim() || TERM_WEIGHT;
    const font = `${weight} 100px ${family}`;
    const { spacing, changed } = this.#metrics.snapshot(font);
    if (font !== this.#font || changed) this.#shift.clear();
    this.#font = font;
    this.#measuring = spacing;
    const started = ++this.#layouts;
    const totals = this.terms.map((t) => t.total);
    // legible everywhere: no term under 12 CSS px (18 px on the wall); a narrow box shows fewer terms instead
    const floor = this.wall ? MIN_WALL_FONT : MIN_FONT;
    this.#range = {
      lo: Math.min(...totals, 1),
      hi: Math.max(...totals, 1),
      min: Math.max(floor, height / 28),
      max: Math.max(floor * 2, height / 5.5),
    };
    const layout = new CloudLayout({
      width,
      height,
      measure: this.#measure,
      seed: this.seed,
      rotate: this.rotate,
      lineHeight: LINE_HEIGHT,
      minFontSize: Math.max(floor, height / 45),
      fill: true, // a few terms use the box, not an island in its middle
    });
    const missed = await layout.layoutAsync(
      this.terms.map((t) => ({ id: t.term, text: t.term, size: this.#sizeFor(t.total) })),
      { budget: 8, signal },
    );
    if (signal?.aborted || started !== this.#layouts) return;
    this.#spacing = spacing;
    this.#layout = layout;
    this.#generation++;
    this.#missed = missed.length;
    this.placed = new Map(layout.placed().map((w) => [w.id, w]));
  }

  #onResize(): void {
    const el = this.renderRoot.querySelector<HTMLElement>('.cloud');
    if (!el || this.status !== 'ready') return;
    const { clientWidth: w, clientHeight: h } = el;
    if (!this.#layout) {
      if (w >= 20 && h >= 20) void this.#relayout(this.#loads?.signal);
      return;
    }
    // same shape: the cloud scales with CSS (positions in %, sizes in cqw); only a new shape needs a new layout,
    // or a box so much narrower that the smallest term would drop under the legible minimum
    const before = this.#box.width / this.#box.height;
    const smallest = Math.min(...[...this.placed.values()].map((p) => p.fontSize));
    const illegible = (smallest * w) / this.#box.width < (this.wall ? MIN_WALL_FONT : MIN_FONT) - 0.5;
    if (h > 0 && (Math.abs(w / h / before - 1) > ASPECT_CHANGE || illegible)) {
      clearTimeout(this.#resizeTimer);
      this.#resizeTimer = setTimeout(() => void this.#relayout(this.#loads?.signal), 300);
    }
  }

  async #select(term: CloudTerm): Promise<void> {
    // a page that shows the term its own way calls preventDefault(): then no quotes panel opens
    if (!this.emit<TermSelectDetail>('voc-term-select', { term }, { cancelable: true })) return;
    this.selected = term.term;
    this.quotes = undefined;
    this.quotesFailed = false;
    this.quoteTopic = undefined;
    // the panel's code loads beside the quotes; until both are there the panel says it is loading
    const adapter = this.getAdapter();
    try {
      const panel = await this.#views.need('quotes');
      if (this.selected !== term.term) return;
      this.requestUpdate();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#quotes-title')?.focus();
      await panel.load(this.#host, term, adapter);
    } catch (error) {
      if (this.selected !== term.term) return;
      this.quotesFailed = true;
      this.fail(error, 'quotes');
    }
  }

  /** @internal Closes the quotes panel and gives focus back to the term. */
  closeQuotes(refocus = true): void {
    const term = this.selected;
    this.selected = undefined;
    this.quotes = undefined;
    this.quoteTopic = undefined;
    if (refocus && term !== undefined)
      void this.updateComplete.then(() => {
        for (const b of this.renderRoot.querySelectorAll<HTMLButtonElement>('button.term')) if (b.dataset.term === term) b.focus();
      });
  }

  #startWall(): void {
    clearInterval(this.#wallTimer);
    this.#wallTimer = undefined;
    if (this.wall)
      this.#views.need('wall').then(
        (m) => {
          clearInterval(this.#wallTimer);
          if (this.wall && this.isConnected) this.#wallTimer = m.start(this.#host, () => this.getAdapter());
        },
        (error: unknown) => this.fail(error, 'wall'),
      );
  }

  #onCloudKeydown(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.cloud button.term')];
    if (!buttons.length) return;
    const current = buttons.indexOf(event.target as HTMLButtonElement);
    const rtl = this.i18n.dir === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    if (event.key === forward || event.key === 'ArrowDown') next = Math.min(current + 1, buttons.length - 1);
    else if (event.key === back || event.key === 'ArrowUp') next = Math.max(current - 1, 0);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else return;
    event.preventDefault();
    this.#focusIndex = next;
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    buttons[next].focus();
  }

  #label(term: CloudTerm): string {
    const kind = dominantKind(term.counts);
    const mentions = this.i18n.plural('mentions', term.total);
    return kind === 'mixed'
      ? this.i18n.t('termMixed', { term: term.term, mentions })
      : this.i18n.t('termLabel', { term: term.term, mentions, kind: this.i18n.t(`kinds.${kind}`) });
  }

  #color(term: CloudTerm): Record<string, string> {
    const { compliment, idea, complaint } = term.counts;
    // a term of one kind keeps that kind's colour
    if (this.colorMode !== 'mix' || Math.max(compliment, idea, complaint) === term.total) return {};
    const a = Math.round((compliment / term.total) * 100);
    const rest = idea + complaint;
    const b = rest ? Math.round((idea / rest) * 100) : 50;
    return {
      color: `color-mix(in oklab, var(--_voc-compliment) ${a}%, color-mix(in oklab, var(--_voc-idea) ${b}%, var(--_voc-complaint)))`,
    };
  }

  #renderLegend(): TemplateResult {
    const kinds: TermKind[] = this.kinds?.length ? KINDS.filter((k) => this.kinds!.includes(k)) : [...KINDS];
    // ties exist with two kinds or more; a mix colours terms between the kinds'
    if (kinds.length > 1 && (this.colorMode === 'mix' || this.terms.some((t) => dominantKind(t.counts) === 'mixed'))) kinds.push('mixed');
    // each entry shows the kind's colour and, on its name, the kind's line under terms: kinds read without colour
    return html`<ul class="legend" part="legend" aria-label=${this.i18n.t('legend')}>
      ${kinds.map(
        (k) =>
          html`<li data-kind=${k} class=${k === 'mixed' ? 'mixed' : ''}>
            <span class="swatch" aria-hidden="true"></span><span class="name">${this.i18n.t(`kinds.${k}`)}</span>
          </li>`,
      )}
    </ul>`;
  }

  #renderCloud(): unknown {
    const { width, height } = this.#box;
    const visible = this.terms.filter((t) => this.placed.has(t.term));
    if (this.#focusIndex >= visible.length) this.#focusIndex = 0;
    const { selected, colorMode } = this;
    const focus = this.#focusIndex;
    const lang = this.i18n.language;
    // A live update changes one or two terms: the others are not rendered again. Terms go in blocks of 32, each
    // rendered again only when one of its terms (or what every term shows) changed, so an update's work does not
    // grow with the size of the cloud.
    const items: unknown[] = [];
    for (let from = 0; from < visible.length; from += 32) {
      const block = visible.slice(from, from + 32);
      const places = block.map((t) => this.placed.get(t.term)!);
      items.push(
        guard([selected, focus, colorMode, lang, ...block, ...places], () =>
          block.map((t, k) => {
            const i = from + k;
            const p = places[k];
            const deps = [t, p, selected === t.term, i === focus, this.#fresh.has(t.term), colorMode, lang];
            return guard(deps, () => this.#renderTerm(t, p, i, width, height));
          }),
        ),
      );
    }
    const label = this.i18n.t('label');
    // Live, terms only ever join at the end, so each keeps its element. A new full layout (filters, shape) gets
    // fresh elements, so nothing flies across the cloud: the two templates are the same list, and a layout of the
    // other parity switches template, for which Lit builds new elements (what keyed() does, without its code).
    return this.#generation % 2
      ? html`<ul class="cloud" part="cloud" aria-label=${label} @keydown=${this.#onCloudKeydown} ${cssProps(spacingProps(this.#spacing))}>
          ${items}
        </ul>`
      : html`<ul class="cloud" part="cloud" aria-label=${label} @keydown=${this.#onCloudKeydown} ${cssProps(spacingProps(this.#spacing))}>
          ${items}
        </ul>`;
  }

  #renderTerm(t: CloudTerm, p: PlacedWord, i: number, width: number, height: number): TemplateResult {
    const style = {
      left: `${((p.x + p.width / 2) / width) * 100}%`,
      top: `${((p.y + p.height / 2) / height) * 100}%`,
      'font-size': `${(p.fontSize / width) * 100}cqw`,
      '--dy': `${this.#shift.get(t.term) ?? 0}em`,
      ...this.#color(t),
    };
    return html`<li
      class="${this.#fresh.has(t.term) ? 'new' : ''} ${p.rotate === 90 ? 'up' : ''}"
      data-kind=${dominantKind(t.counts)}
      ${cssProps(style)}
    >
      ${this.termButton(t, i === this.#focusIndex ? 0 : -1, this.#label(t))}
    </li>`;
  }

  /** @internal A term as a button that opens its quotes; in the cloud also with its tab stop and full name. */
  termButton(t: CloudTerm, tabindex?: number, label?: string): TemplateResult {
    return html`<button
      class="term"
      part="term"
      type="button"
      dir="auto"
      data-term=${t.term}
      tabindex=${tabindex ?? nothing}
      aria-label=${label ?? nothing}
      aria-expanded=${this.selected === t.term ? 'true' : 'false'}
      @click=${() => this.#select(t)}
    >
      ${t.term}
    </button>`;
  }

  /** A lazy part while its code loads (or when it could not be loaded): what it is doing, in the same place. */
  #waiting(failed = false): TemplateResult {
    return failed
      ? html`<p class="state error" role="alert">${this.i18n.t('error')}</p>`
      : html`<p class="state" role="status">${this.i18n.t('loading')}</p>`;
  }

  override render(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const list = this.view === 'list' && !this.wall;
    let body: TemplateResult | typeof nothing = nothing;
    if (this.status === 'error')
      body = html`<div class="state error" role="alert">
        ${t('error')} <button class="retry" type="button" @click=${() => this.reload()}>${t('retry')}</button>
      </div>`;
    else if (this.status === 'loading') body = html`<p class="state" role="status">${t('loading')}</p>`;
    else if (this.terms.length === 0) body = html`<p class="state">${t('empty')}</p>`;
    const ready = this.status === 'ready' && this.terms.length > 0;
    const table = list && ready && this.#views.get('table');
    const quoted = this.selected === undefined ? undefined : this.#counts.get(this.selected);
    // the whole UI in the language's direction; customer text (terms, quotes) in its own (dir="auto")
    return html`<div class="root" dir=${this.i18n.dir}>
      <div class="bar">
        ${this.#renderLegend()} ${this.online ? nothing : html`<span class="live">${t('offline')}</span>`}
        ${
          this.wall
            ? nothing
            : html`<button
                class="toggle"
                part="toggle"
                type="button"
                @click=${() => {
                  this.#views.retry();
                  this.view = list ? 'cloud' : 'list';
                }}
              >
                ${list ? t('showCloud') : t('showList')}
              </button>`
        }
      </div>
      ${
        list
          ? ready
            ? table
              ? table.render(this.#host)
              : this.#waiting(this.#views.failed('table'))
            : body
          : // the cloud's box is there from the first frame, states inside it: no layout shift when data arrives
            html`<div class="cloud-wrap">
              ${this.#renderCloud()} ${body === nothing ? nothing : html`<div class="overlay">${body}</div>`}
              ${
                ready && this.#missed > 0
                  ? html`<p class="quote-meta shown">${t('shown', { shown: this.placed.size, total: this.terms.length })}</p>`
                  : nothing
              }
            </div>`
      }
      ${
        this.wall
          ? this.#views.get('wall')?.render(this.#host)
          : quoted
            ? (views.loaded.quotes?.render(this.#host, quoted) ??
              html`<section class="quotes" part="quotes">${this.#waiting(this.quotesFailed)}</section>`)
            : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}
