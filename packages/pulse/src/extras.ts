import { css, html, type TemplateResult } from 'lit';
import { KINDS, topicFragment, type Pulse } from '@voc-kit/core';
import { day, weekday, type Blocks } from './blocks.js';
import { zoneOffset } from './charts.js';

// What not every reader of <voc-pulse> needs, loaded the first time one does (with its styles and English strings):
// the tables behind "Show as table", the links of `feed-href` and `cloud-href`, and the check of `time-zone`.

export const en = {
  date: 'Date',
  day: 'Day',
  hoursTable: 'When we are busiest ({zone})',
  inFeed: '{what}: {count}, in the status feed',
  inCloud: '{what}: {count}, in what customers say',
};

export const styles = css`
  .scroll {
    max-height: 20rem;
    overflow: auto;
    margin-block-start: var(--_voc-space);
  }
  a {
    color: var(--_voc-accent);
  }
`;

const pages = new Map<string, string | undefined>();

/**
 * `href` resolved against the page when it is an http(s) address, else undefined and a warning (once per page).
 * Only the site's own attribute reaches here, never text of an answer.
 */
export function page(href: string | undefined, name: string): string | undefined {
  if (href == null) return;
  const key = `${name}="${href}"`;
  if (!pages.has(key)) {
    let url: URL | undefined;
    try {
      url = new URL(href, document.baseURI);
    } catch {
      // not an address at all
    }
    const ok = url && /^https?:$/.test(url.protocol) ? url.href : undefined;
    if (!ok) console.warn(`VocKit: <voc-pulse> ${key} is not an http(s) or relative address; its numbers stay unlinked.`);
    pages.set(key, ok);
  }
  return pages.get(key);
}

/** `timeZone` when it is an IANA time zone; else undefined (the reader's is shown) and a warning. */
export function zone(timeZone: string): string | undefined {
  try {
    zoneOffset(timeZone, 0);
    return timeZone;
  } catch {
    console.warn(`VocKit: <voc-pulse> time-zone="${timeZone}" is not an IANA time zone; the reader's is shown.`);
  }
}

/**
 * `text`, a figure of `what`, as a link to `href` whose name says what it counts and where it leads (`via`); undefined
 * without `href`. With `slug`, the link leads to that topic's item on the feed's page (`#voc-topic-<slug>`), and to
 * nothing when `slug` is not a slug: the slug rule, not the answer, decides what reaches an address.
 */
export function link(
  c: Blocks,
  href: string | undefined,
  via: 'inFeed' | 'inCloud',
  what: string,
  count: string,
  text = count,
  slug?: string,
): TemplateResult | undefined {
  const fragment = slug === undefined ? '' : topicFragment(slug);
  if (href && fragment !== undefined) {
    if (fragment) href = `${href.split('#')[0]}#${encodeURIComponent(fragment)}`;
    return html`<a href=${href} aria-label=${c.t(via, { what, count })}>${text}</a>`;
  }
}

/** The volume chart's table: a row per day, a column per kind. */
export function volumeTable(c: Blocks, p: Pulse): TemplateResult {
  return table(
    c.t('volume'),
    [c.t('date'), ...KINDS.map((k) => c.t(`kinds.${k}`))],
    p.days.map((d) => [day(c, d.date), ...KINDS.map((k) => c.n(d[k]))]),
  );
}

/** The heat map's table: a row per weekday, a column per hour (`counts`: the 168 hours of the week, Monday first). */
export function hoursTable(c: Blocks, counts: number[], hour: (h: number) => string, zone: string): TemplateResult {
  return table(
    c.t('hoursTable', { zone }),
    [c.t('day'), ...Array.from({ length: 24 }, (_, h) => hour(h))],
    Array.from({ length: 7 }, (_, d) => [weekday(c, d, 'long'), ...counts.slice(d * 24, d * 24 + 24).map((n) => c.n(n))]),
  );
}

/** A chart's table (opened behind "Show as table"), captioned `caption`, its first column row headers. */
function table(caption: string, head: string[], rows: Array<[string, ...string[]]>): TemplateResult {
  return html`<div class="scroll" tabindex="0" role="region" aria-label=${caption}>
    <table part="table">
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([first, ...rest]) =>
            html`<tr>
              <th scope="row">${first}</th>
              ${rest.map((c) => html`<td>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
