// Live updates of <voc-cloud>: counts that arrive while the cloud is shown. A burst becomes one update; growing terms
// grow in place, new ones join at the end, shrinking ones shrink in place and those that reach zero leave; nothing
// else moves. New terms are told to screen readers, at most every few seconds.
import type { CloudTerm, Kind, LiveEvent } from '@voc-kit/core';
import { Live } from '@voc-kit/core/live.js';
import { foldedInto, mergePhrases, showsTerm } from '@voc-kit/protocol/text/phrases.js';
import type { Host } from './cloud.js';
import type { CloudSizing } from './sizing.js';

export class LiveTerms {
  /** Terms that just arrived live, to fade in. */
  readonly fresh = new Set<string>();
  /** Every known term's counts, also phrases not yet frequent enough to show. */
  #counts = new Map<string, CloudTerm>();
  /** Where each shown term is in `terms`. */
  #index = new Map<string, number>();
  /** The subscription (ended by the element leaving the page too) and whether its connection is up. */
  readonly connection: Live;
  #queued: Array<{ kind: Kind; terms: string[]; delta: 1 | -1 }> = [];
  #flushTimer?: ReturnType<typeof setTimeout>;
  #announced: string[] = [];
  #announceTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly h: Host,
    private readonly sizing: CloudSizing,
    private readonly maxTerms: () => number,
  ) {
    this.connection = new Live(h, (event) => this.#onLive(event));
  }

  /** Starts from a snapshot: the terms to show, most frequent first. */
  reset(snapshot: CloudTerm[]): CloudTerm[] {
    this.#counts = new Map(snapshot.map((t) => [t.term, { ...t, counts: { ...t.counts } }]));
    // a recurring phrase stands for the words it already says ("late delivery", not also "late")
    const terms = mergePhrases([...this.#counts.values()]).slice(0, this.maxTerms());
    this.#index = new Map(terms.map((t, i) => [t.term, i]));
    this.fresh.clear();
    return terms;
  }

  /** A term's current counts. */
  get(term: string): CloudTerm | undefined {
    return this.#counts.get(term);
  }

  stop(): void {
    this.connection.stop();
    for (const timer of [this.#flushTimer, this.#announceTimer]) clearTimeout(timer);
    this.#flushTimer = this.#announceTimer = undefined;
  }

  #onLive(event: LiveEvent): void {
    const { h } = this;
    if (event.type === 'topic') {
      if (h.quoteTopic?.slug === event.data.slug) h.quoteTopic = event.data;
      return;
    }
    if (event.type !== 'cloud' || h.status !== 'ready') return;
    const { kind, terms, topic, delta } = event.data;
    if (h.kinds?.length && !h.kinds.includes(kind)) return;
    if (h.topic && topic !== h.topic) return;
    // delta -1: the item was hidden, withdrawn or moved to another topic; its terms shrink or leave
    this.#queued.push({ kind, terms, delta: delta === -1 ? -1 : 1 });
    // many submissions in a burst become one update
    this.#flushTimer ??= setTimeout(() => this.flush(), 60);
  }

  /** Applies the queued counts. */
  flush(): void {
    const { h, sizing } = this;
    const layout = sizing.layout;
    this.#flushTimer = undefined;
    const touched = new Set<string>();
    for (const { kind, terms, delta } of this.#queued.splice(0)) {
      for (const term of terms) {
        let entry = this.#counts.get(term);
        if (!entry) {
          if (delta < 0) continue;
          this.#counts.set(term, (entry = { term, counts: { compliment: 0, idea: 0, complaint: 0 }, total: 0 }));
        }
        const before = entry.counts[kind];
        entry.counts[kind] = Math.max(0, before + delta);
        entry.total += entry.counts[kind] - before;
        touched.add(term);
      }
    }
    // kept from flush to flush (rebuilt on reload): a live update allocates little, so it rarely waits for the GC
    let shown = this.#index;
    let next = [...h.terms];
    const gone = [...touched].filter((term) => this.#counts.get(term)!.total <= 0);
    if (gone.length) {
      for (const term of gone) {
        this.#counts.delete(term);
        touched.delete(term);
        layout?.remove(term);
        h.placed.delete(term);
      }
      next = next.filter((t) => !gone.includes(t.term));
      this.#index = shown = new Map(next.map((t, i) => [t.term, i]));
    }
    const added: string[] = [];
    let phrases: CloudTerm[] | undefined;
    for (const term of touched) {
      const entry = this.#counts.get(term)!;
      const at = shown.get(term);
      const copy = { ...entry, counts: { ...entry.counts } };
      if (at !== undefined) {
        next[at] = copy;
        if (term.includes(' ')) phrases = undefined;
        if (layout?.get(term)) layout.resize(term, sizing.sizeFor(entry.total));
      } else if (
        showsTerm(term, entry.total) &&
        !foldedInto(term, entry.total, (phrases ??= next.filter((t) => t.term.includes(' ')))) &&
        next.length < this.maxTerms()
      ) {
        shown.set(term, next.push(copy) - 1);
        if (term.includes(' ')) phrases.push(copy);
        if (layout && layout.add({ id: term, text: term, size: sizing.sizeFor(entry.total) })) this.fresh.add(term);
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
    if (this.h.wall) return;
    this.#announced.push(...terms);
    this.#announceTimer ??= setTimeout(() => {
      this.#announceTimer = undefined;
      const list = this.#announced.splice(0);
      this.h.announcement = this.h.i18n.t('newTerms', { terms: list.slice(0, 5).join(', ') + (list.length > 5 ? ' …' : '') });
    }, 1500);
  }
}
