import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  Load,
  Localizer,
  PULSE_WINDOWS,
  SubViewController,
  SubViews,
  VocElement,
  base,
  errorDetail,
  headingLevel,
  type LiveEvent,
  type Pulse,
  type PulsePeriod,
  type PulseWindow,
  type VocErrorDetail,
} from '@voc-kit/core';
import { Live } from '@voc-kit/core/live.js';
import { actions, backlog, hours, speed, topics, volume, type Blocks, type Key } from './blocks.js';
import { styles } from './pulse.styles.js';
import { loaders, strings, type PulseStrings } from './strings.js';

/** The tables and links, loaded the first time a reader opens a table or a page sets `feed-href` or `cloud-href`. */
const views = new SubViews({ x: () => import('./extras.js') }, strings.en);

/** Detail of `voc-error`: the one shape every element fires (`VocErrorDetail` in core); `action` is `load`. */
export type PulseErrorDetail = VocErrorDetail;

/** The blocks of the element, each of which an attribute `no-<block>` turns off. */
export const BLOCKS = ['volume', 'hours', 'backlog', 'topics', 'actions', 'speed'] as const;
export type Block = (typeof BLOCKS)[number];

/** Live changes come in bursts: one reload for all events within this many ms. */
const LIVE_DELAY = 300;

/** A pulse of zeros: what the element lays out while the first answer is on its way, so nothing moves when it comes. */
function zeroPulse(since: PulseWindow): Pulse {
  const period: PulsePeriod = {
    from: '',
    to: '',
    totals: { compliment: 0, idea: 0, complaint: 0 },
    actions: { statusMoves: 0, announcements: 0, incidentsResolved: 0 },
    medianFirstReplyHours: null,
    medianResolutionHours: null,
    confirmedResolvedShare: null,
  };
  return {
    site: '',
    since,
    current: period,
    previous: period,
    days: Array(parseInt(since)).fill({ date: '', ...period.totals }),
    hourOfWeek: Array(168).fill(0),
    backlog: { open: 0, awaitingConfirmation: 0, reopened: 0 },
    topComplaintTopics: [],
  };
}

/**
 * Public transparency: what customers told the company (feedback by kind over time, and when), its complaints open
 * now and the topics most complained about with what is being done, what the team did, and how fast complaints are
 * made right, each against the previous period. Live: new feedback and status moves update the numbers in place.
 * Every chart has a text summary and a table.
 *
 * @tagname voc-pulse
 * @csspart base - the whole element
 * @csspart windows - the period switch
 * @csspart window - one period button
 * @csspart block - each block (volume, hours, backlog, topics, actions, speed)
 * @csspart chart - each chart (an SVG)
 * @csspart table - each table
 * @csspart topic - one top complaint topic
 * @csspart badge - a topic's status
 * @cssprop --voc-pulse-gap - space between blocks (default: 2 × `--voc-space`)
 * @cssprop --voc-pulse-background - background of a block (default: `--voc-color-surface`)
 * @cssprop --voc-pulse-heat - colour of the busiest hours in the heat map (default: `--voc-color-accent`)
 * @cssprop --voc-pulse-grid - chart base lines and empty heat-map cells (default: `--voc-color-border`)
 * @cssprop --voc-pulse-pattern - colour of the stripes and dots that tell kinds apart without colour (default: `--voc-color-surface`)
 * @fires voc-error - the numbers could not be loaded; detail: `VocErrorDetail` (`{ code, message, action, error }`,
 *   `action` is `load`)
 */
export class VocPulse extends VocElement {
  static override styles = [base, styles];
  static override properties: PropertyDeclarations = {
    since: { reflect: true },
    headingLevel: { type: Number, attribute: 'heading-level' },
    noHeading: { type: Boolean, attribute: 'no-heading' },
    noVolume: { type: Boolean, attribute: 'no-volume' },
    noHours: { type: Boolean, attribute: 'no-hours' },
    noBacklog: { type: Boolean, attribute: 'no-backlog' },
    noTopics: { type: Boolean, attribute: 'no-topics' },
    noActions: { type: Boolean, attribute: 'no-actions' },
    noSpeed: { type: Boolean, attribute: 'no-speed' },
    feedHref: { attribute: 'feed-href' },
    cloudHref: { attribute: 'cloud-href' },
    timeZone: { attribute: 'time-zone' },
  };

  /** Period: `7d`, `30d` (default), `90d` or `365d`; the reader can switch it. */
  since: PulseWindow = '30d';

  /** Level of the element's heading (1–5, default 2); each block's heading is one level deeper. */
  headingLevel = 2;

  /** Leaves out the visible heading, for pages that have their own. */
  noHeading = false;

  /** Leaves out feedback by kind over time. */
  noVolume = false;

  /** Leaves out the hour-of-week heat map. */
  noHours = false;

  /** Leaves out the complaints open now. */
  noBacklog = false;

  /** Leaves out the top complaint topics. */
  noTopics = false;

  /** Leaves out the actions taken. */
  noActions = false;

  /** Leaves out how fast complaints are made right. */
  noSpeed = false;

  /**
   * Address of the page with the site's `<voc-status-feed>` (http(s) or relative): each top complaint topic links to
   * its item there, and what the team did to the feed. Without it, no number is a link.
   */
  feedHref?: string;

  /** Address of the page with the site's `<voc-cloud>`: this period's feedback totals by kind link there. */
  cloudHref?: string;

  /** IANA time zone of the heat map (`Europe/Berlin`); default the reader's. One that is not a zone is warned about. */
  timeZone?: string;

  /** What the live region says: "Numbers updated." after a live reload (a space added to say it again). */
  #announcement = '';

  #i18n = new Localizer<PulseStrings>(this, strings, loaders);
  /** The numbers: the adapter, then its pulse for the period (a new run aborts the one before). */
  #load = new Load<Pulse>(
    this,
    async (signal) => {
      const adapter = await this.getAdapter();
      if (!signal.aborted) this.#live.use(adapter);
      return adapter.pulse({ since: this.since }, { signal });
    },
    (error) => this.#fail(error),
  );
  /** Live changes reload the numbers; so does the connection coming back after a drop (what it missed). */
  #live = new Live(
    this,
    (event) => this.#onLive(event),
    () => this.#onLive(),
  );
  #liveTimer?: ReturnType<typeof setTimeout>;
  /** The tables the reader opened. */
  #open = new Set<Key>();
  #views = new SubViewController(this, views, (error) => this.#fail(error));
  #zone?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the page: what disconnectedCallback stopped starts again
    if (this.hasUpdated) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback(); // the Load and Live controllers abort the pending load and end the subscription
    clearTimeout(this.#liveTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!PULSE_WINDOWS.includes(this.since)) this.since = '30d';
    if (changed.has('timeZone')) this.#zone = undefined;
    if (['since', 'adapter', 'endpoint', 'site'].some((k) => changed.has(k as keyof VocPulse)) && this.isConnected) void this.reload();
  }

  /** Loads the numbers again (the period or the backend changed, a retry, or a live change). */
  async reload(): Promise<void> {
    await this.#load.run();
  }

  /** `loading` only while the period shown is not the one asked for: a live reload keeps the numbers on screen. */
  get #status(): 'loading' | 'ready' | 'error' {
    const { status, value } = this.#load;
    if (status === 'error') return 'error';
    // with a time-zone attribute, the heat map waits for its check
    return value?.since === this.since && !(this.timeZone && !views.loaded.x && !this.#views.failed('x')) ? 'ready' : 'loading';
  }

  #onLive(event?: LiveEvent): void {
    if (event?.type === 'cloud') return; // the same submission also comes as a `feedback` event
    this.#liveTimer ??= setTimeout(() => {
      this.#liveTimer = undefined;
      void this.reload().then(() => {
        if (this.#status === 'ready') {
          const updated = this.#t('updated');
          this.#announcement = this.#announcement === updated ? `${updated} ` : updated;
          this.requestUpdate();
        }
      });
    }, LIVE_DELAY);
  }

  /** Reports what could not be loaded (the numbers, or the extras) as `voc-error`. */
  #fail(error: unknown): void {
    this.emit('voc-error', errorDetail(error, 'load'));
  }

  // ——— rendering ———

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  /** What the blocks need of this element. */
  #blocks(): Blocks {
    const x = this.#open.size || this.feedHref != null || this.cloudHref != null || this.timeZone ? this.#views.get('x') : undefined;
    // a time-zone attribute is checked once (with a warning when it is not a zone)
    if (x && this.timeZone && this.#zone === undefined) this.#zone = x.zone(this.timeZone) ?? '';
    return {
      t: (key, values) => this.#t(key, values),
      n: (value, options) => this.#i18n.number(value, options),
      d: (value, options) => this.#i18n.date(value, options),
      level: headingLevel(this.headingLevel) + (this.noHeading ? 0 : 1),
      open: this.#open,
      x,
      feed: x?.page(this.feedHref, 'feed-href'),
      cloud: x?.page(this.cloudHref, 'cloud-href'),
      zone: this.#zone || undefined,
      toggle: (table, open) => {
        if (open) this.#open.add(table);
        else this.#open.delete(table);
        this.requestUpdate();
      },
    };
  }

  override render() {
    const status = this.#status;
    const p = status === 'ready' ? this.#load.value! : zeroPulse(this.since);
    const c = this.#blocks();
    const blocks: Array<[boolean, (c: Blocks, p: Pulse) => TemplateResult]> = [
      [this.noVolume, volume],
      [this.noHours, hours],
      [this.noBacklog, backlog],
      [this.noTopics, topics],
      [this.noActions, actions],
      [this.noSpeed, speed],
    ];
    return html`<section
      part="base"
      class="base"
      dir=${this.#i18n.dir}
      aria-labelledby=${this.noHeading ? nothing : 'title'}
      aria-label=${this.noHeading ? this.#t('title') : nothing}
      aria-busy=${status === 'loading'}
    >
      <svg class="defs" aria-hidden="true">
        <pattern id="idea" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect class="idea-fill" width="8" height="8"></rect>
          <rect class="mark" width="3" height="8"></rect>
        </pattern>
        <pattern id="complaint" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect class="complaint-fill" width="6" height="6"></rect>
          <circle class="mark" cx="3" cy="3" r="1.3"></circle>
        </pattern>
      </svg>
      <div class="bar">
        ${this.noHeading ? nothing : html`<div role="heading" aria-level=${headingLevel(this.headingLevel)} id="title" class="h2">${this.#t('title')}</div>`}
        <div part="windows" class="windows" role="group" aria-label=${this.#t('period')}>
          ${PULSE_WINDOWS.map(
            (w) =>
              html`<button part="window" type="button" aria-pressed=${w === this.since} @click=${() => (this.since = w)}>
                ${this.#t(w)}
              </button>`,
          )}
        </div>
      </div>
      <p class="state" role="status">
        ${status === 'loading' ? this.#t('loading') : nothing}
        ${
          status === 'error'
            ? html`<span class="error">${this.#t('error')}</span>
                <button type="button" @click=${() => this.reload()}>${this.#t('retry')}</button>`
            : nothing
        }
        ${this.#live.online ? nothing : this.#t('offline')}
      </p>
      <div class="blocks ${status}">${blocks.map(([off, block]) => (off ? nothing : block(c, p)))}</div>
      <p class="visually-hidden" aria-live="polite">${this.#announcement}</p>
    </section>`;
  }
}
