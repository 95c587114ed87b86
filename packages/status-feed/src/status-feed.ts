import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  Localizer,
  SubViewController,
  SubViews,
  VocElement,
  headingLevel,
  errorDetail,
  VocError,
  type VocErrorDetail,
  base,
  checkEmail,
  randomToken,
  rememberedReceipts,
  takeReceiptFromUrl,
  type FeedItem,
  type Kind,
  type LiveEvent,
  type Topic,
  type Unsubscribe,
  type VocAdapter,
} from '@voc-kit/core';
import { LIMITS, clampLimit } from '@voc-kit/protocol/limits.js';
import { styles } from './status-feed.styles.js';
import { loaders, strings, type StatusFeedStrings } from './strings.js';
import { renderAnnouncement, renderTopic, type ItemContext } from './items.js';
import type { ThreadHost, ThreadView } from './thread.js';

/** The customer's own thread: a sub-view loaded (with its styles and strings) only when this browser holds a receipt. */
const views = new SubViews({ thread: () => import('./thread.js') }, strings.en);

type Key = keyof StatusFeedStrings;

const KINDS: Kind[] = ['compliment', 'idea', 'complaint'];
/** How the feed writes a date (through the Localizer, which keeps one formatter per locale). */
const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
/** An "expected by" day (`YYYY-MM-DD`, a UTC calendar day): "12 March 2027". */
const EXPECTED: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };
/** At most one screen-reader announcement of live updates per this many ms; the rest are counted together. */
const LIVE_INTERVAL = 10_000;

const itemKey = (i: FeedItem) => (i.type === 'topic' ? `t:${i.topic.slug}` : `a:${i.announcement.id}`);

/** Detail of `voc-me-too`. */
export interface MeTooDetail {
  topic: string;
  followers: number;
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
    items: { state: true, attribute: false },
    fresh: { state: true, attribute: false },
    next: { state: true, attribute: false },
    feedState: { state: true, attribute: false },
    moreError: { state: true, attribute: false },
    feedError: { state: true, attribute: false },
    loadingMore: { state: true, attribute: false },
    topicList: { state: true, attribute: false },
    kind: { state: true, attribute: false },
    live: { state: true, attribute: false },
    followed: { state: true, attribute: false },
    meTooOpen: { state: true, attribute: false },
    meTooError: { state: true, attribute: false },
    view: { state: true, attribute: false },
  };

  /** Show only this topic (slug); the customer can still change the filter. */
  topic = '';

  /** Updates per page: 1–100 (`LIMITS.feed`); other values are clamped. */
  pageSize: number = LIMITS.feed.shown;

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

  #i18n = new Localizer<StatusFeedStrings>(this, strings, loaders);

  private items: FeedItem[] = [];
  /** New items that arrived live, shown when the reader asks, so nothing moves under them. */
  private fresh: FeedItem[] = [];
  private next?: string;
  private feedState: 'loading' | 'ready' | 'error' = 'loading';
  private moreError = '';
  private feedError = '';
  private loadingMore = false;
  private topicList: Topic[] = [];
  private kind: Kind | '' = '';
  private live = '';
  private followed: Record<string, { key: string; done?: boolean }> = {};
  private meTooOpen = '';
  private meTooError = '';
  /** The customer's own thread, loaded (with its module) only when this browser holds a receipt. */
  private view?: ThreadView;

  #api?: VocAdapter;
  #siteKey = '';
  #stop?: Unsubscribe;
  #needsStart = false;
  #wasDown = false;
  #gen = 0;
  #feedGen = 0;
  #busy = false;
  /** Loads the thread and adopts its styles. */
  #views = new SubViewController(this, views, (error) => this.#fail(error, 'thread'));
  #urlReceipt?: string;
  #refreshTimer?: ReturnType<typeof setInterval>;
  #pendingLive: string[] = [];
  #liveTimer?: ReturnType<typeof setTimeout>;
  #lastLive = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // take the secret out of the address bar before anything else can read or log it
    this.#urlReceipt ??= takeReceiptFromUrl();
    this.#needsStart = true;
    this.requestUpdate();
    document.addEventListener('visibilitychange', this.#onVisible);
    document.addEventListener('voc-submitted', this.#onSubmitted);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.#onVisible);
    document.removeEventListener('voc-submitted', this.#onSubmitted);
    this.#halt();
    this.#gen++;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    void this.track(this.#i18n.load());
    if (!this.isConnected) return;
    if (this.#needsStart || changed.has('adapter') || changed.has('endpoint') || changed.has('site')) void this.track(this.#start());
    else {
      if (changed.has('topic') || changed.has('pageSize')) void this.track(this.#loadFeed());
      if (changed.has('receipt') && this.receipt) {
        const receipt = this.receipt;
        void this.track(this.#threadView().then((view) => view?.open(receipt, true)));
      }
      if (changed.has('threadRefresh')) this.#schedule();
    }
  }

  // ——— loading ———

  #halt(): void {
    this.#stop?.();
    this.#stop = undefined;
    clearTimeout(this.#liveTimer);
    this.#liveTimer = undefined;
    clearInterval(this.#refreshTimer);
    this.#refreshTimer = undefined;
  }

  async #start(): Promise<void> {
    this.#needsStart = false;
    this.#halt();
    const gen = ++this.#gen;
    this.#api = undefined;
    let api: VocAdapter;
    try {
      api = await this.getAdapter();
    } catch (error) {
      if (gen !== this.#gen) return;
      console.error(error);
      this.feedState = 'error';
      this.feedError = this.#t('error.server');
      this.#fail(error, 'feed');
      return;
    }
    if (gen !== this.#gen) return;
    this.#api = api;
    // another backend: nothing of the previous one stays on screen
    this.view = undefined;
    this.fresh = [];
    // the same key the feedback form remembers receipts under
    this.#siteKey = (api as { site?: string }).site ?? this.site ?? '';
    this.followed = this.#readFollowed();
    try {
      this.#stop = api.subscribe((e) => this.#onLive(e), {
        onConnection: (up) => {
          // back after a drop: catch up on what was missed
          if (up && this.#wasDown) {
            void this.#loadFeed();
            this.view?.refresh();
          }
          this.#wasDown = !up;
        },
      });
    } catch (error) {
      // no live updates (e.g. no EventSource): the feed still loads, and threads are refreshed by timer
      this.#fail(error, 'feed');
    }
    this.#schedule();
    await Promise.all([this.#loadTopics(), this.#loadFeed(), this.#loadMine()]);
  }

  async #loadTopics(): Promise<void> {
    try {
      this.topicList = await this.#api!.topics();
    } catch {
      // the topic filter then offers "All topics" only; the feed shows its own error
    }
  }

  #loadFeed(more = false): Promise<void> {
    return this.track(this.#_loadFeed(more));
  }

  async #_loadFeed(more = false): Promise<void> {
    const api = this.#api;
    if (!api) return;
    const gen = ++this.#feedGen;
    this.moreError = '';
    if (more) this.loadingMore = true;
    else this.feedState = 'loading';
    try {
      const page = await api.feed({
        limit: this.#pageSize,
        ...(more && this.next && { cursor: this.next }),
        ...(this.kind && { kinds: [this.kind] }),
        ...(this.topic && { topic: this.topic }),
      });
      if (gen !== this.#feedGen) return;
      const first = page.items.find((i) => !this.items.some((j) => itemKey(j) === itemKey(i)));
      this.items = more ? [...this.items, ...page.items.filter((i) => !this.items.some((j) => itemKey(j) === itemKey(i)))] : page.items;
      if (!more) this.fresh = [];
      this.next = page.next;
      this.feedState = 'ready';
      if (more && first) {
        await this.rendered();
        this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(itemKey(first))}"]`)?.focus();
      }
    } catch (error) {
      if (gen !== this.#feedGen) return;
      if (more) this.moreError = this.#errorText(error);
      else {
        this.feedState = 'error';
        this.feedError = this.#errorText(error);
      }
      this.#fail(error, 'feed');
    } finally {
      if (gen === this.#feedGen) this.loadingMore = false;
    }
  }

  async #loadMine(): Promise<void> {
    const fromLink = this.receipt ?? this.#urlReceipt;
    const any = fromLink ?? (await rememberedReceipts(this.#siteKey).catch(() => []))[0];
    if (any) await (await this.#threadView())?.begin(fromLink);
  }

  /** The thread view, its module loaded on first use. */
  async #threadView(): Promise<ThreadView | undefined> {
    const api = this.#api;
    const gen = this.#gen;
    if (!api) return undefined;
    const { ThreadView } = await this.#views.need('thread');
    if (gen !== this.#gen) return undefined;
    return (this.view ??= new ThreadView(this.#threadHost(api)));
  }

  #threadHost(api: VocAdapter): ThreadHost {
    return {
      api,
      siteKey: this.#siteKey,
      root: this.renderRoot,
      update: () => this.requestUpdate(),
      rendered: () => this.rendered(),
      track: (task) => this.track(task),
      t: (key, values) => this.#t(key, values),
      date: (at) => this.#date(at),
      when: (at) => this.#when(at),
      statusText: (topic) => this.#statusText(topic),
      level: () => this.#level(),
      errorText: (error) => this.#errorText(error),
      fail: (error, action) => this.#fail(error, action),
      emit: (type, detail) => this.emit(type, detail),
    };
  }

  // ——— live updates ———

  /** A feedback form on this page sent something: show its thread as soon as the form has remembered it. */
  #onSubmitted = (e: Event): void => {
    const id = (e as CustomEvent<{ id?: string }>).detail?.id;
    if (id && this.#api) void this.track(this.#threadView().then((view) => view?.adopt(id)));
  };

  #schedule(): void {
    clearInterval(this.#refreshTimer);
    this.#refreshTimer = this.threadRefresh > 0 ? setInterval(this.#onVisible, this.threadRefresh * 1000) : undefined;
  }

  #onVisible = (): void => {
    // adapters without live thread events still show new replies when the customer comes back to the tab
    if (document.visibilityState === 'visible') this.view?.refresh();
  };

  #shows(slug: string | undefined): boolean {
    if (this.topic && slug !== this.topic) return false;
    const topic = this.kind && slug ? this.topicList.find((t) => t.slug === slug) : undefined;
    return !topic || topic.counts[this.kind as Kind] > 0;
  }

  #onLive(event: LiveEvent): void {
    if (event.type === 'topic') {
      const topic = event.data;
      this.topicList = this.topicList.some((t) => t.slug === topic.slug)
        ? this.topicList.map((t) => (t.slug === topic.slug ? topic : t))
        : [...this.topicList, topic];
      this.view?.topic(topic);
      if (!this.#shows(topic.slug)) return;
      this.#add({ type: 'topic', at: topic.updatedAt, topic });
      this.#announce(`${topic.title}: ${this.#statusText(topic)}`);
    } else if (event.type === 'announcement') {
      const a = event.data;
      if (!this.#shows(a.topic)) return;
      this.#add({ type: 'announcement', at: a.at, announcement: a });
      this.#announce(a.title);
    } else if (event.type === 'thread' && this.view?.id === event.data.id) {
      this.view.refresh();
    }
  }

  /** A live item: one on screen changes in place; a new one waits behind "Show new" unless the feed is empty. */
  #add(item: FeedItem): void {
    const key = itemKey(item);
    const at = this.items.findIndex((i) => itemKey(i) === key);
    if (at >= 0) this.items = this.items.map((i, n) => (n === at ? item : i));
    else if (this.items.length === 0 && this.feedState === 'ready') this.items = [item];
    else this.fresh = [item, ...this.fresh.filter((i) => itemKey(i) !== key)];
  }

  async #showFresh(): Promise<void> {
    const first = this.fresh[0];
    const keys = new Set(this.fresh.map(itemKey));
    this.items = [...this.fresh, ...this.items.filter((i) => !keys.has(itemKey(i)))];
    this.fresh = [];
    await this.rendered();
    if (first) this.renderRoot.querySelector<HTMLElement>(`[data-key="${CSS.escape(itemKey(first))}"]`)?.focus();
  }

  /** Tells screen readers about live updates politely, at most once per LIVE_INTERVAL. */
  #announce(title: string): void {
    this.#pendingLive.push(title);
    if (this.#liveTimer) return;
    const wait = Math.max(0, this.#lastLive + LIVE_INTERVAL - Date.now());
    this.#liveTimer = setTimeout(() => {
      const [first, ...rest] = this.#pendingLive;
      this.live = rest.length ? this.#i18n.plural('liveMany', rest.length + 1) : this.#t('liveOne', { title: first });
      this.#pendingLive = [];
      this.#lastLive = Date.now();
      this.#liveTimer = undefined;
    }, wait);
  }

  // ——— the customer's actions ———

  #readFollowed(): Record<string, { key: string; done?: boolean }> {
    try {
      return JSON.parse(localStorage.getItem(`voc-me-too:${this.#siteKey}`) ?? '{}');
    } catch {
      return {};
    }
  }

  #saveFollowed(next: Record<string, { key: string; done?: boolean }>): void {
    this.followed = next;
    try {
      localStorage.setItem(`voc-me-too:${this.#siteKey}`, JSON.stringify(next));
    } catch {
      // storage blocked: "me too" still works for this page view and stays idempotent on the server by key
    }
  }

  #onMeToo(event: SubmitEvent, topic: Topic): Promise<void> {
    return this.track(this.#_onMeToo(event, topic));
  }

  async #_onMeToo(event: SubmitEvent, topic: Topic): Promise<void> {
    event.preventDefault();
    if (this.#busy || !this.#api) return;
    const form = event.target as HTMLFormElement;
    const email = (form.elements.namedItem('email') as HTMLInputElement).value.trim();
    const consent = (form.elements.namedItem('consent') as HTMLInputElement).checked;
    if (email && (checkEmail(email) || !consent)) {
      this.meTooError = this.#t(checkEmail(email) ? 'error.email' : 'error.consent');
      await this.rendered();
      form.querySelector<HTMLInputElement>(checkEmail(email) ? '[name=email]' : '[name=consent]')?.focus();
      return;
    }
    // one key per topic per browser, kept before sending, so a retry or a second click is the same "me too"
    const key = this.followed[topic.slug]?.key ?? randomToken(16);
    this.#saveFollowed({ ...this.followed, [topic.slug]: { key } });
    this.#busy = true;
    this.meTooError = '';
    try {
      const { followers } = await this.#api.meToo(topic.slug, { key, ...(email && { contact: { email, consent: true as const } }) });
      this.#saveFollowed({ ...this.followed, [topic.slug]: { key, done: true } });
      this.items = this.items.map((i) =>
        i.type === 'topic' && i.topic.slug === topic.slug ? { ...i, topic: { ...i.topic, followers } } : i,
      );
      this.meTooOpen = '';
      this.live = this.#t('meTooDone', { title: topic.title });
      this.emit<MeTooDetail>('voc-me-too', { topic: topic.slug, followers });
      await this.rendered();
      this.renderRoot.querySelector<HTMLElement>(`[data-following="${CSS.escape(topic.slug)}"]`)?.focus();
    } catch (error) {
      this.meTooError = this.#errorText(error);
      this.#fail(error, 'me-too');
    } finally {
      this.#busy = false;
    }
  }

  async #openMeToo(slug: string): Promise<void> {
    this.meTooOpen = slug;
    this.meTooError = '';
    await this.rendered();
    this.renderRoot.querySelector<HTMLInputElement>('.me-too-form [name=email]')?.focus();
  }

  async #closeMeToo(): Promise<void> {
    const slug = this.meTooOpen;
    this.meTooOpen = '';
    await this.rendered();
    this.renderRoot.querySelector<HTMLElement>(`[data-me-too="${CSS.escape(slug)}"]`)?.focus();
  }

  #onKind(e: Event): void {
    this.kind = (e.target as HTMLSelectElement).value as Kind | '';
    void this.#loadFeed();
  }

  #onTopic(e: Event): void {
    this.topic = (e.target as HTMLSelectElement).value;
  }

  // ——— helpers ———

  /** `pageSize` within its documented range. */
  get #pageSize(): number {
    return clampLimit(this.pageSize, { default: LIMITS.feed.shown, max: LIMITS.feed.max });
  }

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  #errorText(error: unknown): string {
    const code = error instanceof VocError ? error.code : 'server';
    if (code === 'rate_limited') return this.#t('error.rate_limited', { seconds: (error as { retryAfter: number }).retryAfter });
    if (code === 'network' || code === 'validation') return this.#t(`error.${code}`);
    return this.#t('error.server');
  }

  #fail(error: unknown, action: 'feed' | 'thread' | 'confirm' | 'withdraw' | 'me-too'): void {
    this.emit('voc-error', errorDetail(error, action));
  }

  #statusText(topic: Topic): string {
    const status = topic.incident?.status ?? topic.status;
    return this.#t(`status.${status}` as Key);
  }

  #level(): number {
    return headingLevel(this.headingLevel);
  }

  #date(at: string): string {
    return this.#i18n.date(at, DATE);
  }

  #number(n: number): string {
    return this.#i18n.number(n);
  }

  #when(at: string): TemplateResult {
    return html`<time datetime=${at}>${this.#date(at)}</time>`;
  }

  // ——— rendering ———

  override render() {
    return html`<div part="base" class="base" dir=${this.#i18n.dir}>
      ${this.view?.render() ?? nothing}
      <section class="feed" aria-labelledby=${this.noHeading ? nothing : 'feed-heading'}>
        ${this.noHeading ? nothing : html`<div role="heading" aria-level=${this.#level()} id="feed-heading" class="h2">${this.#t('heading')}</div>`}
        ${this.#renderFilters()}
        <div class="visually-hidden" role="status" aria-live="polite">${this.live}</div>
        ${this.#renderFeed()}
      </section>
    </div>`;
  }

  #renderFilters() {
    return html`<div part="filters" class="filters" role="group" aria-label=${this.#t('filters')}>
      <label
        >${this.#t('kind')}
        <select @change=${this.#onKind} .value=${this.kind}>
          <option value="">${this.#t('allKinds')}</option>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${this.kind === k}>${this.#t(`kinds.${k}`)}</option>`)}
        </select></label
      >
      <label
        >${this.#t('topic')}
        <select @change=${this.#onTopic}>
          <option value="">${this.#t('allTopics')}</option>
          ${this.topicList.map((t) => html`<option value=${t.slug} ?selected=${this.topic === t.slug}>${t.title}</option>`)}
          ${this.topic && !this.topicList.some((t) => t.slug === this.topic) ? html`<option value=${this.topic} selected>${this.topic}</option>` : nothing}
        </select></label
      >
    </div>`;
  }

  /** What an item of the list needs of this element. */
  #itemContext(): ItemContext {
    return {
      t: (key, values) => this.#t(key, values),
      plural: (key, count) => this.#i18n.plural(key, count),
      number: (n) => this.#number(n),
      date: (at) => this.#date(at),
      day: (d) => this.#i18n.date(d, EXPECTED),
      when: (at) => this.#when(at),
      statusText: (t) => this.#statusText(t),
      level: this.#level() + 1,
      topics: this.topicList,
      meToo: (t) => this.#renderMeToo(t),
    };
  }

  #renderFeed() {
    // while the first page loads, its room is held (a page of placeholder rows, at most LIMITS.feed.shown), so the
    // page below does not move when the items arrive; voc.js reserves the same box before the element is defined
    if (this.feedState === 'loading' && this.items.length === 0)
      return html`<p class="muted" aria-busy="true">${this.#t('loading')}</p>
        <ol class="items" aria-hidden="true">
          ${Array.from({ length: Math.min(this.#pageSize, LIMITS.feed.shown) }, () => html`<li class="item placeholder"></li>`)}
        </ol>`;
    const error =
      this.feedState === 'error'
        ? html`<div class="error" role="alert">
            <p>${this.feedError}</p>
            <button part="button" @click=${() => (this.#api ? this.#loadFeed() : this.track(this.#start()))}>${this.#t('retry')}</button>
          </div>`
        : nothing;
    if (this.items.length === 0) return this.feedState === 'error' ? error : html`<p class="muted">${this.#t('empty')}</p>`;
    const c = this.#itemContext();
    return html`${error}${
        this.fresh.length
          ? html`<div class="fresh-bar">
              <button part="button" class="fresh" @click=${this.#showFresh}>
                ${this.#t('showNew', { count: this.#number(this.fresh.length) })}
              </button>
            </div>`
          : nothing
      }
      <ol part="feed" class="items" aria-busy=${this.feedState === 'loading' ? 'true' : 'false'}>
        ${this.items.map(
          (i) =>
            html`<li part="item" class="item">${i.type === 'topic' ? renderTopic(c, i.topic) : renderAnnouncement(c, i.announcement)}</li>`,
        )}
      </ol>
      ${this.moreError ? html`<p class="error" role="alert">${this.moreError}</p>` : nothing}
      ${
        this.next
          ? html`<button part="button" class="more" aria-busy=${this.loadingMore ? 'true' : 'false'} @click=${() => this.#loadFeed(true)}>
              ${this.loadingMore ? this.#t('loading') : this.#t('more')}
            </button>`
          : nothing
      }`;
  }

  #renderMeToo(topic: Topic) {
    const slug = topic.slug;
    if (this.followed[slug]?.done)
      return html`<span class="following" tabindex="-1" data-following=${slug}>✓ ${this.#t('following')}</span>`;
    if (this.meTooOpen !== slug)
      return html`<button part="button" class="me-too" data-me-too=${slug} aria-expanded="false" @click=${() => this.#openMeToo(slug)}>
        ${this.#t('meToo')}
      </button>`;
    const err = this.meTooError;
    return html`<form
      class="me-too-form"
      aria-label=${this.#t('meTooTitle', { title: topic.title })}
      novalidate
      @submit=${(e: SubmitEvent) => this.#onMeToo(e, topic)}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#closeMeToo()}
    >
      <label for="me-too-email">${this.#t('meTooEmail')}</label>
      <input
        id="me-too-email"
        name="email"
        type="email"
        autocomplete="email"
        maxlength="254"
        aria-invalid=${err === this.#t('error.email') ? 'true' : 'false'}
        aria-describedby="me-too-error"
      />
      <label class="check"><input type="checkbox" name="consent" /> ${this.#t('meTooConsent')}</label>
      <p id="me-too-error" class="error" role="alert">${err}</p>
      <div class="actions">
        <button part="button" type="submit" class="primary">${this.#t('meTooSend')}</button>
        <button part="button" type="button" @click=${this.#closeMeToo}>${this.#t('cancel')}</button>
      </div>
    </form>`;
  }
}
