import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../main/paths.ts';
import { seedIds } from '../../../main/store/seed.ts';
import { createStore } from '../../../main/store/store.ts';
import { tempDir } from '../../helpers/temp.ts';

const dir = tempDir();
const store = await createStore(join(dir, 'seeded.sqlite'));
const db = store.db;
// The committee's own text, as published, is the yardstick for the seed.
const termsOfReference = readFileSync(join(PROJECT_ROOT, '..', 'shared', 'seeds', '000_f58579d43b60e182.txt'), 'utf8');

describe('the seeded inquiry', () => {
  it('has the investigation with its three terms of reference and four key questions, word for word', () => {
    expect(db.prepare('SELECT title, committee FROM investigations').all()).toEqual([{ title: 'MOPAC and VRU Commissioning', committee: 'Police and Crime Committee' }]);
    const terms = db.prepare('SELECT number, text FROM tor_items ORDER BY number').all() as { number: number; text: string }[];
    const questions = db.prepare('SELECT number, text FROM key_questions ORDER BY number').all() as { number: number; text: string }[];
    expect(terms.map((t) => t.number)).toEqual([1, 2, 3]);
    expect(questions.map((q) => q.number)).toEqual([1, 2, 3, 4]);
    for (const item of [...terms, ...questions]) expect(termsOfReference).toContain(item.text);
    expect(terms[2]!.text).toContain('30 per cent transfer');
  });

  it('holds the LCPF 2022-25 allocations in pence, summing to exactly £54,000,000', () => {
    const parts = db.prepare("SELECT label, amount_pence, fy_start, fy_end FROM figures WHERE series = 'lcpf-2022-25' ORDER BY sort").all() as {
      label: string; amount_pence: number; fy_start: number; fy_end: number;
    }[];
    expect(parts.map((p) => p.amount_pence)).toEqual([3_931_555_500, 480_000_000, 988_444_500]);
    expect(parts.reduce((sum, p) => sum + p.amount_pence, 0)).toBe(5_400_000_000);
    for (const part of parts) expect([part.fy_start, part.fy_end]).toEqual([2022, 2024]);
  });

  it('holds the commissioning budget history with approximate figures marked', () => {
    const rows = db.prepare("SELECT fy_start, amount_pence, approximate FROM figures WHERE series LIKE 'commissioning-budget%' ORDER BY sort").all();
    expect(rows).toEqual([
      { fy_start: 2012, amount_pence: 2_360_000_000, approximate: 0 },
      { fy_start: 2019, amount_pence: 5_360_000_000, approximate: 0 },
      { fy_start: 2022, amount_pence: 7_000_000_000, approximate: 1 },
      { fy_start: 2022, amount_pence: 9_000_000_000, approximate: 1 },
    ]);
  });

  it('cites the terms of reference for every figure, with where in it the figure stands', () => {
    const figures = db.prepare('SELECT f.label, f.source_locator, s.title FROM figures f JOIN sources s ON s.id = f.source_id').all() as {
      label: string; source_locator: string | null; title: string;
    }[];
    expect(figures).toHaveLength(7);
    for (const figure of figures) {
      expect(figure.title).toBe('MOPAC and VRU Commissioning: terms of reference');
      expect(figure.source_locator).toMatch(/Key issues/);
    }
  });

  it('has the 33 London boroughs with their GSS codes, City of London first and Westminster last', () => {
    const boroughs = db.prepare('SELECT gss_code, name FROM boroughs ORDER BY gss_code').all() as { gss_code: string; name: string }[];
    expect(boroughs).toHaveLength(33);
    boroughs.forEach((borough, index) => expect(borough.gss_code).toBe(`E09${String(index + 1).padStart(6, '0')}`));
    expect(boroughs[0]!.name).toBe('City of London');
    expect(boroughs[19]).toEqual({ gss_code: 'E09000020', name: 'Kensington and Chelsea' });
    expect(boroughs[32]!.name).toBe('Westminster');
    // The 32 after the City are in alphabetical order.
    const names = boroughs.slice(1).map((b) => b.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });

  it('has the funds, the LCPF parts under the LCPF', () => {
    const funds = db.prepare('SELECT f.code, p.code AS parent FROM funds f LEFT JOIN funds p ON p.id = f.parent_fund_id ORDER BY f.code').all();
    expect(funds).toEqual([
      { code: 'DASA', parent: null },
      { code: 'LCPF', parent: null },
      { code: 'LCPF-COCOM', parent: 'LCPF' },
      { code: 'LCPF-DIRECT', parent: 'LCPF' },
      { code: 'LCPF-VRU', parent: 'LCPF' },
      { code: 'LONDON-WIDE', parent: null },
    ]);
  });

  it('gives seed rows the same stable ids in every store', async () => {
    const other = await createStore(join(dir, 'second.sqlite'));
    const ids = (target: typeof db) => target.prepare('SELECT id FROM key_questions ORDER BY number').pluck().all();
    expect(ids(other.db)).toEqual(ids(db));
    expect(other.db.prepare('SELECT id FROM investigations').pluck().get()).toBe(seedIds().investigation);
    other.close();
  });

  it('is where history starts: there is nothing to undo in a new store', () => {
    expect(store.writer.undo()).toBeNull();
    expect(db.prepare('SELECT count(*) FROM tor_items').pluck().get()).toBe(3);
  });

  it('leaves no broken references', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
