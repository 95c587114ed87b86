import { html, nothing } from 'lit';
import { INCIDENT_STATUSES, TOPIC_STATUSES } from '@voc-kit/protocol/model.js';
import { earliestExpectedBy } from '@voc-kit/protocol/validation.js';
import type { VocTeamConsole } from '../team-console.js';

/** An "expected by" day (`YYYY-MM-DD`, a UTC calendar day) in the console's language. */
const EXPECTED: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };

export function renderTopics(c: VocTeamConsole) {
  const canAct = c.can('agent');
  const titleOf = (slug: string) => c.topicList.find((t) => t.slug === slug)?.title ?? slug;
  return html`<h2>${c.t('topics')}</h2>
    <ul class="topics">
      ${c.topicList.map((topic) => {
        const statuses = topic.incident ? INCIDENT_STATUSES : TOPIC_STATUSES;
        const status = topic.incident?.status ?? topic.status;
        if (topic.mergedInto)
          return html`<li class="topic merged">
            <h3>${topic.title}</h3>
            <p>${c.t('mergedInto', { title: titleOf(topic.mergedInto) })}</p>
          </li>`;
        const others = c.topicList.filter((t) => t.slug !== topic.slug && !t.mergedInto);
        return html`<li class="topic">
          <h3>${topic.title}</h3>
          <p>
            ${c.statusName(status)} ·
            ${c.t('followers', { count: topic.followers })}${
              topic.expectedBy ? html` · ${c.t('expectedOn', { date: c.i18n.date(topic.expectedBy, EXPECTED) })}` : nothing
            }
          </p>
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
                    ${
                      topic.incident
                        ? html`<input type="hidden" name="expectedBy" value="" />`
                        : html`<label>${c.t('expectedBy')} <input type="date" name="expectedBy" min=${earliestExpectedBy()} /></label> ${
                              topic.expectedBy
                                ? html`<label class="check"><input type="checkbox" name="clearExpected" /> ${c.t('clearExpected')}</label>`
                                : nothing
                            }`
                    }
                    <button type="submit">${c.t('move')}</button>
                  </form>
                  ${
                    others.length
                      ? html`<form @submit=${(e: Event) => c.mergeTopic(e, topic.slug)}>
                          <label
                            >${c.t('mergeInto')}
                            <select name="into" required>
                              <option value=""></option>
                              ${others.map((t) => html`<option value=${t.slug}>${t.title}</option>`)}
                            </select>
                          </label>
                          <button type="submit">${c.t('merge')}</button>
                        </form>`
                      : nothing
                  }
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
