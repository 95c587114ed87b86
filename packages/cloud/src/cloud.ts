import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  KINDS,
  Load,
  Localizer,
  SubViewController,
  SubViews,
  VocElement,
  errorDetail,
  base,
  type VocErrorDetail,
  type CloudTerm,
  type Kind,
  type Quote,
  type CloudWindow,
  type Topic,
} from '@voc-kit/core';
import { READ_LIMITS, clampLimit } from '@voc-kit/protocol/read-limits.js';
import { styles } from './cloud.styles.js';
import type { PlacedWord } from './layout/layout.js';
import { LiveTerms } from './live.js';
import { CloudSizing } from './sizing.js';
import { loaders, strings, type CloudStrings } from './strings.js';
import { nextTerm, renderCloud, renderLegend, type TermsView } from './terms.js';

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
 * `<voc-cloud>` as its modules (sizing, live updates, terms) and lazy parts (quotes panel, table, wall quotes) see
 * it: its public members, and the state they read and write, which is private to everyone else.
 */
export type Host = Omit<VocCloud, never> & {
  status: 'loading' | 'ready' | 'error';
  terms: CloudTerm[];
  placed: Map<string, PlacedWord>;
  selected?: string;
  quotes?: Quote[];
  quotesFailed: boolean;
  quoteTopic?: Topic;
  announcement: string;
  wallPaused: boolean;
};

/** Detail of `voc-error`: the one shape every element fires (`VocErrorDetail` in core). */
export type CloudErrorDetail = VocErrorDetail;

/** What a term is mostly about: a kind, or `mixed` when two or three kinds tie for the most mentions. */
export type TermKind = Kind | 'mixed';

/** The element as its modules and lazy parts see it. */
const host = (cloud: VocCloud) => cloud as unknown as Host;

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
    status: { state: true },
    terms: { state: true },
    placed: { state: true },
    selected: { state: true },
    quotes: { state: true },
    quoteTopic: { state: true },
    announcement: { state: true },
    wallPaused: { state: true },
  };

  /** Kinds to show, e.g. `complaint` or `compliment idea`; all when unset. */
  kinds?: Kind[];

  /**
   * Period: `7d`, `30d`, `90d`, `365d` or `all` (`CLOUD_WINDOWS`); any other value is refused by every adapter, and
   * the cloud says it could not be loaded (a `voc-error` with code `validation`, field `since`).
   */
  since: CloudWindow = '30d';

  /** Only feedback about this topic (slug). */
  topic?: string;

  /** At most this many terms, most frequent first: 1–1000 (`LIMITS.cloud`); other values are clamped. */
  maxTerms: number = READ_LIMITS.cloud.shown;

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
  protected quoteTopic?: Topic;
  private announcement = '';
  /** The wall's quotes stand still (the person pressed pause). */
  protected wallPaused = false;

  /** @internal */
  readonly i18n = new Localizer<CloudStrings>(this, strings, loaders);
  #loads?: AbortController;
  /** Where the terms go, for the cloud's box. */
  #sizing = new CloudSizing(host(this), () => this.#loads?.signal);
  /** The counts, and what arrives live. */
  #live = new LiveTerms(host(this), this.#sizing, () => this.#maxTerms);
  /** What the list of terms shows besides the terms: the tab stop moves with the arrow keys. */
  #terms: TermsView = { sizing: this.#sizing, fresh: this.#live.fresh, focus: 0, onKeydown: (e) => this.#onCloudKeydown(e) };
  /**
   * The quotes behind the chosen term, with the panel's code (a new choice aborts the one before); `updateComplete`
   * does not wait for them: the quotes panel says it is loading.
   */
  #quotes = new Load<void, [CloudTerm]>(
    this,
    // the panel's code loads beside the quotes; until both are there the panel says it is loading
    async (signal, term) => {
      const adapter = this.getAdapter();
      const panel = await this.#views.need('quotes');
      if (!signal.aborted) await panel.load(host(this), term, adapter, signal);
    },
    (e) => this.fail(e, 'quotes'),
    true,
  );
  #wallTimer?: ReturnType<typeof setInterval>;
  #hasLoaded = false;
  /** The lazy parts (quotes, table, wall) this cloud shows. */
  #views = new SubViewController(this, views, (error) => this.fail(error, 'part'));

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the page: everything stopped in disconnectedCallback starts again
    if (this.hasUpdated) {
      void this.reload();
      this.#sizing.start();
      this.#startWall();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback(); // the quotes' Load aborts what it loads
    this.#loads?.abort();
    this.#live.stop();
    this.#sizing.stop();
    clearInterval(this.#wallTimer);
  }

  protected override firstUpdated(): void {
    this.#sizing.start();
    void this.reload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    const reloadOn = ['kinds', 'since', 'topic', 'maxTerms', 'adapter', 'endpoint', 'site'] as const;
    if (this.#hasLoaded && reloadOn.some((key) => changed.has(key))) void this.reload();
    else if (this.#hasLoaded && (changed.has('seed') || changed.has('rotate') || changed.has('wall'))) void this.#sizing.relayout();
    if (changed.has('view')) {
      this.#sizing.observe();
      this.#sizing.check(); // what changed while the list was shown
    }
    if (changed.has('wall') || changed.has('quoteInterval')) this.#startWall();
  }

  /** @internal Reports an error as `voc-error`. */
  fail = (error: unknown, action = 'load'): void => void this.emit('voc-error', errorDetail(error, action));

  /** `maxTerms` within its documented range. */
  get #maxTerms(): number {
    return clampLimit(this.maxTerms, { default: READ_LIMITS.cloud.shown, max: READ_LIMITS.cloud.max });
  }

  /** Loads the snapshot again and lays the cloud out from scratch (filters changed, or a retry). */
  async reload(): Promise<void> {
    this.#loads?.abort();
    const loads = (this.#loads = new AbortController());
    this.#hasLoaded = true;
    if (this.status === 'error') this.status = 'loading';
    try {
      const adapter = await this.getAdapter();
      if (loads.signal.aborted) return;
      this.#live.connection.use(adapter);
      const snapshot = await adapter.cloud(
        // more than shown: words that a phrase stands for are left out below
        {
          since: this.since,
          topic: this.topic,
          limit: Math.min(Math.ceil(this.#maxTerms * 1.5) + 10, READ_LIMITS.cloud.max),
          ...(this.kinds?.length && { kinds: this.kinds }),
        },
        { signal: loads.signal },
      );
      if (loads.signal.aborted) return;
      this.terms = this.#live.reset(snapshot.terms);
      this.closeQuotes();
      this.status = 'ready';
      await this.updateComplete;
      await this.#sizing.relayout(loads.signal);
      if (this.wall)
        void this.#views
          .need('wall')
          .then((m) => m.load(host(this), this.getAdapter()))
          .catch((error: unknown) => this.fail(error, 'wall'));
    } catch (error) {
      if (loads.signal.aborted) return;
      this.status = 'error';
      this.fail(error);
    }
  }

  /** @internal (public for scripts/bench-cloud.mjs, which times it without the 60 ms coalescing) */
  flush(): void {
    this.#live.flush();
  }

  /** Whether the quotes (or the panel's code) could not be loaded. */
  private get quotesFailed(): boolean {
    return this.#quotes.status === 'error';
  }

  #select(term: CloudTerm): void {
    // a page that shows the term its own way calls preventDefault(): then no quotes panel opens
    if (!this.emit<TermSelectDetail>('voc-term-select', { term }, { cancelable: true })) return;
    this.closeQuotes();
    this.selected = term.term;
    void this.#quotes.run(term);
  }

  /** @internal Closes the quotes panel (the panel gives focus back to the term it was about). */
  closeQuotes(): void {
    this.#quotes.abort();
    this.selected = this.quotes = this.quoteTopic = undefined;
  }

  #startWall(): void {
    clearInterval(this.#wallTimer);
    this.#wallTimer = undefined;
    if (this.wall)
      this.#views.need('wall').then(
        (m) => {
          clearInterval(this.#wallTimer);
          if (this.wall && this.isConnected) this.#wallTimer = m.start(host(this), () => this.getAdapter());
        },
        (error: unknown) => this.fail(error, 'wall'),
      );
  }

  #onCloudKeydown(event: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.cloud button.term')];
    if (!buttons.length) return;
    const next = nextTerm(event.key, buttons.indexOf(event.target as HTMLButtonElement), buttons.length, this.i18n.dir === 'rtl');
    if (next === undefined) return;
    event.preventDefault();
    this.#terms.focus = next;
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    buttons[next].focus();
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
    else if (this.status === 'loading') body = this.#waiting();
    else if (this.terms.length === 0) body = html`<p class="state">${t('empty')}</p>`;
    const ready = this.status === 'ready' && this.terms.length > 0;
    const table = list && ready && this.#views.get('table');
    const quoted = this.selected === undefined ? undefined : this.#live.get(this.selected);
    // the whole UI in the language's direction; customer text (terms, quotes) in its own (dir="auto")
    return html`<div class="root" dir=${this.i18n.dir}>
      <div class="bar">
        ${renderLegend(host(this))} ${this.#live.connection.online ? nothing : html`<span class="live">${t('offline')}</span>`}
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
              ? table.render(host(this))
              : this.#waiting(this.#views.failed('table'))
            : body
          : // the cloud's box is there from the first frame, states inside it: no layout shift when data arrives
            html`<div class="cloud-wrap">
              ${renderCloud(host(this), this.#terms)} ${body === nothing ? nothing : html`<div class="overlay">${body}</div>`}
              ${
                ready && this.#sizing.missed > 0
                  ? html`<p class="quote-meta shown">${t('shown', { shown: this.placed.size, total: this.terms.length })}</p>`
                  : nothing
              }
            </div>`
      }
      ${
        this.wall
          ? this.#views.get('wall')?.render(host(this))
          : quoted
            ? (views.loaded.quotes?.render(host(this), quoted) ??
              html`<section class="quotes" part="quotes">${this.#waiting(this.quotesFailed)}</section>`)
            : nothing
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}
