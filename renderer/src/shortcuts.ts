// Keyboard shortcuts beyond the pages' Alt+digit (those live in routes.ts).

/** Opens the evidence stores pane: the store open now, its backups, recent stores, open and create. */
export const STORES_SHORTCUT = { label: 'Ctrl+O', aria: 'Control+O' } as const;

export function isStoresShortcut(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; key: string }): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'o';
}

/** Undo and redo of the last change to the store (history.undo / history.redo), from anywhere but a text field. */
export const UNDO_SHORTCUT = { label: 'Ctrl+Z', aria: 'Control+Z' } as const;
export const REDO_SHORTCUT = { label: 'Ctrl+Shift+Z', aria: 'Control+Shift+Z Control+Y' } as const;

export function historyShortcut(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; key: string }): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !event.shiftKey) return 'redo';
  return null;
}

const NOT_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** Whether keys typed here edit text, so Ctrl+Z belongs to the field (a read-only text, such as a note being coded, does not). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement) return !target.readOnly;
  if (target instanceof HTMLInputElement) return !NOT_TEXT_INPUTS.has(target.type) && !target.readOnly;
  if (target.isContentEditable) return target.closest('[aria-readonly="true"]') === null;
  return false;
}
