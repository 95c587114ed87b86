import { html } from 'lit';
import type { VocTeamConsole } from '../team-console.js';
import { SHORTCUTS } from '../shortcuts.js';

export function renderSignIn(c: VocTeamConsole) {
  return html`<main class="signin">
    <h1>${c.t('signInTitle')}</h1>
    <p>${c.t('signInHelp')}</p>
    <form @submit=${c.signInWith}>
      <label for="token">${c.t('token')}</label>
      <input id="token" name="token" type="password" autocomplete="off" required />
      <button type="submit" class="primary">${c.t('signIn')}</button>
    </form>
  </main>`;
}

export function renderHelp(c: VocTeamConsole) {
  return html`<dialog id="help" aria-labelledby="help-h">
    <h2 id="help-h">${c.t('help')}</h2>
    <dl class="shortcuts">
      ${SHORTCUTS.map(
        (s) =>
          html`<dt><kbd>${s.key}</kbd></dt>
            <dd>${c.t(`sc_${s.action}`)}</dd>`,
      )}
    </dl>
    <form method="dialog"><button type="submit">${c.t('closeHelp')}</button></form>
  </dialog>`;
}
