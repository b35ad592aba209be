// Hash routes: "#/overview", "#/budgets", and "#/overview/budget" to land on a
// section of a page. Alt+1..Alt+7 go to the pages in navigation order.

export const PAGES = [
  { id: 'overview', label: 'Overview' },
  { id: 'services', label: 'Services' },
  { id: 'budgets', label: 'Budgets' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'questions', label: 'Questions' },
  { id: 'imports', label: 'Imports' },
  { id: 'briefing', label: 'Briefing' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export interface Route {
  page: PageId;
  /** A section of the page to scroll to and focus, e.g. "budget". */
  section: string | null;
}

export const DEFAULT_ROUTE: Route = { page: 'overview', section: null };

function isPageId(value: string): value is PageId {
  return PAGES.some((p) => p.id === value);
}

/** Reads "#/budgets" or "#/overview/budget"; anything else is the overview. */
export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z-]+)(?:\/([a-z0-9-]+))?\/?$/.exec(hash);
  if (!m || !isPageId(m[1] ?? '')) return DEFAULT_ROUTE;
  return { page: m[1] as PageId, section: m[2] ?? null };
}

export function routeHref(page: PageId, section?: string): string {
  return section !== undefined ? `#/${page}/${section}` : `#/${page}`;
}

/** The shortcut shown for a page: "Alt+1" for the first. */
export function shortcutFor(page: PageId): string {
  return `Alt+${PAGES.findIndex((p) => p.id === page) + 1}`;
}

/** The page an Alt+digit key press goes to, from KeyboardEvent.code ("Digit3"), or null. */
export function pageForShortcut(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }): PageId | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (!m) return null;
  return PAGES[Number(m[1]) - 1]?.id ?? null;
}
