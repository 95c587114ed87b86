import { html, nothing, type TemplateResult } from 'lit';
import type { Announcement, Topic, TopicUpdate } from '@voc-kit/core';
import type { Host } from './status-feed.js';
import type { StatusFeedStrings } from './strings.js';

// One item of <voc-status-feed>'s list: an announcement, or a topic with its progress, updates and "me too".

type Key = keyof StatusFeedStrings;

const STEPS = ['heard', 'planned', 'in-progress', 'done'];

/** An "expected by" day (`YYYY-MM-DD`, a UTC calendar day): "12 March 2027". */
const EXPECTED: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };

export function renderAnnouncement(c: Host, a: Announcement): TemplateResult {
  const id = `a-${a.id}`;
  const topic = a.topic ? c.topicList.find((t) => t.slug === a.topic) : undefined;
  return html`<article aria-labelledby=${id} tabindex="-1" data-key=${`a:${a.id}`}>
    <header>
      <div role="heading" aria-level=${c.level() + 1} id=${id} class="h3" dir="auto">${a.title}</div>
      <span part="badge" class="badge" data-status="announcement">${c.t('announcement')}</span>
    </header>
    <p class="meta">${c.when(a.at)}${topic ? ` · ${c.t('about', { title: topic.title })}` : nothing}</p>
    <p class="text" dir="auto">${a.body}</p>
  </article>`;
}

export function renderTopic(c: Host, topic: Topic): TemplateResult {
  const id = `t-${topic.slug}`;
  const incident = topic.incident;
  // the latest update in full, the earlier ones (newest first, as on a status page) one click away: those of the
  // topic's answer, and the older ones the reader loaded or that slid out live (`older-updates.ts`)
  const [latest, ...earlier] = [...(c.history?.shown(topic) ?? topic.updates)].reverse();
  // every earlier update, shown or not yet loaded (an answer carries a topic's latest updates and counts the rest)
  const count = Math.max(earlier.length, topic.updates.length - 1 + (topic.earlierUpdates ?? 0));
  // "Show older updates" while some are not loaded; `loading` or `retry` while it loads or after it failed (a page,
  // or the code of older updates: `unloaded`, said as a page's failure is)
  const unloaded = c.unloaded?.slug === topic.slug ? c.unloaded : undefined;
  const older = count > earlier.length ? (unloaded ? 'retry' : c.history?.status(topic.slug)) : 'end';
  const status = incident?.status ?? topic.status;
  const update = (u: TopicUpdate) =>
    html`<p class="meta"><strong>${c.t(`status.${u.status}` as Key)}</strong> · ${c.when(u.at)}</p>
      ${u.message ? html`<p class="text" dir="auto">${u.message}</p>` : nothing}`;
  return html`<article aria-labelledby=${id} tabindex="-1" data-key=${`t:${topic.slug}`}>
    <header>
      <div role="heading" aria-level=${c.level() + 1} id=${id} class="h3" dir="auto">${topic.title}</div>
      <span part="badge" class="badge" data-status=${status}>${incident ? `${c.t('incident')} · ` : ''}${c.statusText(topic)}</span>
    </header>
    ${
      incident
        ? html`<p class="meta">
            ${c.t('started', { date: c.date(incident.startedAt) })}
            ${incident.resolvedAt ? ` · ${c.t('resolvedAt', { date: c.date(incident.resolvedAt) })}` : nothing}
          </p>`
        : renderSteps(c, topic)
    }
    ${topic.expectedBy && !incident ? html`<p class="meta expected">${c.t('expectedBy', { date: c.i18n.date(topic.expectedBy, EXPECTED) })}</p>` : nothing}
    ${latest ? html`<div class="latest">${update(latest)}</div>` : nothing}
    ${
      count
        ? html`<details>
            <summary>${c.t('earlier', { count: c.i18n.number(count) })}</summary>
            <ol class="timeline">
              ${earlier.map((u) => html`<li tabindex="-1">${update(u)}</li>`)}
            </ol>
            ${
              older === 'end'
                ? nothing
                : html`${unloaded ? html`<p class="error" role="alert">${c.errorText(unloaded.error)}</p>` : c.history?.alert(topic.slug)}
                    <button part="button" class="older" aria-busy=${older === 'loading'} @click=${() => c.older(topic)}>
                      ${c.t(older ?? 'older')}
                    </button>`
            }
          </details>`
        : nothing
    }
    <footer>
      <span class="muted followers">${c.i18n.plural('followers', topic.followers)}</span>
      ${c.meToo.render(topic)}
    </footer>
  </article>`;
}

function renderSteps(c: Host, topic: Topic): TemplateResult {
  const steps = topic.status === 'declined' ? ['heard', 'declined'] : STEPS;
  const at = steps.indexOf(topic.status);
  return html`<ol class="steps" aria-label=${c.t('progress')}>
    ${steps.map(
      (s, i) =>
        html`<li class=${i < at ? 'past' : i === at ? 'now' : 'later'} aria-current=${i === at ? 'step' : 'false'}>
          ${c.t(`status.${s}` as Key)}
        </li>`,
    )}
  </ol>`;
}
