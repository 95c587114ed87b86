// Live updates of <voc-status-feed>, a sub-view loaded with the first live event: how an item that arrives live joins
// the list without moving what the reader is reading, and how screen readers hear of them without being flooded.
import { css, html, type TemplateResult } from 'lit';
import type { FeedItem, Kind, LiveEvent } from '@voc-kit/core';
import { itemKey } from './live.js';
import { TopicHistory } from './older-updates.js';
import type { Host } from './status-feed.js';

/** The live updates' strings in English: they join the element's table when the first live event arrives. */
export const en = {
  liveOne: 'New update: {title}',
  showNew: 'Show new updates ({count})',
  'liveMany.one': '{count} new update',
  'liveMany.other': '{count} new updates',
};

/** "Show new" floats over the top of the list (and stays in view while it scrolls): it never pushes items down. */
export const styles = css`
  .fresh-bar {
    position: sticky;
    top: var(--_gap);
    z-index: 1;
    height: 0;
  }
  .fresh {
    box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
  }
`;

/** At most one screen-reader announcement of live updates per this many ms; the rest are counted together. */
const LIVE_INTERVAL = 10_000;

/** The list and the items waiting behind "Show new". */
export interface Merged {
  items: FeedItem[];
  fresh: FeedItem[];
}

/** A live item: one on screen changes in place; a new one waits behind "Show new" unless the feed is empty. */
export function mergeLive({ items, fresh }: Merged, item: FeedItem, ready: boolean): Merged {
  const key = itemKey(item);
  const at = items.findIndex((i) => itemKey(i) === key);
  if (at >= 0) return { items: items.map((i, n) => (n === at ? item : i)), fresh };
  if (items.length === 0 && ready) return { items: [item], fresh };
  return { items, fresh: [item, ...fresh.filter((i) => itemKey(i) !== key)] };
}

/** "Show new": the waiting items go on top, each item once. */
export function showFresh({ items, fresh }: Merged): FeedItem[] {
  const keys = new Set(fresh.map(itemKey));
  return [...fresh, ...items.filter((i) => !keys.has(itemKey(i)))];
}

/** Tells screen readers about live updates politely, at most once per LIVE_INTERVAL: `say` gets the titles since. */
export class LiveAnnouncer {
  #pending: string[] = [];
  #timer?: ReturnType<typeof setTimeout>;
  #last = 0;

  constructor(private readonly say: (titles: string[]) => void) {}

  add(title: string): void {
    this.#pending.push(title);
    if (this.#timer) return;
    const wait = Math.max(0, this.#last + LIVE_INTERVAL - Date.now());
    this.#timer = setTimeout(() => {
      this.say(this.#pending);
      this.#pending = [];
      this.#last = Date.now();
      this.#timer = undefined;
    }, wait);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** One element's live updates: what each event changes, the announcements, and the "Show new" button. */
export class LiveUpdates {
  #announcer: LiveAnnouncer;

  constructor(private readonly h: Host) {
    this.#announcer = new LiveAnnouncer(([first, ...rest]) => {
      h.live = rest.length ? h.i18n.plural('liveMany', rest.length + 1) : h.t('liveOne', { title: first });
    });
  }

  /** Whether the item of topic `slug` (or an announcement without a topic) passes the filters. */
  #shows(slug: string | undefined): boolean {
    const h = this.h;
    if (h.topic && slug !== h.topic) return false;
    const topic = h.kind && slug ? h.topicList.find((t) => t.slug === slug) : undefined;
    return !topic || topic.counts[h.kind as Kind] > 0;
  }

  /** A live item: one on screen changes in place, a new one waits behind "Show new". */
  #add(item: FeedItem, title: string): void {
    const pages = this.h.pages;
    ({ items: pages.items, fresh: pages.fresh } = mergeLive(pages, item, pages.state === 'ready'));
    this.h.requestUpdate();
    this.#announcer.add(title);
  }

  /** A topic or an announcement that changed: the list, the topic filter and the thread follow. */
  handle(event: LiveEvent): void {
    const h = this.h;
    if (event.type === 'topic') {
      const topic = event.data;
      h.topicList = h.topicList.some((t) => t.slug === topic.slug)
        ? h.topicList.map((t) => (t.slug === topic.slug ? topic : t))
        : [...h.topicList, topic];
      h.view?.topic(topic);
      // an answer carries a topic's latest updates: those that slide out of them as new ones come stay on screen
      const shown = h.pages.items.find((i) => i.type === 'topic' && i.topic.slug === topic.slug);
      if (shown?.type === 'topic' && shown.topic.updates.some((u) => !topic.updates.some((n) => n.id === u.id)))
        (h.history ??= new TopicHistory(h)).keep(shown.topic);
      if (this.#shows(topic.slug)) this.#add({ type: 'topic', at: topic.updatedAt, topic }, `${topic.title}: ${h.statusText(topic)}`);
    } else if (event.type === 'announcement') {
      const a = event.data;
      if (this.#shows(a.topic)) this.#add({ type: 'announcement', at: a.at, announcement: a }, a.title);
    }
  }

  stop(): void {
    this.#announcer.stop();
  }

  async #showFresh(): Promise<void> {
    const pages = this.h.pages;
    const first = pages.fresh[0];
    pages.items = showFresh(pages);
    pages.fresh = [];
    this.h.requestUpdate();
    if (first) await pages.focus(first);
  }

  /** "Show new updates (n)", over the top of the list. */
  bar(): TemplateResult {
    return html`<div class="fresh-bar">
      <button part="button" class="fresh" @click=${() => this.#showFresh()}>
        ${this.h.t('showNew', { count: this.h.i18n.number(this.h.pages.fresh.length) })}
      </button>
    </div>`;
  }
}
