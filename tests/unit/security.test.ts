import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, EXTERNAL_LINK_ALLOWLIST, isAllowedExternalUrl, resolveInside } from '../../main/security.ts';

describe('isAllowedExternalUrl: allowed', () => {
  it.each([
    'https://www.london.gov.uk/who-we-are/what-london-assembly-does/london-assembly-committees',
    'https://london.gov.uk/',
    'https://data.london.gov.uk/dataset/mopac-spend',
    'https://www.gov.uk/government/publications/x',
    'https://www.legislation.gov.uk/ukpga/1999/29/contents',
    'https://WWW.LONDON.GOV.UK/Upper-Case-Host', // hosts are compared lower-cased
    'https://www.london.gov.uk:443/default-port', // the default port is no port at all
    'https://www.ons.gov.uk/search?q=knife+crime#results',
  ])('%s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it('every host on the default allowlist is accepted over https', () => {
    for (const host of EXTERNAL_LINK_ALLOWLIST) expect(isAllowedExternalUrl(`https://${host}/`)).toBe(true);
  });

  it('takes another allowlist when given one', () => {
    expect(isAllowedExternalUrl('https://example.org/x', ['example.org'])).toBe(true);
    expect(isAllowedExternalUrl('https://www.london.gov.uk/', ['example.org'])).toBe(false);
  });
});

describe('isAllowedExternalUrl: refused', () => {
  it.each([
    ['plain http', 'http://www.london.gov.uk/'],
    ['javascript:', 'javascript:alert(document.domain)'],
    ['javascript: with an allowlisted-looking body', 'javascript://www.london.gov.uk/%0Aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file:///C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['blob:', 'blob:https://www.london.gov.uk/0f6f1d8e-0000-0000-0000-000000000000'],
    ['the app scheme', 'app://scrutiny/index.html'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['ftp', 'ftp://www.london.gov.uk/'],
    ['user name and password', 'https://user:secret@www.london.gov.uk/'],
    ['a user name alone', 'https://someone@www.london.gov.uk/'],
    ['an allowlisted host as the user name', 'https://www.london.gov.uk@evil.example/'],
    ['a non-default port', 'https://www.london.gov.uk:8443/'],
    ['port 80 over https', 'https://www.london.gov.uk:80/'],
    ['a lookalike suffix', 'https://london.gov.uk.evil.com/'],
    ['a lookalike prefix', 'https://evil-london.gov.uk/'],
    ['a subdomain not on the list', 'https://evil.london.gov.uk/'],
    ['the host in the path', 'https://evil.example/www.london.gov.uk'],
    ['the host in the query', 'https://evil.example/?u=https://www.london.gov.uk'],
    ['a backslash trick', 'https://evil.example\\@www.london.gov.uk/'],
    ['a trailing dot', 'https://www.london.gov.uk./'],
    ['a punycode lookalike', 'https://xn--lndon-gva.gov.uk/'],
    ['an IP address', 'https://127.0.0.1/'],
    ['protocol-relative', '//www.london.gov.uk/'],
    ['a relative path', '/sources/1'],
    ['empty', ''],
    ['not a URL', 'not a url'],
  ])('%s: %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('resolveInside', () => {
  const root = mkdtempSync(join(tmpdir(), 'scrutiny-resolve-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-abc123.js', join('assets', 'index-abc123.js')],
    ['/assets/index.js?v=1#top', join('assets', 'index.js')],
    ['/assets/a%20b.css', join('assets', 'a b.css')],
    ['/assets/../index.html', 'index.html'], // a .. that stays inside is harmless
    ['//index.html', 'index.html'],
  ])('%s maps to a file under the root', (requestPath, expected) => {
    expect(resolveInside(root, requestPath)).toBe(join(root, expected));
  });

  it.each([
    ['..', '/../secret.txt'],
    ['.. twice', '/../../etc/passwd'],
    ['.. after a folder', '/assets/../../secret.txt'],
    ['a bare ..', '/..'],
    ['%2e%2e', '/%2e%2e/secret.txt'],
    ['%2E%2E upper case', '/%2E%2E/%2E%2E/etc/passwd'],
    ['mixed .%2e', '/.%2e/secret.txt'],
    ['encoded slash', '/..%2fsecret.txt'],
    ['encoded slash, upper case', '/assets%2F..%2F..%2Fsecret.txt'],
    ['encoded backslash', '/..%5csecret.txt'],
    ['encoded backslash, upper case', '/assets%5C..%5C..%5Csecret.txt'],
    ['a raw backslash', '/..\\secret.txt'],
    ['NUL', '/index.html%00.png'],
    ['a raw NUL', '/index.html\0'],
    ['malformed percent encoding', '/%E0%A4%A'],
    ['the root itself', '/.'],
  ])('refuses %s (%s)', (_why, requestPath) => {
    expect(resolveInside(root, requestPath)).toBeNull();
  });

  it('never returns a path outside the root, for any of a batch of hostile paths', () => {
    const hostile = ['../', '..%2f', '%2e%2e%2f', '%2e%2e/', '..%252f', '.%2e/', '%2e./', '..;/', '....//'];
    for (const prefix of hostile) {
      for (let depth = 1; depth <= 4; depth += 1) {
        const result = resolveInside(root, `/${prefix.repeat(depth)}etc/passwd`);
        if (result !== null) expect(result.startsWith(root + sep)).toBe(true);
      }
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows nothing but the page\'s own origin for scripts, and nothing at all by default', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});
