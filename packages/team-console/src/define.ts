import { VocTeamConsole } from './team-console.js';

VocTeamConsole.define('voc-team-console');

declare global {
  interface HTMLElementTagNameMap {
    'voc-team-console': VocTeamConsole;
  }
}

export { VocTeamConsole };
