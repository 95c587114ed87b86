import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  KINDS,
  Localizer,
  NetworkError,
  SubViewController,
  SubViews,
  VocElement,
  headingLevel,
  errorDetail,
  VocError,
  type VocErrorDetail,
  base,
  rememberedReceipts,
  takeReceiptFromUrl,
  type FeedQuery,
  type Kind,
  type LiveEvent,
  type Topic,
  type VocAdapter,
} from '@voc-kit/core';
import { Live } from '@voc-kit/core/live.js';
import { READ_LIMITS, clampLimit } from '@voc-kit/protocol/read-limits.js';
import { styles } from './status-feed.styles.js';
import { loaders, strings, type StatusFeedStrings } from './strings.js';
import type { LiveUpdates } from './live-updates.js';
import type { TopicHistory } from './older-updates.js';
import { MeToo, type MeTooDetail } from './me-too.js';
import { FeedPages } from './paging.js';
import type { ThreadView } from './thread.js';

/**
 * Sub-views, each loaded (with its styles and strings) the first time it is needed: the customer's own thread, only
 * when this browser holds a receipt; the "me too" form, when a customer first chooses "Follow"; the live updates,
 * with the first topic or announcement that changes; bringing a topic forward, when the address has a fragment; a
 * topic's older updates, with the first "Show older updates".
 *
 * @internal Exported for a browser test only (not from the package): `SubViews` reads a loader each time it loads its
 * module, so the test can load the older updates' code from an address of its own (`older-unreachable.test.ts`).
 */
export const viewLoaders = {
  thread: () => import('./thread.js'),
  form: () => import('./me-too-form.js'),
  live: () => import('./live-updates.js'),
  anchor: () => import('./anchor.js'),
  older: () => import('./older-updates.js'),
};
const views = new SubViews(viewLoaders, strings.en);

type Key = keyof StatusFeedStrings;

/** How the feed writes a date (through the Localizer, which keeps one formatter per locale). */
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

export type { MeTooDetail };

/**
 * `<voc-status-feed>` as its modules (paging, "me too", the thread) see it: its public members, and the state and
 * helpers they use, which are private to everyone else.
 */
export type Host = Omit<VocStatusFeed, never> & {
  api?: VocAdapter;
  siteKey: string;
  live: string;
  i18n: Localizer<StatusFeedStrings>;
  pages: FeedPages;
  topicList: Topic[];
  kind: Kind | '';
  view?: ThreadView;
  updates?: LiveUpdates;
  history?: TopicHistory;
  unloaded?: Unloaded;
  older(topic: Topic): void;
  meToo: MeToo;
  rendered(): Promise<boolean>;
  connect(signal: AbortSignal): Promise<VocAdapter>;
  query(): FeedQuery & { limit: number };
  t(key: Key, values?: Record<string, string | number>): string;
  errorText(error: unknown): string;
  fail(error: unknown, action: 'feed' | 'thread' | 'confirm' | 'withdraw' | 'me-too'): void;
  statusText(topic: Topic): string;
  level(): number;
  date(at: string): string;
  when(at: string): TemplateResult;
};
/** The topic whose "Show older updates" could not load its code, and why (said as when a page of them fails). */
export interface Unloaded {
  slug: string;
  error: unknown;
}
/** Detail of `voc-confirmed`. */
export interface ConfirmedDetail {
  id: string;
  resolved: boolean;
}
/**
 * Detail of `voc-error`: the one shape every element fires (`VocErrorDetail` in core); `action` is `feed`, `thread`,
 * `confirm`, `withdraw` or `me-too`.
 */
export type StatusFeedErrorDetail = VocErrorDetail;

/**
 * "We heard you": announcements and topic progress for everyone, and — with the customer's private receipt —
 * their own thread of replies, where they confirm it is resolved, reopen it, or delete it.
 *
 * The receipt comes from `?voc-receipt=` in the address bar (removed at once and remembered in this browser),
 * from receipts this browser remembers after a submission, or from the `receipt` property.
 *
 * @tagname voc-status-feed
 * @csspart base - the whole element
 * @csspart thread - the customer's own thread
 * @csspart filters - the kind and topic filters
 * @csspart feed - the list of updates
 * @csspart item - one announcement or topic
 * @csspart badge - a status badge
 * @csspart button - every button
 * @cssprop --voc-status-feed-gap - space between items (default: 2 × `--voc-space`)
 * @cssprop --voc-status-feed-item-background - background of an item (default: `--voc-color-surface`)
 * @cssprop --voc-status-feed-placeholder-height - height of each placeholder row while the first page loads (default: 6rem)
 * @fires voc-me-too - the customer follows a topic; detail: { topic, followers }
 * @fires voc-confirmed - the customer said resolved or not resolved yet; detail: { id, resolved }
 * @fires voc-withdrawn - the customer deleted their feedback; detail: { id }
 * @fires voc-error - loading or an action failed; detail: `VocErrorDetail` (`{ code, message, action, error }`)
 */
export class VocStatusFeed extends VocElement {
  static override styles = [base, styles];
  // private state says `attribute: false` too, which keeps it out of custom-elements.json's attributes
  static override properties: PropertyDeclarations = {
    topic: {},
    pageSize: { type: Number, attribute: 'page-size' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    noHeading: { type: Boolean, attribute: 'no-heading' },
    threadRefresh: { type: Number, attribute: 'thread-refresh' },
    receipt: { attribute: false },
    topicList: { state: true },
    kind: { state: true },
    live: { state: true },
    view: { state: true },
    unloaded: { state: true },
  };

  /** Show only this topic (slug); the customer can still change the filter. */
  topic = '';

  /** Updates per page: 1–100 (`LIMITS.feed`); other values are clamped. */
  pageSize: number = READ_LIMITS.feed.shown;

  /** Level of the element's headings (1–5, default 2); each item's title is one level deeper. */
  headingLevel = 2;

  /** Leaves out the "We heard you" heading and the landmark it names, for pages that have their own. */
  noHeading = false;

  /**
   * Seconds between checks of an open thread for new replies while the page is visible, for backends without
   * live `thread` events; 0 turns it off.
   */
  threadRefresh = 60;

  /** Opens this receipt's thread (a secret: a property only, never an attribute). */
  receipt?: string;

  private i18n = new Localizer<StatusFeedStrings>(this, strings, loaders);

  private topicList: Topic[] = [];
  private kind: Kind | '' = '';
  private live = '';
  /** The customer's own thread, loaded (with its module) only when this browser holds a receipt. */
  private view?: ThreadView;
  /** What arrives live, its code loaded with the first topic or announcement that changes. */
  private updates?: LiveUpdates;
  /** The older updates of topics the reader asked for (and those that slid out live), by topic. */
  private history?: TopicHistory;
  /** @internal The topic whose "Show older updates" could not load the code of older updates (read by `items.ts`). */
  protected unloaded?: Unloaded;

  /** This element as its modules (paging, "me too", the thread) see it. */
  readonly #host = this as unknown as Host;
  /** The list: its pages and what arrives live. */
  private pages = new FeedPages(this.#host);
  private api?: VocAdapter;
  private siteKey = '';
  /** Live updates; back after a drop, the feed and the thread catch up on what was missed. */
  #live = new Live(
    this,
    (e) => this.#onLive(e),
    () => {
      void this.pages.run();
      this.view?.refresh();
    },
  );
  #needsStart = false;
  #gen = 0;
  /** Loads the thread and the "me too" form, and adopts their styles. */
  #views = new SubViewController(this, views, (error) => this.fail(error, 'thread'));
  /** "Me too" on each topic. */
  private meToo = new MeToo(this.#host, () => this.#views.need('form'));
  #urlReceipt?: string;
  #refreshTimer?: ReturnType<typeof setInterval>;

  override connectedCallback(): void {
    super.connectedCallback();
    // take the secret out of the address bar before anything else can read or log it
    this.#urlReceipt ??= takeReceiptFromUrl();
    this.#needsStart = true;
    this.requestUpdate();
    document.addEventListener('visibilitychange', this.#onVisible);
    document.addEventListener('voc-submitted', this.#onSubmitted);
    addEventListener('hashchange', this.#onHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback(); // the Load controllers abort what is loading
    document.removeEventListener('visibilitychange', this.#onVisible);
    document.removeEventListener('voc-submitted', this.#onSubmitted);
    removeEventListener('hashchange', this.#onHash);
    this.#halt();
    this.#gen++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    void this.track(this.i18n.load());
    if (!this.isConnected) return;
    if (this.#needsStart || changed.has('adapter') || changed.has('endpoint') || changed.has('site')) this.#start();
    else {
      if (changed.has('topic') || changed.has('pageSize')) void this.pages.run();
      if (changed.has('receipt') && this.receipt) {
        const receipt = this.receipt;
        void this.track(this.#threadView().then((view) => view?.open(receipt, true)));
      }
      if (changed.has('threadRefresh')) this.#schedule();
    }
  }

  protected override updated(): void {
    this.#onHash();
  }

  /**
   * A fragment in the address may name a topic (`#voc-topic-<slug>`, a link from `<voc-pulse>`): its item comes
   * forward once it is on screen (`anchor.ts`, loaded when the address has a fragment).
   */
  #onHash = (): void => {
    if (location.hash && !this.#noAnchor)
      this.#views.need('anchor').then(
        (m) => m.bringForward(this.renderRoot),
        (error: unknown) => {
          this.#noAnchor = true; // reported once, not tried at every render
          this.fail(error, 'feed');
        },
      );
  };
  #noAnchor = false;

  // ——— loading ———

  #halt(): void {
    this.#live.stop();
    this.updates?.stop();
    clearInterval(this.#refreshTimer);
    this.#refreshTimer = undefined;
  }

  /** Starts on the current backend: connects, then loads the feed, the topics and the customer's thread. */
  #start(): void {
    this.#needsStart = false;
    this.#halt();
    this.#gen++;
    this.api = undefined;
    void this.pages.run();
  }

  /** @internal The backend, connected to (see `#connect`) if there is none yet. */
  protected connect(signal: AbortSignal): Promise<VocAdapter> {
    return this.api ? Promise.resolve(this.api) : this.#connect(signal);
  }

  /** Subscribes to the backend's live updates and loads the topics and the customer's thread beside the feed. */
  async #connect(signal: AbortSignal): Promise<VocAdapter> {
    const api = await this.getAdapter().catch((error: unknown) => {
      console.error(error);
      throw error;
    });
    signal.throwIfAborted();
    this.api = api;
    // another backend: nothing of the previous one stays on screen
    this.view?.dispose();
    this.view = undefined;
    this.pages.fresh = []; // what arrived live came from another backend
    this.history = this.unloaded = undefined;
    // the same key the feedback form remembers receipts under
    this.siteKey = (api as { site?: string }).site ?? this.site ?? '';
    this.meToo.use(this.siteKey);
    try {
      this.#live.use(api);
    } catch (error) {
      // no live updates (e.g. no EventSource): the feed still loads, and threads are refreshed by timer
      this.fail(error, 'feed');
    }
    this.#schedule();
    void this.track(this.#loadTopics());
    void this.track(this.#loadMine());
    return api;
  }

  async #loadTopics(): Promise<void> {
    try {
      this.topicList = await this.api!.topics();
    } catch {
      // the topic filter then offers "All topics" only; the feed shows its own error
    }
  }

  async #loadMine(): Promise<void> {
    const fromLink = this.receipt ?? this.#urlReceipt;
    const any = fromLink ?? (await rememberedReceipts(this.siteKey).catch(() => []))[0];
    if (any) await (await this.#threadView())?.begin(fromLink);
  }

  /** The thread view, its module loaded on first use. */
  async #threadView(): Promise<ThreadView | undefined> {
    const api = this.api;
    const gen = this.#gen;
    if (!api) return undefined;
    const { ThreadView } = await this.#views.need('thread');
    if (gen !== this.#gen) return undefined;
    return (this.view ??= new ThreadView(this.#host));
  }

  // ——— live updates ———

  /** A feedback form on this page sent something: show its thread as soon as the form has remembered it. */
  #onSubmitted = (e: Event): void => {
    const id = (e as CustomEvent<{ id?: string }>).detail?.id;
    if (id && this.api) void this.track(this.#threadView().then((view) => view?.adopt(id)));
  };

  #schedule(): void {
    clearInterval(this.#refreshTimer);
    this.#refreshTimer = this.threadRefresh > 0 ? setInterval(this.#onVisible, this.threadRefresh * 1000) : undefined;
  }

  #onVisible = (): void => {
    // adapters without live thread events still show new replies when the customer comes back to the tab
    if (document.visibilityState === 'visible') this.view?.refresh();
  };

  /** A topic or an announcement changed: handled by the live updates' code, loaded with the first such event. */
  #onLive(event: LiveEvent): void {
    if (event.type === 'thread') {
      if (this.view?.id === event.data.id) this.view.refresh();
    } else if (event.type === 'topic' || event.type === 'announcement') {
      const gen = this.#gen;
      void this.track(
        this.#views
          .need('live')
          .then((m) => gen === this.#gen && (this.updates ??= new m.LiveUpdates(this.#host)).handle(event))
          .catch((error: unknown) => this.fail(error, 'feed')),
      );
    }
  }

  /** @internal "Show older updates" of `topic`, its code loaded with the first click. */
  protected older(topic: Topic): void {
    this.unloaded = undefined;
    void this.track(
      this.#views.need('older').then(
        (m) => (this.history ??= new m.TopicHistory(this.#host)).load(topic),
        (error: unknown) => {
          // a failed fetch, almost always the connection (as the HTTP adapter says of one): shown above the button,
          // which says "Try again", as when a page fails (`items.ts`)
          this.unloaded = { slug: topic.slug, error: new NetworkError(undefined, { cause: error }) };
          this.fail(error, 'feed');
        },
      ),
    );
  }

  #onKind(e: Event): void {
    this.kind = (e.target as HTMLSelectElement).value as Kind | '';
    void this.pages.run();
  }

  #onTopic(e: Event): void {
    this.topic = (e.target as HTMLSelectElement).value;
  }

  // ——— helpers ———

  /** The filters and the page size (`pageSize` within its documented range). */
  protected query(): FeedQuery & { limit: number } {
    return {
      limit: clampLimit(this.pageSize, { default: READ_LIMITS.feed.shown, max: READ_LIMITS.feed.max }),
      ...(this.kind && { kinds: [this.kind] }),
      ...(this.topic && { topic: this.topic }),
    };
  }

  private t(key: Key, values?: Record<string, string | number>): string {
    return this.i18n.t(key, values);
  }

  protected errorText(error: unknown): string {
    const code = error instanceof VocError ? error.code : 'server';
    if (code === 'rate_limited') return this.t('error.rate_limited', { seconds: (error as { retryAfter: number }).retryAfter });
    if (code === 'network' || code === 'validation') return this.t(`error.${code}`);
    return this.t('error.server');
  }

  private fail(error: unknown, action: 'feed' | 'thread' | 'confirm' | 'withdraw' | 'me-too'): void {
    this.emit('voc-error', errorDetail(error, action));
  }

  protected statusText(topic: Topic): string {
    const status = topic.incident?.status ?? topic.status;
    return this.t(`status.${status}`);
  }

  private level(): number {
    return headingLevel(this.headingLevel);
  }

  private date(at: string): string {
    return this.i18n.date(at, DATE);
  }

  protected when(at: string): TemplateResult {
    return html`<time datetime=${at}>${this.date(at)}</time>`;
  }

  // ——— rendering ———

  override render() {
    return html`<div part="base" class="base" dir=${this.i18n.dir}>
      ${this.view?.render() ?? nothing}
      <section class="feed" aria-labelledby=${this.noHeading ? nothing : 'feed-heading'}>
        ${this.noHeading ? nothing : html`<div role="heading" aria-level=${this.level()} id="feed-heading" class="h2">${this.t('heading')}</div>`}
        ${this.#renderFilters()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.live}</div>
        ${this.pages.render()}
      </section>
    </div>`;
  }

  #renderFilters() {
    return html`<div part="filters" class="filters" role="group" aria-label=${this.t('filters')}>
      <label
        >${this.t('kind')}
        <select @change=${this.#onKind} .value=${this.kind}>
          <option value="">${this.t('allKinds')}</option>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${this.t(`kinds.${k}`)}</option>`)}
        </select></label
      >
      <label
        >${this.t('topic')}
        <select @change=${this.#onTopic}>
          <option value="">${this.t('allTopics')}</option>
          ${this.topicList.map((t) => html`<option value=${t.slug} ?selected=${this.topic === t.slug}>${t.title}</option>`)}
          ${this.topic && !this.topicList.some((t) => t.slug === this.topic) ? html`<option value=${this.topic} selected>${this.topic}</option>` : nothing}
        </select></label
      >
    </div>`;
  }
}
