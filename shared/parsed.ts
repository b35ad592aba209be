// The result of reading something a person typed or a spreadsheet held.
// Parsers return a reason instead of throwing, so importers can show every
// rejected value and why, rather than stopping at the first one.
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}
