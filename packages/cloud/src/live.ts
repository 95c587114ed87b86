// Live updates of <voc-cloud>: counts that arrive while the cloud is shown. A burst becomes one update, applied by
// `live-update.ts` (loaded with the first one); here the counts from the snapshot and the events waiting.
import type { CloudTerm, Kind, LiveEvent } from '@voc-kit/core';
import { Live } from '@voc-kit/core/live.js';
import { mergePhrases } from '@voc-kit/protocol/text/phrases.js';
import type { Host } from './cloud.js';
import type { LiveUpdate } from './live-update.js';
import type { CloudSizing } from './sizing.js';

export class LiveTerms {
  /** Terms that just arrived live, to fade in. */
  readonly fresh = new Set<string>();
  /** Every known term's counts, also phrases not yet frequent enough to show. */
  counts = new Map<string, CloudTerm>();
  /** Where each shown term is in `terms`. */
  index = new Map<string, number>();
  /** The subscription (ended by the element leaving the page too) and whether its connection is up. */
  readonly connection: Live;
  /** What arrived since the last update. */
  queued: Array<{ kind: Kind; terms: string[]; delta: 1 | -1 }> = [];
  #flushTimer?: ReturnType<typeof setTimeout>;
  /** Applies the updates, once its code is here. */
  #update?: LiveUpdate;
  /** An update is due as soon as its code is here. */
  #due = false;

  constructor(
    readonly h: Host,
    readonly sizing: CloudSizing,
    readonly maxTerms: () => number,
    private readonly load: () => Promise<typeof import('./live-update.js')>,
  ) {
    this.connection = new Live(h, (event) => this.#onLive(event));
  }

  /** Starts from a snapshot: the terms to show, most frequent first. */
  reset(snapshot: CloudTerm[]): CloudTerm[] {
    this.counts = new Map(snapshot.map((t) => [t.term, { ...t, counts: { ...t.counts } }]));
    // a recurring phrase stands for the words it already says ("late delivery", not also "late")
    const terms = mergePhrases([...this.counts.values()]).slice(0, this.maxTerms());
    this.index = new Map(terms.map((t, i) => [t.term, i]));
    this.fresh.clear();
    return terms;
  }

  /** A term's current counts. */
  get(term: string): CloudTerm | undefined {
    return this.counts.get(term);
  }

  stop(): void {
    this.connection.stop();
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#due = false;
    this.#update?.stop();
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
    this.queued.push({ kind, terms, delta: delta === -1 ? -1 : 1 });
    // the first update's code loads meanwhile (`updateComplete` waits for it, and for the update when one is due)
    if (!this.#update)
      void h.track(
        this.load().then(
          (m) => {
            this.#update ??= new m.LiveUpdate(this);
            if (this.#due) this.flush();
          },
          (error: unknown) => h.fail(error, 'part'),
        ),
      );
    // many submissions in a burst become one update
    this.#flushTimer ??= setTimeout(() => this.flush(), 60);
  }

  /** Applies the queued counts (as soon as the code that applies them is here). */
  flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    this.#due = !this.#update;
    this.#update?.flush();
  }
}
