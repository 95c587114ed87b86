/**
 * Phrases over words: when a two-word phrase recurs and one of its words is (almost) only ever used inside it,
 * the cloud shows the phrase alone ("late delivery", not also "late"). Pure and list-free, so elements can
 * use it without the stop word lists.
 */
import type { CloudTerm } from '../model.js';

/** True for a two-word phrase term. */
export const isPhrase = (term: string): boolean => term.includes(' ');

/**
 * Whether a term counted `total` times shows in a cloud: above 0, and a phrase (two words) only when it recurs, in
 * at least `minPhraseCount` items (default 2). The server's SQL states the same rule (`shows` in its reads/cloud.ts).
 */
export const showsTerm = (term: string, total: number, minPhraseCount = 2): boolean =>
  total > 0 && (!isPhrase(term) || total >= minPhraseCount);

/** The cloud's order: most frequent first, ties in code-point order of the term (the server's `COLLATE "C"`). */
export const byCount = (a: { term: string; total: number }, b: { term: string; total: number }): number =>
  b.total - a.total || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** A word is folded into a phrase when at least this share of its mentions are in the phrase. */
export const PHRASE_SHARE = 0.8;

/** True when `word` is a part of a shown phrase that holds at least 80 % of its mentions. */
export function foldedInto(word: string, wordTotal: number, phrases: Iterable<CloudTerm>): CloudTerm | undefined {
  if (word.includes(' ')) return undefined;
  for (const p of phrases) {
    if (p.total >= wordTotal * PHRASE_SHARE && p.term.split(' ').includes(word)) return p;
  }
  return undefined;
}

/**
 * The terms with every word left out that a recurring phrase already says (see `foldedInto`); order kept.
 * `minPhraseCount` is how often a phrase must recur to be shown (default 2).
 */
export function mergePhrases<T extends CloudTerm>(terms: readonly T[], minPhraseCount = 2): T[] {
  const phrases = terms.filter((t) => t.term.includes(' ') && t.total >= minPhraseCount);
  if (phrases.length === 0) return [...terms];
  return terms.filter((t) => !foldedInto(t.term, t.total, phrases));
}
