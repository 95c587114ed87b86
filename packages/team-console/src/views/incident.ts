import { html } from 'lit';
import { INCIDENT_STATUSES } from '@voc-kit/protocol/model.js';
import type { VocTeamConsole } from '../team-console.js';

const CHECKS = ['sorryStart', 'sorryEnd', 'cause', 'next', 'follow', 'makeUp'] as const;

export function renderIncident(c: VocTeamConsole) {
  return html`<h2>${c.t('incidentTitle')}</h2>
    <div class="split">
      <form class="incident" @submit=${c.openIncident}>
        <label>${c.t('topicSlug')} <input name="slug" required maxlength="64" pattern="[a-z0-9]+(-[a-z0-9]+)*" /></label>
        <label>${c.t('announceTitle')} <input name="title" required maxlength="200" /></label>
        <label
          >${c.t('status')}
          <select name="status">
            ${INCIDENT_STATUSES.map((s) => html`<option value=${s}>${c.statusName(s)}</option>`)}
          </select>
        </label>
        <label>${c.t('incidentText')} <textarea name="message" required maxlength="2000" rows="6"></textarea></label>
        <button type="submit" class="primary">${c.t('openIncident')}</button>
      </form>
      <fieldset class="checklist">
        <legend>${c.t('checklist')}</legend>
        ${CHECKS.map(
          (check) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${c.checks.has(check)}
                @change=${(e: Event) => {
                  const next = new Set(c.checks);
                  if ((e.target as HTMLInputElement).checked) next.add(check);
                  else next.delete(check);
                  c.checks = next;
                }}
              />
              ${c.t(`ck_${check}`)}</label
            >`,
        )}
      </fieldset>
    </div>`;
}
