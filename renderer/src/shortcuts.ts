// Keyboard shortcuts beyond the pages' Alt+digit (those live in routes.ts).

/** Opens the evidence stores pane: the store open now, its backups, recent stores, open and create. */
export const STORES_SHORTCUT = { label: 'Ctrl+O', aria: 'Control+O' } as const;

export function isStoresShortcut(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; key: string }): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'o';
}
