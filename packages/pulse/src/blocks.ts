import { html, nothing, svg, type TemplateResult } from 'lit';
import { KINDS, type Kind, type Localizer, type Pulse } from '@voc-kit/core';
import { busiest, columns, heat, total } from './charts.js';
import type { PulseStrings } from './strings.js';

// The six blocks of <voc-pulse> (volume, hours, backlog, topics, actions, speed), each a function of the numbers
// and of what the element lends it: its strings and formats, its heading level and the tables the reader opened.

export type Key = keyof PulseStrings & string;

/** What a block needs of the element. */
export interface Blocks {
  i18n: Localizer<PulseStrings>;
  t(key: Key, values?: Record<string, string | number>): string;
  n(value: number): string;
  /** Level of the blocks' headings. */
  level: number;
  /** The tables the reader opened. */
  open: Set<Key>;
  toggle(table: Key, open: boolean): void;
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
  return c.i18n.number(value, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: value < 10 ? 1 : 0 });
}

function share(c: Blocks, value: number | null): string {
  return value === null ? c.t('none') : c.i18n.number(value, { style: 'percent' });
}

function day(c: Blocks, date: string): string {
  return date ? c.i18n.date(`${date}T00:00:00Z`, { day: 'numeric', month: 'short', timeZone: 'UTC' }) : '';
}

/** Weekday `index` (0 = Monday) in the element's language; 2024-01-01 was a Monday. */
function weekday(c: Blocks, index: number, style: 'short' | 'long' = 'short'): string {
  return c.i18n.date(Date.UTC(2024, 0, 1 + index), { weekday: style, timeZone: 'UTC' });
}

function heading(c: Blocks, id: string, key: Key): TemplateResult {
  return html`<div role="heading" aria-level=${c.level} id=${id} class="h3">${c.t(key)}</div>`;
}

/** A chart's table, behind "Show as table"; its rows are made only while it is open (a year has 365). */
function table(c: Blocks, caption: Key, head: string[], rows: () => Array<[string, ...string[]]>): TemplateResult {
  return html`<details @toggle=${(e: Event) => c.toggle(caption, (e.target as HTMLDetailsElement).open)}>
    <summary>${c.t('showTable')}</summary>
    ${
      c.open.has(caption)
        ? html`<div class="scroll" tabindex="0" role="region" aria-label=${c.t(caption)}>
            <table part="table">
              <caption class="visually-hidden">
                ${c.t(caption)}
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

/** Rows of figures, this period against the previous one. */
function compare(c: Blocks, caption: Key, rows: Array<[Key, string, string]>, swatch = false): TemplateResult {
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
        ([key, now, before]) =>
          html`<tr>
            <th scope="row">
              ${
                swatch
                  ? html`<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true">
                      <rect class=${key} fill=${fillOf(key as Kind)} width="16" height="16"></rect>
                    </svg>`
                  : nothing
              }${c.t(key)}
            </th>
            <td>${now}</td>
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
  return html`<section part="block" class="block volume" aria-labelledby="volume">
    ${heading(c, 'volume', 'volume')}
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
      KINDS.map((k): [Kind, string, string] => [k, n(p.current.totals[k]), n(p.previous.totals[k])]),
      true,
    )}
    ${table(c, 'volume', [c.t('date'), ...KINDS.map((k) => c.t(k))], () =>
      p.days.map((d) => [day(c, d.date), ...KINDS.map((k) => n(d[k]))]),
    )}
  </section>`;
}

export function hours(c: Blocks, p: Pulse): TemplateResult {
  const top = busiest(p.hourOfWeek);
  const max = top?.count ?? 0;
  const days = [0, 1, 2, 3, 4, 5, 6];
  const hour = (h: number) => `${c.i18n.number(h, { minimumIntegerDigits: 2 })}:00`;
  return html`<section part="block" class="block hours" aria-labelledby="hours">
    ${heading(c, 'hours', 'hours')}
    <p class="summary">
      ${
        top
          ? c.t('hoursSummary', {
              day: weekday(c, top.day, 'long'),
              hour: `${hour(top.hour)}–${hour(top.hour + 1)}`,
              count: c.n(top.count),
            })
          : c.t('empty')
      }
    </p>
    <div class="heat" aria-hidden="true">
      <div class="weekdays">${days.map((d) => html`<span>${weekday(c, d)}</span>`)}</div>
      <svg part="chart" viewBox="0 0 ${24 * CELL} ${7 * CELL}">
        ${p.hourOfWeek.map(
          (count, i) =>
            svg`<rect class="cell" x=${(i % 24) * CELL + 0.5} y=${Math.floor(i / 24) * CELL + 0.5} width=${CELL - 1} height=${CELL - 1} fill-opacity=${heat(count, max)}></rect>`,
        )}
      </svg>
      <div class="axis">${[0, 6, 12, 18, 24].map((h) => html`<span>${hour(h)}</span>`)}</div>
    </div>
    ${table(c, 'hours', [c.t('day'), ...Array.from({ length: 24 }, (_, h) => hour(h))], () =>
      days.map((d) => [weekday(c, d, 'long'), ...p.hourOfWeek.slice(d * 24, d * 24 + 24).map((count) => c.n(count))]),
    )}
  </section>`;
}

export function backlog(c: Blocks, p: Pulse): TemplateResult {
  const rows: Array<[Key, number]> = [
    ['open', p.backlog.open],
    ['awaiting', p.backlog.awaitingConfirmation],
    ['reopened', p.backlog.reopened],
  ];
  return html`<section part="block" class="block backlog" aria-labelledby="backlog">
    ${heading(c, 'backlog', 'backlog')}
    <dl class="figures">
      ${rows.map(
        ([key, value]) =>
          html`<div>
            <dt>${c.t(key)}</dt>
            <dd class=${key}>${c.n(value)}</dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

export function topics(c: Blocks, p: Pulse): TemplateResult {
  return html`<section part="block" class="block topics" aria-labelledby="topics">
    ${heading(c, 'topics', 'topics')}
    <div class="list">
      ${
        p.topComplaintTopics.length
          ? html`<ol>
              ${p.topComplaintTopics.map(
                (t) =>
                  html`<li part="topic">
                    <div class="topic">
                      <span class="title" dir="auto">${t.title}</span>
                      <span part="badge" class="badge ${t.status}">${c.t(`status_${t.status}` as Key)}</span>
                      <span class="count">${c.t(t.count === 1 ? 'topicCountOne' : 'topicCount', { count: c.n(t.count) })}</span>
                    </div>
                    ${
                      t.latestUpdate
                        ? html`<p class="update">
                            ${c.t('latest', { date: c.i18n.date(t.latestUpdate.at) })}
                            <span dir="auto">${t.latestUpdate.message}</span>
                          </p>`
                        : nothing
                    }
                    ${t.expectedBy ? html`<p class="expected">${c.t('expected', { date: c.i18n.date(t.expectedBy, { dateStyle: 'medium', timeZone: 'UTC' }) })}</p>` : nothing}
                  </li>`,
              )}
            </ol>`
          : html`<p class="summary">${c.t('noTopics')}</p>`
      }
    </div>
  </section>`;
}

export function actions(c: Blocks, p: Pulse): TemplateResult {
  const keys = ['statusMoves', 'announcements', 'incidentsResolved'] as const;
  return html`<section part="block" class="block actions" aria-labelledby="actions">
    ${heading(c, 'actions', 'actions')}
    ${compare(
      c,
      'actions',
      keys.map((k): [Key, string, string] => [k, c.n(p.current.actions[k]), c.n(p.previous.actions[k])]),
    )}
  </section>`;
}

export function speed(c: Blocks, p: Pulse): TemplateResult {
  const { current: a, previous: b } = p;
  return html`<section part="block" class="block speed" aria-labelledby="speed">
    ${heading(c, 'speed', 'speed')}
    ${compare(c, 'speed', [
      ['firstReply', duration(c, a.medianFirstReplyHours), duration(c, b.medianFirstReplyHours)],
      ['resolution', duration(c, a.medianResolutionHours), duration(c, b.medianResolutionHours)],
      ['share', share(c, a.confirmedResolvedShare), share(c, b.confirmedResolvedShare)],
    ])}
  </section>`;
}
