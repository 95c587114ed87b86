import { html, nothing } from 'lit';
import { INCIDENT_STATUSES, TOPIC_STATUSES } from '@voc-kit/protocol/model.js';
import type { VocTeamConsole } from '../team-console.js';

export function renderTopics(c: VocTeamConsole) {
  const canAct = c.can('agent');
  return html`<h2>${c.t('topics')}</h2>
    <ul class="topics">
      ${c.topicList.map((topic) => {
        const statuses = topic.incident ? INCIDENT_STATUSES : TOPIC_STATUSES;
        const status = topic.incident?.status ?? topic.status;
        return html`<li class="topic">
          <h3>${topic.title}</h3>
          <p>${c.statusName(status)} · ${c.t('followers', { count: topic.followers })}</p>
          ${
            canAct
              ? html`<form @submit=${(e: Event) => c.moveTopic(e, topic.slug)}>
                    <label
                      >${c.t('status')}
                      <select name="status">
                        ${statuses.map((s) => html`<option value=${s} ?selected=${s === status}>${c.statusName(s)}</option>`)}
                      </select>
                    </label>
                    <label>${c.t('note')} <input name="message" maxlength="2000" /></label>
                    <button type="submit">${c.t('move')}</button>
                  </form>
                  <form @submit=${(e: Event) => c.announce(e, topic.slug)}>
                    <fieldset>
                      <legend>${c.t('announce')}</legend>
                      <label>${c.t('announceTitle')} <input name="title" required maxlength="200" /></label>
                      <label>${c.t('announceBody')} <textarea name="body" required maxlength="3800" rows="3"></textarea></label>
                      <button type="submit" class="primary">${c.t('announce')}</button>
                    </fieldset>
                  </form>`
              : nothing
          }
        </li>`;
      })}
    </ul>`;
}
