// Wall mode's rotating quotes for <voc-cloud>: loaded only when `wall` is set.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Quote, VocAdapter } from '@voc-kit/core';
import { READ_LIMITS } from '@voc-kit/protocol/read-limits.js';
import type { Host } from './cloud.js';

/** The wall's strings in English: they join `strings.en` when the wall loads. */
export const en = {
  pause: 'Pause quotes',
  play: 'Play quotes',
};

export const styles = css`
  .wall-quote {
    min-height: 4.5em;
    margin: var(--_gap) 0 0;
    font-size: 1.4em;
    text-align: center;
  }
  blockquote {
    margin: 0;
    color: var(--_voc-text);
    overflow-wrap: anywhere;
  }
  figcaption {
    margin-top: 0.3em;
  }
  /* looks like the cloud's other buttons (class "button") */
  .pause {
    display: block;
    margin: var(--_gap) auto 0;
  }
`;

interface Wall {
  quotes: Array<{ term: string; quote: Quote }>;
  index: number;
}
const walls = new WeakMap<Host, Wall>();

/** Fetches the newest real quotes of the current top terms. */
export async function load(h: Host, adapter: Promise<VocAdapter>): Promise<void> {
  const a = await adapter;
  const top = [...h.terms].sort((x, y) => y.total - x.total).slice(0, 6);
  const seen = new Set<string>();
  const quotes: Wall['quotes'] = [];
  for (const { term } of top)
    for (const quote of await a.quotes(term, {
      since: h.since,
      limit: READ_LIMITS.quotes.wall,
      ...(h.kinds?.length && { kinds: h.kinds }),
    }))
      if (!seen.has(quote.id) && !(h.topic && quote.topic !== h.topic)) {
        seen.add(quote.id);
        quotes.push({ term, quote });
      }
  walls.set(h, { quotes, index: 0 });
  h.requestUpdate();
}

/** Shows the next quote every `quoteInterval` seconds; after a full round, fetches again. Returns the timer. */
export function start(h: Host, adapter: () => Promise<VocAdapter>): ReturnType<typeof setInterval> {
  const failed = (error: unknown) => h.fail(error);
  if (h.status === 'ready' && !walls.get(h)?.quotes.length) load(h, adapter()).catch(failed);
  return setInterval(
    () => {
      const wall = walls.get(h);
      if (!wall?.quotes.length || h.wallPaused) return;
      wall.index = (wall.index + 1) % wall.quotes.length;
      h.requestUpdate();
      if (wall.index === 0) load(h, adapter()).catch(failed);
    },
    Math.max(0.05, h.quoteInterval) * 1000,
  );
}

export function render(h: Host): TemplateResult | typeof nothing {
  const wall = walls.get(h);
  const item = wall?.quotes[wall.index];
  if (!item) return nothing;
  // on a page people use (not an unattended kiosk screen), moving content must be stoppable (WCAG 2.2.2)
  const pause = h.kiosk
    ? nothing
    : html`<button
        class="pause button"
        part="pause"
        type="button"
        aria-pressed=${h.wallPaused ? 'true' : 'false'}
        @click=${() => (h.wallPaused = !h.wallPaused)}
      >
        ${h.i18n.t(h.wallPaused ? 'play' : 'pause')}
      </button>`;
  return html`<figure class="wall-quote" part="wall-quote" data-kind=${item.quote.kind}>
      <blockquote dir="auto">“${item.quote.text}”</blockquote>
      <figcaption class="quote-meta">
        ${item.term} · ${h.i18n.t(`kinds.${item.quote.kind}`)} · ${h.i18n.relative(item.quote.createdAt)}
      </figcaption>
    </figure>
    ${pause}`;
}
