import { html, nothing } from 'lit';
import type { VocTeamConsole } from '../team-console.js';

/** Development without SMTP: the mails the server would have sent (owners). */
export async function loadMailbox(c: VocTeamConsole) {
  const box = await c.guard(() => c.client.devMailbox());
  c.mailboxOn = box?.enabled ?? false;
  c.mails = box?.mails ?? [];
}

/** Every part of a mail is shown as text: the HTML part as its source, never rendered. */
export function renderMailbox(c: VocTeamConsole) {
  const open = c.mails.find((m) => m.id === c.mailOpen);
  return html`<h2>${c.t('mailbox')}</h2>
    <p>${c.t(c.mailboxOn ? 'mailboxHelp' : 'mailboxOff')}</p>
    <button type="button" @click=${() => loadMailbox(c)}>${c.t('refresh')}</button>
    ${c.mails.length === 0 ? html`<p>${c.t('mailboxEmpty')}</p>` : nothing}
    <div class="split">
      <ol class="mails" aria-label=${c.t('mails')}>
        ${c.mails.map(
          (m) =>
            html`<li>
              <button type="button" class="open" aria-current=${m.id === c.mailOpen ? 'true' : 'false'} @click=${() => (c.mailOpen = m.id)}>
                <strong>${m.subject}</strong>
                <span class="muted">${c.t('mailTo', { to: m.to })}</span>
                <time datetime=${m.createdAt}>${c.i18n.relative(m.createdAt)}</time>
              </button>
            </li>`,
        )}
      </ol>
      ${
        open
          ? html`<article class="mail" aria-labelledby="mail-h">
              <h3 id="mail-h">${open.subject}</h3>
              <dl>
                <dt>${c.t('mailToLabel')}</dt>
                <dd>${open.to}</dd>
                <dt>${c.t('site')}</dt>
                <dd>${open.site}</dd>
                <dt>${c.t('when')}</dt>
                <dd><time datetime=${open.createdAt}>${c.i18n.date(open.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time></dd>
              </dl>
              <pre class="mail-text">${open.text}</pre>
              ${
                open.html
                  ? html`<details>
                      <summary>${c.t('mailHtml')}</summary>
                      <pre class="mail-html">${open.html}</pre>
                    </details>`
                  : nothing
              }
            </article>`
          : nothing
      }
    </div>`;
}
