import { describe, expect, it } from 'vitest';
import {
  batchLine, columnOptionLabel, confidenceWords, countsLine, draftFromMapping, encodingWords, extrasLine, headerLine, importBlocker,
  importButtonLabel, mappingFromDraft, mergeYearColumns, recordLabels, storedValue, undoConsequence, type Counts, type YearColumn,
} from '../../../renderer/src/lib/imports.ts';
import type { ImportPreview } from '../../../shared/import-schemas.ts';

const counts = (patch: Partial<Counts>): Counts => ({
  rowsRead: 0, accepted: 0, rejected: 0, new: 0, updated: 0, duplicate: 0, skipped: 0, newOrganisations: 0, uncertainOrganisations: 0, newServices: 0, ...patch,
});

describe('countsLine', () => {
  it('says rows and what became of them, with thousands separators', () => {
    expect(countsLine(counts({ rowsRead: 1204, accepted: 1192, new: 1150, updated: 30, duplicate: 12, rejected: 12, skipped: 3 }), 'payments'))
      .toBe('1,204 rows: 1,150 new, 30 updated, 12 duplicate, 12 rejected; 3 rows skipped');
  });
  it('names the records when a row gives several (one funding line per year column)', () => {
    expect(countsLine(counts({ rowsRead: 5, accepted: 5, new: 10, skipped: 1 }), 'funding'))
      .toBe('5 rows: 10 new funding lines, 0 updated, 0 duplicate, 0 rows rejected; 1 row skipped');
  });
  it('uses the singular for one', () => {
    expect(countsLine(counts({ rowsRead: 1, accepted: 1, new: 1 }), 'services')).toBe('1 row: 1 new, 0 updated, 0 duplicate, 0 rejected; 0 rows skipped');
  });
});

describe('extrasLine and batchLine', () => {
  it('lists only what an import makes besides its records', () => {
    expect(extrasLine(counts({}))).toBeNull();
    expect(extrasLine(counts({ newServices: 5, newOrganisations: 1, uncertainOrganisations: 2 })))
      .toBe('5 new services; 1 new organisation; 2 organisation names to confirm');
  });
  it('puts a batch in words', () => {
    expect(batchLine({ target: 'payments', rowsRead: 4, newCount: 3, updatedCount: 0, duplicateCount: 0, rejectedCount: 1 }))
      .toBe('4 rows read: 3 new payments, 0 updated, 0 duplicate; 1 row rejected');
  });
});

describe('undoConsequence', () => {
  it('says what will be removed and what put back before an undo', () => {
    expect(undoConsequence({ target: 'funding', newCount: 10, updatedCount: 2, rejectedCount: 1 })).toBe(
      'This removes the 10 funding lines it added, with any organisations and services it created. The 2 funding lines it changed go back to what they were before. The 1 row it rejected was never stored. The import stays in the list, marked Undone.',
    );
  });
});

describe('storedValue', () => {
  it('shows a payment with its pence', () => {
    expect(storedValue('payment', 'Amount', '£12,500')).toBe('£12,500.00');
    expect(storedValue('payment', 'Amount', '£1,000.50')).toBe('£1,000.50');
    expect(storedValue('payment', 'Amount', '-£1,250')).toBe('-£1,250.00');
  });
  it('leaves everything else exactly as the preview gave it', () => {
    expect(storedValue('fundingLine', 'Allocated', '£402,000')).toBe('£402,000');
    expect(storedValue('payment', 'Description', '£12,500')).toBe('£12,500');
    expect(storedValue('payment', 'Amount', 'about £5')).toBe('about £5');
  });
});

describe('words for the file', () => {
  it('names encodings as a clerk knows them', () => {
    expect(encodingWords('windows-1252')).toBe('Windows-1252 (how Excel saves CSV on UK Windows)');
    expect(encodingWords('utf-8-bom')).toBe('UTF-8 with a byte order mark');
    expect(encodingWords('utf-8')).toBe('UTF-8');
  });
  it('says where the header was found', () => {
    expect(headerLine(5, 2)).toBe('Header found on row 5 under 2 title rows');
    expect(headerLine(3, 1)).toBe('Header found on row 3 under 1 title row');
    expect(headerLine(1, 0)).toBe('Header found on row 1');
  });
  it('shows a column with its letter, header and samples', () => {
    expect(columnOptionLabel({ letter: 'C', name: 'Amount', samples: ['£12,500.00', '€2,400.00'] })).toBe('C · Amount: £12,500.00, €2,400.00');
    expect(columnOptionLabel({ letter: 'F', name: '', samples: [] })).toBe('F · (no header): empty');
    expect(confidenceWords(0.936)).toBe('94% sure');
  });
});

describe('the mapping as edited', () => {
  const year = (letter: string, fy: string): YearColumn => ({ column: { letter, header: `LCPF ${fy}` }, year: fy, measure: 'allocated' });

  it('sends no empty constant and no empty part', () => {
    const draft = draftFromMapping({ version: 1, target: 'funding', columns: { borough: { letter: 'A', header: 'Borough' } } });
    draft.constants = { financialYear: ' 2023-24 ', fund: '' };
    expect(mappingFromDraft(draft)).toEqual({
      version: 1, target: 'funding', columns: { borough: { letter: 'A', header: 'Borough' } }, constants: { financialYear: '2023-24' },
    });
  });
  it('keeps every year column seen, in column order, once', () => {
    expect(mergeYearColumns([year('D', '2023-24')], [year('C', '2022-23'), year('D', '2023-24'), year('AA', '2030-31')]).map((y) => y.column.letter))
      .toEqual(['C', 'D', 'AA']);
  });
});

describe('importBlocker', () => {
  const preview = (patch: Partial<ImportPreview>): ImportPreview => ({
    problems: [], counts: counts({ rowsRead: 4, accepted: 3, new: 3, rejected: 1 }), ...patch,
  }) as ImportPreview;
  const base = { updating: false, previewFailed: false, undecided: 0, running: false };

  it('lets an import go when nothing stands in the way', () => {
    expect(importBlocker({ ...base, preview: preview({}) })).toBeNull();
    expect(importButtonLabel(counts({ accepted: 1150 }))).toBe('Import 1,150 rows');
  });
  it('says why not, in order: running, errors, nothing accepted, names to decide', () => {
    expect(importBlocker({ ...base, running: true, preview: preview({}) })).toMatch(/An import is running/);
    expect(importBlocker({ ...base, updating: true, preview: preview({}) })).toMatch(/preview is being updated/);
    expect(importBlocker({ ...base, preview: preview({ problems: [{ severity: 'error', field: 'financialYear', column: null, message: 'Financial year is needed: map a column to it' }] }) }))
      .toBe('Fix this problem in the mapping first: Financial year is needed: map a column to it.');
    expect(importBlocker({ ...base, preview: preview({ problems: [{ severity: 'warning', field: 'fund', column: null, message: 'No fund' }] }) })).toBeNull();
    expect(importBlocker({ ...base, preview: preview({ counts: counts({ rowsRead: 5, rejected: 5 }) }) })).toMatch(/every row was rejected/);
    expect(importBlocker({ ...base, undecided: 2, preview: preview({}) })).toBe('Decide who the 2 organisation names under Preview are first.');
  });
});

describe('recordLabels', () => {
  it('gathers the stored fields in the order they first appear', () => {
    const record = (labels: string[]) => ({ kind: 'fundingLine' as const, outcome: 'new' as const, why: '', fields: labels.map((label) => ({ label, value: 'x' })) });
    const rows = [
      { rowNumber: 2, outcome: 'new' as const, cells: [], reasons: [], diagnostics: [], records: [record(['Borough', 'Financial year', 'Spent'])] },
      { rowNumber: 3, outcome: 'new' as const, cells: [], reasons: [], diagnostics: [], records: [record(['Borough', 'Financial year', 'Allocated'])] },
    ];
    expect(recordLabels(rows)).toEqual(['Borough', 'Financial year', 'Spent', 'Allocated']);
  });
});
