import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../main/store/ids.ts';

describe('row ids', () => {
  it('are version 7 UUIDs carrying their creation time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 25, 9, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 25, 9, 0, 0));
  });

  it('sort in the order they were made, even many in one millisecond, and never repeat', () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
