// A topic's older updates in <voc-status-feed>, a sub-view loaded with the first "Show older updates" (or with the
// first live move that pushes an update out of a topic's latest ones): a topic's answer carries its latest updates
// and counts the rest (`Topic.earlierUpdates`); what the reader loaded, and what slid out as new updates arrived
// live, stays on screen, joined to the updates of the topic's answer.
import { html, type TemplateResult } from 'lit';
import { Load, type Topic, type TopicUpdate } from '@voc-kit/core';
import { READ_LIMITS } from '@voc-kit/protocol/read-limits.js';
import type { Host } from './status-feed.js';

/** The strings of older updates in English: they join the element's table when this code loads. */
export const en = {
  'olderShown.one': '{count} older update shown',
  'olderShown.other': '{count} older updates shown',
};

/** What the element keeps of one topic's updates. */
interface Kept {
  /** Oldest first, one run without a gap, up to the newest update shown. */
  updates: TopicUpdate[];
  /** The run starts with the topic's first update. */
  end?: boolean;
  /** Loading the page before the run (made with the first "Show older updates"). */
  load?: Load<void, [Topic]>;
}

/** `older` and `newer` (each oldest first) together, each update once (as `newer` has it), by time, then as given. */
export function union(older: readonly TopicUpdate[], newer: readonly TopicUpdate[]): TopicUpdate[] {
  const ids = new Set(newer.map((u) => u.id));
  return [...older.filter((u) => !ids.has(u.id)), ...newer].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** One element's kept updates, by topic slug (a new backend starts a new one). */
export class TopicHistory {
  #kept = new Map<string, Kept>();

  constructor(private readonly h: Host) {}

  /**
   * The updates of `topic` to show, oldest first: its own and those kept for it. A kept run that no longer meets
   * the topic's updates (it moved more often than its answer carries while the feed was away) starts again from them.
   */
  shown(topic: Topic): TopicUpdate[] {
    const kept = this.#kept.get(topic.slug);
    if (!kept) return topic.updates;
    const ids = new Set(kept.updates.map((u) => u.id));
    if (ids.size && topic.earlierUpdates && !topic.updates.some((u) => ids.has(u.id))) {
      kept.updates = [];
      kept.end = false;
    }
    return (kept.updates = union(kept.updates, topic.updates));
  }

  /** Keeps what is on screen of `topic` (before a live event replaces it), so no update slides out of view. */
  keep(topic: Topic): void {
    if (!this.#kept.has(topic.slug)) this.#kept.set(topic.slug, { updates: [] });
    this.shown(topic);
  }

  /**
   * What "Show older updates" of `slug` says: `loading`, `retry` after a failure, or `end` when the topic's first
   * update is shown (then there is no button); undefined: its own label.
   */
  status(slug: string): 'loading' | 'retry' | 'end' | undefined {
    const kept = this.#kept.get(slug);
    const status = kept?.load?.status;
    return kept?.end ? 'end' : status === 'loading' ? status : status === 'error' ? 'retry' : undefined;
  }

  /** What went wrong when the last page of `slug` failed (above its button, which then says "Try again"). */
  alert(slug: string): TemplateResult | undefined {
    const load = this.#kept.get(slug)?.load;
    return load?.status === 'error' ? html`<p class="error" role="alert">${this.h.errorText(load.error)}</p>` : undefined;
  }

  /** "Show older updates": the page before the oldest update shown (a second click while it loads starts again). */
  load(topic: Topic): Promise<boolean> {
    const slug = topic.slug;
    let kept = this.#kept.get(slug);
    if (!kept) this.#kept.set(slug, (kept = { updates: [] }));
    const k = kept;
    k.load ??= new Load(
      this.h,
      (signal, t) => this.#page(signal, t, k),
      (error) => this.h.fail(error, 'feed'),
    );
    return k.load.run(topic);
  }

  async #page(signal: AbortSignal, topic: Topic, kept: Kept): Promise<void> {
    const h = this.h;
    const before = this.shown(topic)[0]?.id;
    const api = await h.connect(signal);
    const page = before
      ? await api.topicUpdates(topic.slug, { before, limit: READ_LIMITS.topicUpdates.default }, { signal })
      : { updates: [] };
    // another backend, or the run no longer starts where this page ends: the next click asks again
    if (signal.aborted || h.history !== this || kept.updates[0]?.id !== before) return;
    kept.updates = union(page.updates, kept.updates);
    kept.end = !page.next;
    const item = () => h.renderRoot.querySelector<HTMLElement>(`[data-key="t:${CSS.escape(topic.slug)}"]`);
    // focus follows a reader who asked from the button (or lost it): to the first update shown, or, when none
    // came, back to the button or (gone) the summary
    const button = item()?.querySelector('.older');
    const asked = (button && h.shadowRoot?.activeElement === button) || document.activeElement === document.body;
    h.live = '';
    h.requestUpdate();
    await h.rendered();
    const article = item();
    // the timeline is newest first below the latest update: the newest of the page is the first new one there
    const newest = page.updates.at(-1);
    const at = newest ? kept.updates.findIndex((u) => u.id === newest.id) : -1;
    const first = at >= 0 ? article?.querySelectorAll<HTMLElement>('.timeline > li')[kept.updates.length - 2 - at] : undefined;
    if (asked) (first ?? article?.querySelector<HTMLElement>('.older') ?? article?.querySelector('summary'))?.focus();
    if (page.updates.length) h.live = h.i18n.plural('olderShown', page.updates.length);
  }
}
