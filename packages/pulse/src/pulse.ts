import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import {
  KINDS,
  Localizer,
  PULSE_WINDOWS,
  VocElement,
  VocError,
  base,
  type Kind,
  type LiveEvent,
  type Pulse,
  type PulsePeriod,
  type PulseWindow,
  type Unsubscribe,
  type VocAdapter,
} from '@voc-kit/core';
import { busiest, columns, heat, total } from './charts.js';
import { styles } from './pulse.styles.js';
import { loaders, strings, type PulseStrings } from './strings.js';

type Key = keyof PulseStrings & string;

/** Detail of `voc-error`: `code` is an adapter error code (`network`, `server`, …) or `unknown`. */
export interface PulseErrorDetail {
  code: string;
  /** English message, for logs. */
  message: string;
}

/** The blocks of the element, each of which an attribute `no-<block>` turns off. */
export const BLOCKS = ['volume', 'hours', 'backlog', 'topics', 'actions', 'speed'] as const;
export type Block = (typeof BLOCKS)[number];

// SVG boxes of the charts (scaled to the element's width, so their height follows it and never the data)
const W = 700;
const H = 160;
const CELL = 10;
/** Live changes come in bursts: one reload for all events within this many ms. */
const LIVE_DELAY = 300;

/** Compliments are solid; ideas striped and complaints dotted (patterns below), so colour is never the only cue. */
const fillOf = (kind: Kind) => (kind === 'compliment' ? nothing : `url(#${kind})`);

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
    days: Array.from({ length: Number.parseInt(since, 10) }, () => ({ date: '', compliment: 0, idea: 0, complaint: 0 })),
    hourOfWeek: Array.from({ length: 168 }, () => 0),
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
 * @fires voc-error - the numbers could not be loaded; detail: `{ code, message }`
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
    pulse: { state: true, attribute: false },
    status: { state: true, attribute: false },
    online: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
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

  private pulse?: Pulse;
  private status: 'loading' | 'ready' | 'error' = 'loading';
  private online = true;
  private announcement = '';

  #i18n = new Localizer<PulseStrings>(this, strings, loaders);
  #loads?: AbortController;
  #loading?: Promise<void>;
  #subscribedTo?: VocAdapter;
  #unsubscribe?: Unsubscribe;
  #liveTimer?: ReturnType<typeof setTimeout>;
  /** The tables the reader opened. */
  #open = new Set<Key>();

  override connectedCallback(): void {
    super.connectedCallback();
    // moved in the page: what disconnectedCallback stopped starts again
    if (this.hasUpdated) void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loads?.abort();
    this.#unsubscribe?.();
    this.#unsubscribe = this.#subscribedTo = undefined;
    clearTimeout(this.#liveTimer);
  }

  /** Also waits for the numbers being loaded, so `await el.updateComplete` shows a settled state. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.#loading;
    return super.getUpdateComplete();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    void this.#i18n.load();
    if (!PULSE_WINDOWS.includes(this.since)) this.since = '30d';
    if (['since', 'adapter', 'endpoint', 'site'].some((k) => changed.has(k as keyof VocPulse)) && this.isConnected) void this.reload();
  }

  /** Loads the numbers again (the period or the backend changed, a retry, or a live change). */
  reload(): Promise<void> {
    this.#loads?.abort();
    const loads = (this.#loads = new AbortController());
    if (this.pulse?.since !== this.since) this.status = 'loading';
    return (this.#loading = (async () => {
      try {
        const adapter = await this.getAdapter();
        if (loads.signal.aborted) return;
        this.#subscribe(adapter);
        const pulse = await adapter.pulse({ since: this.since }, { signal: loads.signal });
        if (loads.signal.aborted) return;
        this.pulse = pulse;
        this.status = 'ready';
      } catch (error) {
        if (loads.signal.aborted) return;
        this.status = 'error';
        this.emit<PulseErrorDetail>('voc-error', {
          code: error instanceof VocError ? error.code : 'unknown',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    })());
  }

  #subscribe(adapter: VocAdapter): void {
    if (this.#subscribedTo === adapter) return;
    this.#unsubscribe?.();
    this.#subscribedTo = adapter;
    this.#unsubscribe = adapter.subscribe((event) => this.#onLive(event), {
      onConnection: (up) => {
        // back after a drop: catch up on what was missed
        if (up && !this.online) this.#onLive();
        this.online = up;
      },
    });
  }

  #onLive(event?: LiveEvent): void {
    if (event?.type === 'cloud') return; // the same submission also comes as a `feedback` event
    this.#liveTimer ??= setTimeout(() => {
      this.#liveTimer = undefined;
      void this.reload().then(() => {
        if (this.status === 'ready')
          this.announcement = this.announcement === this.#t('updated') ? `${this.#t('updated')} ` : this.#t('updated');
      });
    }, LIVE_DELAY);
  }

  #choose(since: PulseWindow): void {
    this.since = since;
  }

  // ——— formatting ———

  #t(key: Key, values?: Record<string, string | number>): string {
    return this.#i18n.t(key, values);
  }

  #n(value: number): string {
    return this.#i18n.number(value);
  }

  /** Hours as hours below two days, else as days, in the element's language. */
  #duration(hours: number | null): string {
    if (hours === null) return this.#t('none');
    const [value, unit] = hours < 48 ? [hours, 'hour'] : [hours / 24, 'day'];
    return this.#i18n.number(value, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: value < 10 ? 1 : 0 });
  }

  #share(share: number | null): string {
    return share === null ? this.#t('none') : this.#i18n.number(share, { style: 'percent' });
  }

  #day(date: string): string {
    return date ? this.#i18n.date(`${date}T00:00:00Z`, { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '';
  }

  /** Weekday `day` (0 = Monday) in the element's language; 2024-01-01 was a Monday. */
  #weekday(day: number, weekday: 'short' | 'long' = 'short'): string {
    return this.#i18n.date(Date.UTC(2024, 0, 1 + day), { weekday, timeZone: 'UTC' });
  }

  #level(): number {
    return Math.min(Math.max(Math.round(this.headingLevel) || 2, 1), 5);
  }

  // ——— rendering ———

  #heading(id: string, key: Key): TemplateResult {
    return html`<div role="heading" aria-level=${this.#level() + (this.noHeading ? 0 : 1)} id=${id} class="h3">${this.#t(key)}</div>`;
  }

  /** A chart's table, behind "Show as table"; its rows are made only while it is open (a year has 365). */
  #table(caption: Key, head: string[], rows: () => Array<[string, ...string[]]>): TemplateResult {
    return html`<details @toggle=${(e: Event) => this.#toggle(caption, (e.target as HTMLDetailsElement).open)}>
      <summary>${this.#t('showTable')}</summary>
      ${
        this.#open.has(caption)
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${this.#t(caption)}>
              <table part="table">
                <caption class="visually-hidden">
                  ${this.#t(caption)}
                </caption>
                <thead>
                  <tr>
                    ${head.map((h) => html`<th scope="col">${h}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${rows().map(
                    ([first, ...rest]) =>
                      html`<tr>
                        <th scope="row">${first}</th>
                        ${rest.map((c) => html`<td>${c}</td>`)}
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
    </details>`;
  }

  #toggle(table: Key, open: boolean): void {
    if (open) this.#open.add(table);
    else this.#open.delete(table);
    this.requestUpdate();
  }

  /** Rows of figures, this period against the previous one. */
  #compare(caption: Key, rows: Array<[Key, string, string]>, swatch = false): TemplateResult {
    return html`<table part="table" class="compare">
      <caption class="visually-hidden">
        ${this.#t(caption)}
      </caption>
      <thead>
        <tr>
          <td></td>
          <th scope="col">${this.#t('current')}</th>
          <th scope="col">${this.#t('previous')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([key, now, before]) =>
            html`<tr>
              <th scope="row">
                ${
                  swatch
                    ? html`<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
                        <rect class=${key} fill=${fillOf(key as Kind)} width="16" height="16"></rect>
                      </svg>`
                    : nothing
                }${this.#t(key)}
              </th>
              <td>${now}</td>
              <td>${before}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #volume(p: Pulse): TemplateResult {
    const { columns: cols, max } = columns(p.days, W, H);
    const n = (x: number) => this.#n(x);
    const summary = this.#t('volumeSummary', { total: n(total(p.current.totals)), previous: n(total(p.previous.totals)), max: n(max) });
    return html`<section part="block" class="block volume" aria-labelledby="volume">
      ${this.#heading('volume', 'volume')}
      <p class="summary">${total(p.current.totals) ? summary : this.#t('empty')}</p>
      <div class="chart">
        <span class="max" aria-hidden="true">${this.#t('perDay', { count: n(max) })}</span>
        <svg part="chart" viewBox="0 0 ${W} ${H}" aria-hidden="true">
          <line class="grid" x1="0" x2=${W} y1=${H - 0.5} y2=${H - 0.5}></line>
          ${cols.map((c) => c.segments.map((s) => svg`<rect class=${s.kind} fill=${fillOf(s.kind)} x=${c.x} width=${c.width} y=${s.y} height=${s.height}></rect>`))}
        </svg>
        <div class="axis" aria-hidden="true"><span>${this.#day(p.days[0]?.date)}</span><span>${this.#day(p.days.at(-1)!.date)}</span></div>
      </div>
      ${this.#compare(
        'volume',
        KINDS.map((k): [Kind, string, string] => [k, n(p.current.totals[k]), n(p.previous.totals[k])]),
        true,
      )}
      ${this.#table('volume', [this.#t('date'), ...KINDS.map((k) => this.#t(k))], () =>
        p.days.map((d) => [this.#day(d.date), ...KINDS.map((k) => n(d[k]))]),
      )}
    </section>`;
  }

  #hours(p: Pulse): TemplateResult {
    const top = busiest(p.hourOfWeek);
    const max = top?.count ?? 0;
    const days = [0, 1, 2, 3, 4, 5, 6];
    const hour = (h: number) => `${this.#i18n.number(h, { minimumIntegerDigits: 2 })}:00`;
    return html`<section part="block" class="block hours" aria-labelledby="hours">
      ${this.#heading('hours', 'hours')}
      <p class="summary">
        ${
          top
            ? this.#t('hoursSummary', {
                day: this.#weekday(top.day, 'long'),
                hour: `${hour(top.hour)}–${hour(top.hour + 1)}`,
                count: this.#n(top.count),
              })
            : this.#t('empty')
        }
      </p>
      <div class="heat" aria-hidden="true">
        <div class="weekdays">${days.map((d) => html`<span>${this.#weekday(d)}</span>`)}</div>
        <svg part="chart" viewBox="0 0 ${24 * CELL} ${7 * CELL}">
          ${p.hourOfWeek.map(
            (count, i) =>
              svg`<rect class="cell" x=${(i % 24) * CELL + 0.5} y=${Math.floor(i / 24) * CELL + 0.5} width=${CELL - 1} height=${CELL - 1} fill-opacity=${heat(count, max)}></rect>`,
          )}
        </svg>
        <div class="axis">${[0, 6, 12, 18, 24].map((h) => html`<span>${hour(h)}</span>`)}</div>
      </div>
      ${this.#table('hours', [this.#t('day'), ...Array.from({ length: 24 }, (_, h) => hour(h))], () =>
        days.map((d) => [this.#weekday(d, 'long'), ...p.hourOfWeek.slice(d * 24, d * 24 + 24).map((c) => this.#n(c))]),
      )}
    </section>`;
  }

  #backlog(p: Pulse): TemplateResult {
    const rows: Array<[Key, number]> = [
      ['open', p.backlog.open],
      ['awaiting', p.backlog.awaitingConfirmation],
      ['reopened', p.backlog.reopened],
    ];
    return html`<section part="block" class="block backlog" aria-labelledby="backlog">
      ${this.#heading('backlog', 'backlog')}
      <dl class="figures">
        ${rows.map(
          ([key, value]) =>
            html`<div>
              <dt>${this.#t(key)}</dt>
              <dd class=${key}>${this.#n(value)}</dd>
            </div>`,
        )}
      </dl>
    </section>`;
  }

  #topics(p: Pulse): TemplateResult {
    return html`<section part="block" class="block topics" aria-labelledby="topics">
      ${this.#heading('topics', 'topics')}
      <div class="list">
        ${
          p.topComplaintTopics.length
            ? html`<ol>
                ${p.topComplaintTopics.map(
                  (t) =>
                    html`<li part="topic">
                      <div class="topic">
                        <span class="title" dir="auto">${t.title}</span>
                        <span part="badge" class="badge ${t.status}">${this.#t(`status_${t.status}` as Key)}</span>
                        <span class="count">${this.#t(t.count === 1 ? 'topicCountOne' : 'topicCount', { count: this.#n(t.count) })}</span>
                      </div>
                      ${
                        t.latestUpdate
                          ? html`<p class="update">
                              ${this.#t('latest', { date: this.#i18n.date(t.latestUpdate.at) })}
                              <span dir="auto">${t.latestUpdate.message}</span>
                            </p>`
                          : nothing
                      }
                      ${t.expectedBy ? html`<p class="expected">${this.#t('expected', { date: this.#i18n.date(t.expectedBy, { dateStyle: 'medium', timeZone: 'UTC' }) })}</p>` : nothing}
                    </li>`,
                )}
              </ol>`
            : html`<p class="summary">${this.#t('noTopics')}</p>`
        }
      </div>
    </section>`;
  }

  #actions(p: Pulse): TemplateResult {
    const keys = ['statusMoves', 'announcements', 'incidentsResolved'] as const;
    return html`<section part="block" class="block actions" aria-labelledby="actions">
      ${this.#heading('actions', 'actions')}
      ${this.#compare(
        'actions',
        keys.map((k): [Key, string, string] => [k, this.#n(p.current.actions[k]), this.#n(p.previous.actions[k])]),
      )}
    </section>`;
  }

  #speed(p: Pulse): TemplateResult {
    const { current: c, previous: b } = p;
    return html`<section part="block" class="block speed" aria-labelledby="speed">
      ${this.#heading('speed', 'speed')}
      ${this.#compare('speed', [
        ['firstReply', this.#duration(c.medianFirstReplyHours), this.#duration(b.medianFirstReplyHours)],
        ['resolution', this.#duration(c.medianResolutionHours), this.#duration(b.medianResolutionHours)],
        ['share', this.#share(c.confirmedResolvedShare), this.#share(b.confirmedResolvedShare)],
      ])}
    </section>`;
  }

  override render() {
    const p = this.status === 'ready' && this.pulse ? this.pulse : zeroPulse(this.since);
    const blocks: Array<[boolean, (p: Pulse) => TemplateResult]> = [
      [this.noVolume, (x) => this.#volume(x)],
      [this.noHours, (x) => this.#hours(x)],
      [this.noBacklog, (x) => this.#backlog(x)],
      [this.noTopics, (x) => this.#topics(x)],
      [this.noActions, (x) => this.#actions(x)],
      [this.noSpeed, (x) => this.#speed(x)],
    ];
    return html`<section
      part="base"
      class="base"
      dir=${this.#i18n.dir}
      aria-labelledby=${this.noHeading ? nothing : 'title'}
      aria-label=${this.noHeading ? this.#t('title') : nothing}
      aria-busy=${this.status === 'loading'}
    >
      <svg class="defs" aria-hidden="true">
        <defs>
          <pattern id="idea" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect class="idea-fill" width="8" height="8"></rect>
            <rect class="mark" width="3" height="8"></rect>
          </pattern>
          <pattern id="complaint" width="6" height="6" patternUnits="userSpaceOnUse">
            <rect class="complaint-fill" width="6" height="6"></rect>
            <circle class="mark" cx="3" cy="3" r="1.3"></circle>
          </pattern>
        </defs>
      </svg>
      <div class="bar">
        ${this.noHeading ? nothing : html`<div role="heading" aria-level=${this.#level()} id="title" class="h2">${this.#t('title')}</div>`}
        <div part="windows" class="windows" role="group" aria-label=${this.#t('period')}>
          ${PULSE_WINDOWS.map(
            (w) =>
              html`<button part="window" type="button" aria-pressed=${w === this.since} @click=${() => this.#choose(w)}>
                ${this.#t(w)}
              </button>`,
          )}
        </div>
      </div>
      <p class="state" role="status">
        ${this.status === 'loading' ? this.#t('loading') : nothing}
        ${
          this.status === 'error'
            ? html`<span class="error">${this.#t('error')}</span>
                <button type="button" @click=${() => this.reload()}>${this.#t('retry')}</button>`
            : nothing
        }
        ${this.online ? nothing : this.#t('offline')}
      </p>
      <div class="blocks ${this.status}">${blocks.map(([off, block]) => (off ? nothing : block(p)))}</div>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    </section>`;
  }
}
