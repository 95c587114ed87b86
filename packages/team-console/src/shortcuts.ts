/** The console's keyboard shortcuts: one table, used by the key handler and by the `?` help. */
export const SHORTCUTS = [
  { key: 'j', action: 'next' },
  { key: 'k', action: 'previous' },
  { key: 'x', action: 'select' },
  { key: 'Enter', action: 'open' },
  { key: 'r', action: 'reply' },
  { key: 't', action: 'topic' },
  { key: 'e', action: 'heard' },
  { key: 'h', action: 'hide' },
  { key: '/', action: 'search' },
  { key: '?', action: 'help' },
] as const;
export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** The action of a key press, or undefined (modifier keys never trigger a shortcut). */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ShortcutAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  return SHORTCUTS.find((s) => s.key === e.key)?.action;
}
