// The updates of <voc-cloud>'s live counts, loaded with the first one: growing terms grow in place, new ones join at
// the end, shrinking ones shrink in place and those that reach zero leave; nothing else moves. New terms are told to
// screen readers, at most every few seconds.
import type { CloudTerm } from '@voc-kit/core';
import { foldedInto } from '@voc-kit/protocol/text/phrases.js';
import type { LiveTerms } from './live.js';

/** The live updates' strings in English: they join the element's table with the first update. */
export const en = {
  newTerms: 'New in the cloud: {terms}',
};

export class LiveUpdate {
  #announced: string[] = [];
  #announceTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly l: LiveTerms) {}

  stop(): void {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = undefined;
  }

  /** Applies the queued counts. */
  flush(): void {
    const l = this.l;
    const { h, sizing } = l;
    const layout = sizing.layout;
    const touched = new Set<string>();
    for (const { kind, terms, delta } of l.queued.splice(0)) {
      for (const term of terms) {
        let entry = l.counts.get(term);
        if (!entry) {
          if (delta < 0) continue;
          l.counts.set(term, (entry = { term, counts: { compliment: 0, idea: 0, complaint: 0 }, total: 0 }));
        }
        const before = entry.counts[kind];
        entry.counts[kind] = Math.max(0, before + delta);
        entry.total += entry.counts[kind] - before;
        touched.add(term);
      }
    }
    // kept from flush to flush (rebuilt on reload): a live update allocates little, so it rarely waits for the GC
    let shown = l.index;
    let next = [...h.terms];
    const gone = [...touched].filter((term) => l.counts.get(term)!.total <= 0);
    if (gone.length) {
      for (const term of gone) {
        l.counts.delete(term);
        touched.delete(term);
        layout?.remove(term);
        h.placed.delete(term);
      }
      next = next.filter((t) => !gone.includes(t.term));
      l.index = shown = new Map(next.map((t, i) => [t.term, i]));
    }
    const added: string[] = [];
    let phrases: CloudTerm[] | undefined;
    for (const term of touched) {
      const entry = l.counts.get(term)!;
      const at = shown.get(term);
      const copy = { ...entry, counts: { ...entry.counts } };
      if (at !== undefined) {
        next[at] = copy;
        if (term.includes(' ')) phrases = undefined;
        if (layout?.get(term)) layout.resize(term, sizing.sizeFor(entry.total));
      } else if (
        !(term.includes(' ') && entry.total < 2) &&
        !foldedInto(term, entry.total, (phrases ??= next.filter((t) => t.term.includes(' ')))) &&
        next.length < l.maxTerms()
      ) {
        shown.set(term, next.push(copy) - 1);
        if (term.includes(' ')) phrases.push(copy);
        if (layout && layout.add({ id: term, text: term, size: sizing.sizeFor(entry.total) })) l.fresh.add(term);
        added.push(term);
      }
    }
    h.terms = next;
    // only the touched terms get new positions; the others keep theirs (and their objects, for guard())
    for (const term of touched) {
      const p = layout?.get(term);
      if (p) h.placed.set(term, p);
    }
    if (added.length) this.#announce(added);
  }

  /** Tells screen readers about new terms, at most every few seconds. */
  #announce(terms: string[]): void {
    if (this.l.h.wall) return;
    this.#announced.push(...terms);
    this.#announceTimer ??= setTimeout(() => {
      this.#announceTimer = undefined;
      const list = this.#announced.splice(0);
      this.l.h.announcement = this.l.h.i18n.t('newTerms', { terms: list.slice(0, 5).join(', ') + (list.length > 5 ? ' …' : '') });
    }, 1500);
  }
}
