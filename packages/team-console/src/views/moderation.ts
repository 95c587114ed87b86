import { html } from 'lit';
import type { VocTeamConsole } from '../team-console.js';

/** The pre-moderation queue: items held with status `pending`, newest first. */
export async function loadModeration(c: VocTeamConsole) {
  c.pendingItems = (await c.guard(() => c.client.inbox(c.siteKey, { status: 'pending' })))?.items ?? [];
}

async function decide(c: VocTeamConsole, id: string, action: 'approve' | 'hide') {
  const item = await c.guard(() => c.client.act(c.siteKey, id, action));
  if (!item) return;
  c.pendingItems = c.pendingItems.filter((i) => i.id !== id);
  c.notice = c.t(action === 'approve' ? 'approved' : 'hiddenNotice');
}

export function renderModeration(c: VocTeamConsole) {
  return html`<h2>${c.t('moderation')}</h2>
    <p>${c.t('moderationHelp', { count: c.pendingItems.length })}</p>
    <ul class="queue">
      ${c.pendingItems.map(
        (item) =>
          html`<li class="item ${item.kind}">
            <span class="kind">${c.t(item.kind)}</span>
            <span class="text">${c.said(item.text, item.locale)}</span>
            <time datetime=${item.createdAt}>${c.i18n.relative(item.createdAt)}</time>
            <span class="actions">
              <button
                type="button"
                class="primary"
                aria-label=${c.t('approveItem', { text: c.said(item.text, item.locale).slice(0, 60) })}
                @click=${() => decide(c, item.id, 'approve')}
              >
                ${c.t('approve')}
              </button>
              <button
                type="button"
                aria-label=${c.t('hideItem', { text: c.said(item.text, item.locale).slice(0, 60) })}
                @click=${() => decide(c, item.id, 'hide')}
              >
                ${c.t('hide')}
              </button>
            </span>
          </li>`,
      )}
    </ul>`;
}
