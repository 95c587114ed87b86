import { html, nothing } from 'lit';
import type { VocTeamConsole } from '../team-console.js';

export function renderAudit(c: VocTeamConsole) {
  return html`<h2>${c.t('audit')}</h2>
    ${c.auditEntries.length === 0 ? html`<p>${c.t('auditEmpty')}</p>` : nothing}
    <ol class="audit">
      ${c.auditEntries.map(
        (e) =>
          html`<li>
            <time datetime=${e.at}>${c.i18n.date(e.at, { dateStyle: 'short', timeStyle: 'medium' })}</time>
            <strong>${e.actor}</strong> <code>${e.action}</code> ${e.target ?? ''}
          </li>`,
      )}
    </ol>`;
}
