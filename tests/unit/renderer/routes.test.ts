import { describe, expect, it } from 'vitest';
import { pageForShortcut, parseRoute, routeHref, shortcutFor } from '../../../renderer/src/routes.ts';
import { tokenFromHash } from '../../../renderer/src/api/session.ts';

describe('hash routes', () => {
  it('reads pages and sections', () => {
    expect(parseRoute('#/budgets')).toEqual({ page: 'budgets', section: null });
    expect(parseRoute('#/overview/budget')).toEqual({ page: 'overview', section: 'budget' });
  });
  it('falls back to the overview for anything else, including the token', () => {
    expect(parseRoute('')).toEqual({ page: 'overview', section: null });
    expect(parseRoute('#token=abc')).toEqual({ page: 'overview', section: null });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'overview', section: null });
  });
  it('writes links', () => {
    expect(routeHref('evidence')).toBe('#/evidence');
    expect(routeHref('overview', 'checks')).toBe('#/overview/checks');
  });
});

describe('keyboard shortcuts', () => {
  const key = (code: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) =>
    ({ altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code, ...mods });
  it('maps Alt+1..Alt+7 to the pages in navigation order', () => {
    expect(pageForShortcut(key('Digit1'))).toBe('overview');
    expect(pageForShortcut(key('Digit3'))).toBe('budgets');
    expect(pageForShortcut(key('Numpad7'))).toBe('briefing');
    expect(shortcutFor('imports')).toBe('Alt+6');
  });
  it('ignores other keys and combinations', () => {
    expect(pageForShortcut(key('Digit8'))).toBeNull();
    expect(pageForShortcut(key('Digit1', { altKey: false }))).toBeNull();
    expect(pageForShortcut(key('Digit1', { ctrlKey: true }))).toBeNull();
    expect(pageForShortcut(key('KeyA'))).toBeNull();
  });
});

describe('the session token in the address', () => {
  it('is read from #token=', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#token=abc&x=1')).toBe('abc');
  });
  it('is not read from a route or an empty value', () => {
    expect(tokenFromHash('#/overview')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });
});
