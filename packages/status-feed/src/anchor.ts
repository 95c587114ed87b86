// `#voc-topic-<slug>` in the address (a link from <voc-pulse>, or any page's) brings that topic's item of
// <voc-status-feed> forward: it scrolls into view and takes focus once it is on screen, on load or when the fragment
// changes, once per fragment. A sub-view: loaded when the address has a fragment.
import { topicFragment } from '@voc-kit/core';

/** No strings of its own (a sub-view may bring some). */
export const en = {};

/** The fragment last brought forward (on any feed of the page). */
let shown = '';

/** Brings forward the item of `root` that the address's fragment names, once it is laid out. */
export function bringForward(root: ParentNode): void {
  requestAnimationFrame(() => {
    const hash = location.hash;
    if (hash === shown) return;
    for (const item of root.querySelectorAll<HTMLElement>('[data-key^="t:"]'))
      if (`#${topicFragment(item.dataset.key!.slice(2))}` === hash) {
        shown = hash;
        item.scrollIntoView({ block: 'start' });
        item.focus({ preventScroll: true });
        return;
      }
  });
}
