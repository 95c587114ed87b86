// The quotes panel of <voc-cloud>: loaded when a person first chooses a term, not with the cloud.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { CloudTerm, VocAdapter } from '@voc-kit/core';
import { READ_LIMITS } from '@voc-kit/protocol/read-limits.js';
import type { Host } from './cloud.js';
import type { CloudStrings } from './strings.js';

/** The panel's strings in English: they join `strings.en` when the panel loads. */
export const en = {
  quotesTitle: 'What customers said about “{term}”',
  noQuotes: 'No quotes to show.',
  close: 'Close',
  topic: 'Topic: {title}',
  topicStatus: 'Status: {status}',
  updated: 'Updated {when}',
};

export const styles = css`
  .quotes {
    margin-block-start: var(--_gap);
    padding: calc(var(--_gap) * 1.5);
    border: 1px solid var(--_voc-border);
    border-radius: var(--_voc-radius);
  }
  header {
    display: flex;
    justify-content: space-between;
    align-items: start;
    gap: var(--_gap);
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  .quotes ul {
    margin-top: var(--_gap);
    display: grid;
    gap: var(--_gap);
  }
  .quotes blockquote {
    margin: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid;
    color: var(--_voc-text);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .topic {
    margin: var(--_gap) 0 0;
    font-size: 0.85em;
    color: var(--_voc-muted);
  }
  @media (forced-colors: active) {
    .quotes blockquote {
      border-inline-start-color: CanvasText;
    }
  }
`;

/**
 * Opens the panel for `term` (focus on its title), then fetches the real quotes behind it and the status of the topic
 * most of them are about; stops when `signal` aborts.
 */
export async function load(h: Host, term: CloudTerm, adapter: Promise<VocAdapter>, signal: AbortSignal): Promise<void> {
  h.requestUpdate();
  await h.updateComplete;
  h.renderRoot.querySelector<HTMLElement>('#quotes-title')?.focus();
  const a = await adapter;
  const quotes = await a.quotes(
    term.term,
    { since: h.since, limit: READ_LIMITS.quotes.panel, ...(h.kinds?.length && { kinds: h.kinds }) },
    { signal },
  );
  if (signal.aborted) return;
  // quotes have no topic filter in the contract: keep a topic cloud's quotes on its topic
  h.quotes = h.topic ? quotes.filter((q) => q.topic === h.topic) : quotes;
  const bySlug = new Map<string, number>();
  for (const q of quotes) if (q.topic) bySlug.set(q.topic, (bySlug.get(q.topic) ?? 0) + 1);
  const slug = h.topic ?? [...bySlug].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (slug) {
    const topic = (await a.topics({ signal })).find((t) => t.slug === slug);
    if (!signal.aborted) h.quoteTopic = topic;
  }
}

/** Closes the panel and gives focus back to the term it was about. */
function close(h: Host): void {
  const term = h.selected;
  h.closeQuotes();
  void h.updateComplete.then(() => {
    for (const b of h.renderRoot.querySelectorAll<HTMLButtonElement>('button.term')) if (b.dataset.term === term) b.focus();
  });
}

export function render(h: Host, term: CloudTerm): TemplateResult {
  const i18n = h.i18n;
  const t = i18n.t.bind(i18n);
  const topic = h.quoteTopic;
  const latest = topic?.updates[topic.updates.length - 1];
  const status = topic?.incident && topic.incident.status !== 'resolved' ? topic.incident.status : topic?.status;
  const quotes = h.quotes;
  return html`<section
    class="quotes"
    part="quotes"
    aria-labelledby="quotes-title"
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close(h);
      }
    }}
  >
    <header>
      <div>
        <h2 id="quotes-title" tabindex="-1">${t('quotesTitle', { term: term.term })}</h2>
        <div class="quote-meta">${i18n.plural('mentions', term.total)}</div>
      </div>
      <button class="close button" type="button" @click=${() => close(h)}>${t('close')}</button>
    </header>
    ${
      topic
        ? html`<p class="topic">
            ${t('topic', { title: topic.title })} · ${t('topicStatus', { status: t(`status.${status}` as keyof CloudStrings) })}
            ${latest ? ` · ${t('updated', { when: i18n.relative(latest.at) })}${latest.message ? ` — ${latest.message}` : ''}` : nothing}
          </p>`
        : nothing
    }
    ${
      h.quotesFailed
        ? html`<p class="state error" role="alert">${t('error')}</p>`
        : !quotes
          ? html`<p class="state" role="status">${t('loading')}</p>`
          : quotes.length
            ? html`<ul>
                ${quotes.map(
                  (q) =>
                    html`<li data-kind=${q.kind}>
                      <blockquote dir="auto">${q.text}</blockquote>
                      <div class="quote-meta">
                        ${t(`kinds.${q.kind}`)} · <time datetime=${q.createdAt}>${i18n.relative(q.createdAt)}</time>
                      </div>
                    </li>`,
                )}
              </ul>`
            : html`<p class="state">${t('noQuotes')}</p>`
    }
  </section>`;
}
