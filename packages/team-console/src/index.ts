export { VocTeamConsole } from './team-console.js';
export { strings, loaders, type ConsoleStrings } from './strings.js';
export { SHORTCUTS, shortcutOf, type ShortcutAction } from './shortcuts.js';
