import { statusStrings, type StatusStrings } from './status-strings.js';

/**
 * The strings more than one element shows, in one table (`<voc-cloud>`, `<voc-status-feed>`, `<voc-pulse>`): the
 * status labels (`status.<status>`, see `status-strings.ts`), the kinds (`kinds.<kind>`), the retry button and the
 * note shown while live updates are paused. An element spreads `commonStrings` into its English table, and the
 * language module of its own (`common-strings/<lang>.ts`) into each of its language modules, so the other languages
 * still load only with the language a page speaks. A page replaces any of them with the element's `strings`
 * property, as any string.
 */
export type CommonStrings = StatusStrings & {
  'kinds.compliment': string;
  'kinds.idea': string;
  'kinds.complaint': string;
  retry: string;
  offline: string;
};

/** The shared strings in English. */
export const commonStrings: CommonStrings = {
  ...statusStrings,
  'kinds.compliment': 'Compliments',
  'kinds.idea': 'Ideas',
  'kinds.complaint': 'Complaints',
  retry: 'Try again',
  offline: 'Live updates paused; reconnecting…',
};
