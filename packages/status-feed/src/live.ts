// The items of <voc-status-feed>'s list: who is who, and how pages join. What arrives live is `live-updates.ts`.
import type { FeedItem } from '@voc-kit/core';

/** An item's identity in the list (a topic by its slug, an announcement by its id). */
export const itemKey = (i: FeedItem): string => (i.type === 'topic' ? `t:${i.topic.slug}` : `a:${i.announcement.id}`);

/** The next page's items joined to the list, each item once; and the first new one, which gets focus. */
export function appendPage(items: FeedItem[], page: FeedItem[]): { items: FeedItem[]; first?: FeedItem } {
  const fresh = page.filter((i) => !items.some((j) => itemKey(j) === itemKey(i)));
  return { items: [...items, ...fresh], first: fresh[0] };
}
