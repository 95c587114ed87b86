// Live updates of <voc-status-feed>: how an item that arrives live joins the list without moving what the reader
// is reading, and how screen readers hear of them without being flooded.
import type { FeedItem } from '@voc-kit/core';

/** At most one screen-reader announcement of live updates per this many ms; the rest are counted together. */
const LIVE_INTERVAL = 10_000;

/** An item's identity in the list (a topic by its slug, an announcement by its id). */
export const itemKey = (i: FeedItem): string => (i.type === 'topic' ? `t:${i.topic.slug}` : `a:${i.announcement.id}`);

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

/** The next page's items joined to the list, each item once; and the first new one, which gets focus. */
export function appendPage(items: FeedItem[], page: FeedItem[]): { items: FeedItem[]; first?: FeedItem } {
  const fresh = page.filter((i) => !items.some((j) => itemKey(j) === itemKey(i)));
  return { items: [...items, ...fresh], first: fresh[0] };
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
