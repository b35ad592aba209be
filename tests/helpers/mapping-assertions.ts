// Shared checks for the mapping layer's tests.
import { expect } from 'vitest';
import type { MapResult } from '../../main/import/map/validate.ts';

/** Every rejection names its row, column and header, says why, and is among its row's reasons. */
export function expectEveryRejectionPlaced(result: MapResult): void {
  const rejections = result.rows.flatMap((r) => r.diagnostics.filter((d) => d.outcome === 'rejected'));
  expect(rejections.length).toBeGreaterThan(0);
  for (const d of rejections) {
    const prefix = d.column === null ? `Row ${d.rowNumber}: ` : `Row ${d.rowNumber}, column ${d.column} (${d.header ?? ''}): `;
    expect(d.message).toBe(`${prefix}${d.detail}`);
    expect(d.detail.length).toBeGreaterThan(10);
    expect(result.rows.find((r) => r.rowNumber === d.rowNumber)?.reasons).toContain(d.message);
  }
  for (const r of result.rows) expect(r.status === 'rejected').toBe(r.reasons.length > 0);
}
