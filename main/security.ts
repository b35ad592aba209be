// Security rules shared by the Electron window and browser mode. Small pure
// functions, each with its own tests.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** The renderer needs nothing from anywhere but its own origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Hosts the app may open in the user's own browser (never inside the app). */
export const EXTERNAL_LINK_ALLOWLIST = [
  'london.gov.uk',
  'www.london.gov.uk',
  'data.london.gov.uk',
  'www.gov.uk',
  'www.legislation.gov.uk',
  'www.ons.gov.uk',
  'www.threesixtygiving.org',
  'standard.threesixtygiving.org',
  'www.w3.org',
];

/** An external link is opened only if it is https on an allowlisted host, with no credentials. */
export function isAllowedExternalUrl(raw: string, allowlist: readonly string[] = EXTERNAL_LINK_ALLOWLIST): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return allowlist.includes(url.hostname.toLowerCase());
}

/**
 * Maps a request path to a file under `root`, or null when it would leave it
 * (../, encoded traversal, absolute paths, NUL bytes, backslashes).
 */
export function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relativePath = decoded.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const target = resolve(base, relativePath);
  const fromBase = relative(base, target);
  if (fromBase === '' || fromBase.startsWith('..') || isAbsolute(fromBase) || fromBase.split(sep).includes('..')) return null;
  return target;
}
