// Browser mode's session token: the server opens the page at /#token=TOKEN.
// On first load the token moves from the address into sessionStorage (so a
// reload keeps working) and is removed from the visible URL.

const STORAGE_KEY = 'scrutiny-desk:token';

/** The token in a location hash such as "#token=abc" or "#token=abc&x=1", or null. */
export function tokenFromHash(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body.startsWith('/')) return null; // a route like "#/overview"
  const token = new URLSearchParams(body).get('token');
  return token !== null && token.trim() !== '' ? token.trim() : null;
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage can be disabled; the token then lives in memory only
  }
}

let memoryToken: string | null = null;

/**
 * Takes the token out of the address bar, if it is there, and keeps it for
 * this tab. Call once, before the router reads the hash.
 */
export function captureSessionToken(): void {
  const token = tokenFromHash(window.location.hash);
  if (token === null) return;
  memoryToken = token;
  storage()?.setItem(STORAGE_KEY, token);
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}#/overview`);
}

export function sessionToken(): string | null {
  return memoryToken ?? storage()?.getItem(STORAGE_KEY) ?? null;
}
