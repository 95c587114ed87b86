import { html } from 'lit';
import type { VocTeamConsole } from '../team-console.js';

export function renderMailbox(c: VocTeamConsole) {
  return html`<h2>${c.t('mailbox')}</h2>
    <p>${c.t('mailboxHelp')}</p>`;
}
