// The current route, kept in step with location.hash.
import { create } from 'zustand';
import { parseRoute, routeHref, type PageId, type Route } from '../routes.ts';

export interface RouterState {
  route: Route;
  /** Bumped on each navigation made in the app, so pages know to move focus. */
  navigations: number;
  go(page: PageId, section?: string): void;
}

export const useRouter = create<RouterState>()((set) => ({
  route: parseRoute(window.location.hash),
  navigations: 0,
  go(page, section) {
    const href = routeHref(page, section);
    if (window.location.hash !== href) window.location.hash = href; // hashchange updates the route
    else set((s) => ({ route: parseRoute(href), navigations: s.navigations + 1 }));
  },
}));

let listening = false;

/** Follows hash changes (links, back and forward). Call once at start-up. */
export function listenToHash(): void {
  if (listening) return;
  listening = true;
  // Read again now: the route was first read when this module loaded, which
  // may have been before the session token was taken out of the address.
  useRouter.setState({ route: parseRoute(window.location.hash) });
  window.addEventListener('hashchange', () => {
    // The session token is read once at start-up; a hash that is not a route stays out of the way.
    useRouter.setState((s) => ({ route: parseRoute(window.location.hash), navigations: s.navigations + 1 }));
  });
}
