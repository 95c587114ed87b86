import { html, nothing, svg, type TemplateResult } from 'lit';
import { KINDS, type Kind, type Localizer, type Pulse } from '@voc-kit/core';
import { busiest, columns, heat, rotate, total, zoneOffset } from './charts.js';
import type { PulseStrings } from './strings.js';
import type * as Extras from './extras.js';

// The six blocks of <voc-pulse> (volume, hours, backlog, topics, actions, speed), each a function of the numbers
// and of what the element lends it: its strings and formats, its heading level and the tables the reader opened.

export type Key = keyof PulseStrings & string;

/** What a block needs of the element. */
export interface Blocks {
  t(key: Key, values?: Record<string, string | number>): string;
  /** A number, a date (ISO string or ms) in the element's locale: its Localizer's `number()` and `date()`. */
  n: Localizer<PulseStrings>['number'];
  d: Localizer<PulseStrings>['date'];
  /** Level of the blocks' headings. */
  level: number;
  /** The tables the reader opened. */
  open: Set<Key>;
  toggle(table: Key, open: boolean): void;
  /** The tables and links (`extras.ts`), once loaded: until then tables stay empty and numbers plain text. */
  x?: typeof Extras;
  /** The page with the site's `<voc-status-feed>` and the one with its `<voc-cloud>` (checked http(s) addresses). */
  feed?: string;
  cloud?: string;
  /** IANA time zone of the heat map; undefined: the reader's. */
  zone?: string;
}

// SVG boxes of the charts (scaled to the element's width, so their height follows it and never the data)
const W = 700;
const H = 160;
const CELL = 10;

/** Compliments are solid; ideas striped and complaints dotted (patterns in the element), so colour is never the only cue. */
const fillOf = (kind: Kind) => (kind === 'compliment' ? nothing : `url(#${kind})`);

/** Hours as hours below two days, else as days, in the element's language. */
function duration(c: Blocks, hours: number | null): string {
  if (hours === null) return c.t('none');
  const [value, unit] = hours < 48 ? [hours, 'hour'] : [hours / 24, 'day'];
  return c.n(value, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: value < 10 ? 1 : 0 });
}

function share(c: Blocks, value: number | null): string {
  return value === null ? c.t('none') : c.n(value, { style: 'percent' });
}

/** A `YYYY-MM-DD` day of the answer (a date-only ISO string is read as UTC midnight), short, in the element's language. */
export function day(c: Blocks, date: string): string {
  return date ? c.d(date, { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '';
}

/** Weekday `index` (0 = Monday) in the element's language; 2024-01-01 was a Monday. */
export function weekday(c: Blocks, index: number, style: 'short' | 'long' = 'short'): string {
  return c.d(Date.UTC(2024, 0, 1 + index), { weekday: style, timeZone: 'UTC' });
}

/** The name of `c.zone` (its current offset: "Central European Standard Time"), in the element's language. */
function zoneName(c: Blocks): string {
  const at = Date.now();
  const date = c.d(at, { timeZone: c.zone });
  const named = c.d(at, { timeZone: c.zone, timeZoneName: 'long' });
  return named.startsWith(date) ? named.slice(date.length).replace(/^[\s,،]+/, '') : named;
}

/** A block: its heading (`key`, also its id and class) above what it shows. */
function block(c: Blocks, key: Key, content: TemplateResult): TemplateResult {
  return html`<section part="block" class="block ${key}" aria-labelledby=${key}>
    <div role="heading" aria-level=${c.level} id=${key} class="h3">${c.t(key)}</div>
    ${content}
  </section>`;
}

/**
 * A chart's table, behind "Show as table": made by the extras (`make`) only while it is open (a year has 365 rows).
 */
function table(c: Blocks, key: Key, make: (x: typeof Extras) => TemplateResult): TemplateResult {
  return html`<details @toggle=${(e: Event) => c.toggle(key, (e.target as HTMLDetailsElement).open)}>
    <summary>${c.t('showTable')}</summary>
    ${c.open.has(key) && c.x ? make(c.x) : nothing}
  </details>`;
}

/**
 * Rows of figures, this period against the previous one; with `href`, each of this period's figures links there:
 * the kinds' totals (rows with a kind, which get its swatch) to the cloud, the team's actions to the status feed.
 */
function compare(c: Blocks, caption: Key, rows: Array<[Key, string, string, Kind?]>, href?: string): TemplateResult {
  return html`<table part="table" class="compare">
    <caption class="visually-hidden">
      ${c.t(caption)}
    </caption>
    <thead>
      <tr>
        <td></td>
        <th scope="col">${c.t('current')}</th>
        <th scope="col">${c.t('previous')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([key, now, before, kind]) =>
          html`<tr>
            <th scope="row">
              ${
                kind
                  ? html`<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
                      <rect class=${kind} fill=${fillOf(kind)} width="16" height="16"></rect>
                    </svg>`
                  : nothing
              }${c.t(key)}
            </th>
            <td>${c.x?.link(c, href, kind ? 'inCloud' : 'inFeed', c.t(key), now) ?? now}</td>
            <td>${before}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function volume(c: Blocks, p: Pulse): TemplateResult {
  const { columns: cols, max } = columns(p.days, W, H);
  const n = (x: number) => c.n(x);
  const summary = c.t('volumeSummary', { total: n(total(p.current.totals)), previous: n(total(p.previous.totals)), max: n(max) });
  return block(
    c,
    'volume',
    html`
      <p class="summary">${total(p.current.totals) ? summary : c.t('empty')}</p>
      <div class="chart">
        <span class="max" aria-hidden="true">${c.t('perDay', { count: n(max) })}</span>
        <svg part="chart" viewBox="0 0 ${W} ${H}" aria-hidden="true">
          <line class="grid" x1="0" x2=${W} y1=${H - 0.5} y2=${H - 0.5}></line>
          ${cols.map((c) => c.segments.map((s) => svg`<rect class=${s.kind} fill=${fillOf(s.kind)} x=${c.x} width=${c.width} y=${s.y} height=${s.height}></rect>`))}
        </svg>
        <div class="axis" aria-hidden="true"><span>${day(c, p.days[0]?.date)}</span><span>${day(c, p.days.at(-1)!.date)}</span></div>
      </div>
      ${compare(
        c,
        'volume',
        KINDS.map((k): [Key, string, string, Kind] => [`kinds.${k}`, n(p.current.totals[k]), n(p.previous.totals[k]), k]),
        c.cloud,
      )}
      ${table(c, 'volume', (x) => x.volumeTable(c, p))}
    `,
  );
}

/**
 * The heat map in the reader's time zone (or `time-zone`'s): the UTC hours of the week move by the zone's offset now,
 * in whole hours (`rotate`); a zone half an hour off (India, +5:30) starts its hours at :30. Weeks of the period on
 * the other side of a daylight-saving change show one hour off, as the hours of the week keep no date.
 */
export function hours(c: Blocks, p: Pulse): TemplateResult {
  const offset = zoneOffset(c.zone, Date.now());
  const shift = Math.floor(offset / 60);
  const counts = rotate(p.hourOfWeek, shift);
  const top = busiest(counts);
  const max = top?.count ?? 0;
  const days = [0, 1, 2, 3, 4, 5, 6];
  const two = (x: number) => c.n(x, { minimumIntegerDigits: 2 });
  const hour = (h: number) => `${two(h % 24)}:${two(offset - shift * 60)}`;
  const zone = zoneName(c);
  return block(
    c,
    'hours',
    html`
      <p class="summary">
        ${
          top
            ? c.t('hoursSummary', {
                day: weekday(c, top.day, 'long'),
                hour: `${hour(top.hour)}–${hour(top.hour + 1)}`,
                count: c.n(top.count),
                zone,
              })
            : c.t('empty')
        }
      </p>
      <div class="heat" aria-hidden="true">
        <div class="weekdays">${days.map((d) => html`<span>${weekday(c, d)}</span>`)}</div>
        <svg part="chart" viewBox="0 0 ${24 * CELL} ${7 * CELL}">
          ${counts.map(
            (count, i) =>
              svg`<rect class="cell" x=${(i % 24) * CELL + 0.5} y=${Math.floor(i / 24) * CELL + 0.5} width=${CELL - 1} height=${CELL - 1} fill-opacity=${heat(count, max)}></rect>`,
          )}
        </svg>
        <div class="axis">${[0, 6, 12, 18, 24].map((h) => html`<span>${hour(h)}</span>`)}</div>
      </div>
      ${table(c, 'hours', (x) => x.hoursTable(c, counts, hour, zone))}
    `,
  );
}

export function backlog(c: Blocks, p: Pulse): TemplateResult {
  const rows: Array<[Key, number]> = [
    ['open', p.backlog.open],
    ['awaiting', p.backlog.awaitingConfirmation],
    ['reopened', p.backlog.reopened],
  ];
  return block(
    c,
    'backlog',
    html`
      <dl class="figures">
        ${rows.map(
          ([key, value]) =>
            html`<div>
              <dt>${c.t(key)}</dt>
              <dd class=${key}>${c.n(value)}</dd>
            </div>`,
        )}
      </dl>
    `,
  );
}

export function topics(c: Blocks, p: Pulse): TemplateResult {
  return block(
    c,
    'topics',
    html`
      <div class="list">
        ${
          p.topComplaintTopics.length
            ? html`<ol>
                ${p.topComplaintTopics.map((t) => {
                  const count = c.t(t.count === 1 ? 'topicCountOne' : 'topicCount', { count: c.n(t.count) });
                  return html`<li part="topic">
                    <div class="topic">
                      <span class="title" dir="auto">${c.x?.link(c, c.feed, 'inFeed', t.title, count, t.title, t.slug) ?? t.title}</span>
                      <span part="badge" class="badge ${t.status}">${c.t(`status.${t.status}`)}</span>
                      <span class="count">${count}</span>
                    </div>
                    ${
                      t.latestUpdate
                        ? html`<p class="update">
                            ${c.t('latest', { date: c.d(t.latestUpdate.at) })}
                            <span dir="auto">${t.latestUpdate.message}</span>
                          </p>`
                        : nothing
                    }
                    ${t.expectedBy ? html`<p class="expected">${c.t('expected', { date: c.d(t.expectedBy, { dateStyle: 'medium', timeZone: 'UTC' }) })}</p>` : nothing}
                  </li>`;
                })}
              </ol>`
            : html`<p class="summary">${c.t('noTopics')}</p>`
        }
      </div>
    `,
  );
}

export function actions(c: Blocks, p: Pulse): TemplateResult {
  const keys = ['statusMoves', 'announcements', 'incidentsResolved'] as const;
  return block(
    c,
    'actions',
    html`
      ${compare(
        c,
        'actions',
        keys.map((k): [Key, string, string] => [k, c.n(p.current.actions[k]), c.n(p.previous.actions[k])]),
        c.feed,
      )}
    `,
  );
}

export function speed(c: Blocks, p: Pulse): TemplateResult {
  const { current: a, previous: b } = p;
  return block(
    c,
    'speed',
    html`
      ${compare(c, 'speed', [
        ['firstReply', duration(c, a.medianFirstReplyHours), duration(c, b.medianFirstReplyHours)],
        ['resolution', duration(c, a.medianResolutionHours), duration(c, b.medianResolutionHours)],
        ['share', share(c, a.confirmedResolvedShare), share(c, b.confirmedResolvedShare)],
      ])}
    `,
  );
}
