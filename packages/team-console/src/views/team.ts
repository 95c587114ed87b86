import { html, nothing } from 'lit';
import { TEAM_ROLES, signature } from '@voc-kit/protocol/team.js';
import type { VocTeamConsole } from '../team-console.js';

export function renderTeam(c: VocTeamConsole) {
  return html`<h2>${c.t('members')}</h2>
    <ul class="members">
      ${c.members.map(
        (m) =>
          html`<li>
            ${signature(m)} · ${c.t(`role_${m.role}`)}
            ${
              m.id !== c.actor?.memberId
                ? html`<button type="button" @click=${() => c.removeMember(m)}>${c.t('remove', { name: m.name })}</button>`
                : nothing
            }
          </li>`,
      )}
    </ul>
    <form class="invite" @submit=${c.inviteMember}>
      <fieldset>
        <legend>${c.t('inviteTitle')}</legend>
        <label>${c.t('name')} <input name="name" required maxlength="100" /></label>
        <label>${c.t('memberTitle')} <input name="title" maxlength="100" /></label>
        <label
          >${c.t('role')}
          <select name="role">
            ${TEAM_ROLES.map((r) => html`<option value=${r} ?selected=${r === 'agent'}>${c.t(`role_${r}`)}</option>`)}
          </select>
        </label>
        <button type="submit" class="primary">${c.t('invite')}</button>
      </fieldset>
    </form>
    ${
      c.inviteResult
        ? html`<p class="invite-link">${c.t('inviteLink', { name: c.inviteResult.name })} <output>${c.inviteResult.url}</output></p>`
        : nothing
    }`;
}
