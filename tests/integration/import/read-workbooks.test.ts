// XLSX, ODS and old XLS made by LibreOffice and SheetJS, as clerks receive
// them: title rows, merged two-row headers, blank and totals rows, formulas.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { cellAddress, cellAt, columnLetter, columnNumber, detectTable, readSpreadsheet, type Workbook } from '../../../main/import/read/index.ts';
import { makeZip, readFixture, xlsxParts } from '../../helpers/fixtures.ts';

function read(name: string): Workbook {
  return readSpreadsheet(readFixture('import', name), name);
}

function xlsxBytes(rows: unknown[][], setup?: (sheet: XLSX.WorkSheet, book: XLSX.WorkBook) => void, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const book = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
  setup?.(sheet, book);
  return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType, compression: true }) as Buffer);
}

describe('cell addresses', () => {
  it('uses Excel column letters and 1-based rows', () => {
    expect(cellAddress(14, 3)).toBe('C14');
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(columnNumber('AA')).toBe(27);
    expect(columnNumber('xfd')).toBe(16384);
    expect(() => cellAddress(0, 1)).toThrow(RangeError);
  });
});

describe.each(['lcpf-allocations.xlsx', 'lcpf-allocations.ods', 'lcpf-allocations.xls'])('%s (made by LibreOffice)', (name) => {
  const kind = name.split('.').pop();

  it('reads the cells with their values, shown text and merges', () => {
    const workbook = read(name);
    expect(workbook).toMatchObject({ kind, encoding: null, delimiter: null, dateSystem: '1900', warnings: [] });
    const sheet = workbook.sheets[0]!;
    expect(sheet.name).toBe('Allocations');
    expect(sheet.rowCount).toBe(17);
    expect(sheet.columnCount).toBe(6);
    expect(cellAt(sheet, 6, 3)).toMatchObject({ value: 402000, type: 'number', text: '£402,000', isDate: false });
    expect(cellAt(sheet, 6, 6)).toMatchObject({ value: 1222500, text: '£1,222,500', formula: '=SUM(C6:E6)' });
    expect(cellAt(sheet, 15, 3)).toMatchObject({ value: 3251750, text: '£3,251,750', formula: '=SUM(C6:C14)' });
    expect(sheet.merges.map((m) => m.ref).sort()).toEqual(['A1:F1', 'A4:A5', 'B4:B5', 'C4:E4', 'F4:F5']);
    expect(sheet.merges.find((m) => m.ref === 'C4:E4')).toEqual({ top: 4, left: 3, bottom: 4, right: 5, ref: 'C4:E4' });
  });

  it('finds the two-row header under the titles and names merged columns', () => {
    const table = detectTable(read(name));
    expect(table.sheet).toBe('Allocations');
    expect(table.headerRows).toEqual([4, 5]);
    expect(table.headerRow).toBe(5);
    expect(table.titleRows).toEqual([
      { row: 1, text: 'MOPAC London Crime Prevention Fund: direct borough allocations 2022-25' },
      { row: 2, text: 'Published by MOPAC. Figures in pounds (£).' },
    ]);
    expect(table.headers.map((h) => [h.letter, h.name])).toEqual([
      ['A', 'Borough'],
      ['B', 'GSS code'],
      ['C', 'LCPF allocation 2022-23'],
      ['D', 'LCPF allocation 2023-24'],
      ['E', 'LCPF allocation 2024-25'],
      ['F', 'Total 2022-25'],
    ]);
    expect(table.headers[2]?.parts).toEqual(['LCPF allocation', '2022-23']);
    expect(table.problems).toEqual([]);
  });

  it('keeps data rows with their own row numbers and sets blank, totals and note rows aside with reasons', () => {
    const table = detectTable(read(name));
    expect(table.rows.map((r) => r.row)).toEqual([6, 7, 8, 9, 10, 11, 13, 14]);
    expect(table.rows.map((r) => r.cells[0]?.text)).toEqual(['Barking and Dagenham', 'Barnet', 'Bexley', 'Brent', 'Bromley', 'Camden', 'Croydon', 'Ealing']);
    expect(table.rows[7]?.cells.map((c) => c?.text)).toEqual(['Ealing', 'E09000009', '£476,250', '£482,000', '£488,750', '£1,447,000']);
    expect(table.skipped).toEqual([
      { row: 12, reason: 'blank', message: 'Row 12 is blank.' },
      { row: 15, reason: 'total', message: 'Row 15 is a totals row ("Total").' },
      { row: 16, reason: 'blank', message: 'Row 16 is blank.' },
      { row: 17, reason: 'note', message: 'Row 17 is a note below the table ("Source: MOPAC LCPF allocations, March 2022. Excludes the ...").' },
    ]);
    // Every row of the sheet is accounted for: titles, header, data or skipped with a reason.
    const accounted = new Set([...table.titleRows.map((t) => t.row), 3, ...table.headerRows, ...table.rows.map((r) => r.row), ...table.skipped.map((s) => s.row)]);
    expect(accounted.size).toBe(17);
  });
});

describe('formulas', () => {
  it('reports each formula with its cached value and marks date-formatted numbers as dates', () => {
    const workbook = read('vru-programmes-formulas.xlsx');
    const sheet = workbook.sheets[0]!;
    expect(cellAt(sheet, 4, 3)).toMatchObject({ value: 45019, type: 'number', text: '03/04/2023', isDate: true });
    expect(cellAt(sheet, 4, 4)).toMatchObject({ value: 250000, text: '£250,000', isDate: false });
    expect(cellAt(sheet, 4, 4)?.formula).toBeUndefined();
    expect(cellAt(sheet, 4, 6)).toMatchObject({ value: 62500, text: '£62,500', formula: '=D4-E4' });
    expect(cellAt(sheet, 4, 7)).toMatchObject({ value: 0.75, text: '75.0%', formula: '=E4/D4', isDate: false });
    expect(cellAt(sheet, 9, 4)).toMatchObject({ value: 705000, text: '£705,000', formula: '=SUM(D4:D8)' });
  });

  it('skips an unlabelled row of SUMs as a totals row, saying which cell adds up what', () => {
    const table = detectTable(read('vru-programmes-formulas.xlsx'));
    expect(table.headerRow).toBe(3);
    expect(table.titleRows).toEqual([{ row: 1, text: 'VRU commissioned programmes 2023-24' }]);
    expect(table.headers.map((h) => h.name)).toEqual(['Programme', 'Provider', 'Start date', 'Budget', 'Spent', 'Remaining', 'Spent share']);
    expect(table.rows.map((r) => r.row)).toEqual([4, 5, 6, 7, 8]);
    expect(table.skipped).toEqual([{ row: 9, reason: 'total', message: 'Row 9 adds up the rows above it (D9 holds =SUM(D4:D8)), so it is a totals row.' }]);
  });

  it('marks a formula saved without a cached result as empty, keeping the formula', () => {
    // As a library that writes formulas without calculating them saves a sheet.
    const sheetXml =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Budget</t></is></c><c r="B1" t="inlineStr"><is><t>Spent</t></is></c><c r="C1" t="inlineStr"><is><t>Remaining</t></is></c></row>' +
      '<row r="2"><c r="A2"><v>100</v></c><c r="B2"><v>40</v></c><c r="C2"><f>A2-B2</f></c></row></sheetData></worksheet>';
    const bytes = makeZip(xlsxParts(sheetXml));
    const cell = cellAt(readSpreadsheet(bytes, 'uncalculated.xlsx').sheets[0]!, 2, 3);
    expect(cell).toMatchObject({ value: null, type: 'empty', formula: '=A2-B2' });
  });
});

describe('headers', () => {
  it('reports duplicate and empty headers with their columns, and strips spaces and non-breaking spaces', () => {
    const table = detectTable(read('services-duplicate-headers.xlsx'));
    expect(table.headers.map((h) => `${h.letter}:${h.name}`)).toEqual(['A:Service', 'B:Provider', 'C:Amount', 'D:Borough', 'E:amount', 'F:', 'G:Notes']);
    expect(table.problems).toEqual([
      {
        kind: 'empty-header',
        columns: ['F'],
        message: 'Column F of the sheet "Services" in services-duplicate-headers.xlsx has data but no header (row 1 is empty there).',
      },
      {
        kind: 'duplicate-header',
        columns: ['C', 'E'],
        name: 'Amount',
        message: 'Columns C and E of the sheet "Services" in services-duplicate-headers.xlsx both have the header "Amount". Rename one of them, or choose which to use when mapping columns.',
      },
    ]);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]?.cells[5]?.text).toBe('Q3 revised');
  });

  it('builds two-row header names from a CSV that cannot merge cells', () => {
    const csv = 'LCPF allocations by borough\n\nBorough,GSS code,Funding,,,Notes\n,,2022-23,2023-24,2024-25,\nBarnet,E09000003,412000,418000,425000,\nBrent,E09000005,455500,461000,468250,Revised\n';
    const table = detectTable(readSpreadsheet(Buffer.from(csv), 'two-row.csv'));
    expect(table.headerRows).toEqual([3, 4]);
    expect(table.headers.map((h) => h.name)).toEqual(['Borough', 'GSS code', 'Funding 2022-23', 'Funding 2023-24', 'Funding 2024-25', 'Notes']);
    expect(table.rows.map((r) => r.row)).toEqual([5, 6]);
  });

  it('joins a sparse row of merged group labels above the header', () => {
    const bytes = xlsxBytes(
      [
        [null, null, 'Allocated', null, 'Spent', null],
        ['Service', 'Provider', '2022-23', '2023-24', '2022-23', '2023-24'],
        ['Rescue and Response', 'Safer London', 310000, 320000, 295000, 301000],
        ['MyEnds', "Carney's Community", 120000, 125000, 60000, 118000],
      ],
      (sheet) => {
        sheet['!merges'] = [XLSX.utils.decode_range('C1:D1'), XLSX.utils.decode_range('E1:F1')];
      },
    );
    const table = detectTable(readSpreadsheet(bytes, 'grouped.xlsx'));
    expect(table.headerRows).toEqual([1, 2]);
    expect(table.headers.map((h) => h.name)).toEqual(['Service', 'Provider', 'Allocated 2022-23', 'Allocated 2023-24', 'Spent 2022-23', 'Spent 2023-24']);
  });

  it('does not take an all-text data row for a second header row', () => {
    const csv = 'Service,Provider,Category\nRescue and Response,Safer London,Exploitation\nMyEnds,Carney\'s Community,Violence reduction\n';
    const table = detectTable(readSpreadsheet(Buffer.from(csv), 'register.csv'));
    expect(table.headerRows).toEqual([1]);
    expect(table.rows).toHaveLength(2);
  });

  it('accepts the header row chosen by the clerk', () => {
    const table = detectTable(read('lcpf-allocations.xlsx'), { headerRow: 5, headerRowCount: 2 });
    expect(table.headerRows).toEqual([4, 5]);
    const single = detectTable(read('payments-utf8.csv'), { headerRow: 2 });
    expect(single.headers[0]?.name).toBe('03/04/2023');
    expect(single.rows[0]?.row).toBe(3);
  });

  it('picks a sheet by name and refuses an empty or missing one, naming file and sheet', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([]), 'Cover');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Borough', 'Amount'], ['Barnet', 100]]), 'Data');
    const workbook = readSpreadsheet(new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer), 'book.xlsx');
    expect(workbook.sheets.map((s) => s.name)).toEqual(['Cover', 'Data']);
    expect(detectTable(workbook).sheet).toBe('Data');
    expect(() => detectTable(workbook, { sheet: 'Cover' })).toThrow('The sheet "Cover" in book.xlsx is empty.');
    expect(() => detectTable(workbook, { sheet: 'Summary' })).toThrow('book.xlsx has no sheet called "Summary". Its sheets are "Cover", "Data".');
  });
});

describe('totals and blank rows', () => {
  it('recognises Total, Grand total and Sub-total labels', () => {
    const csv = 'Borough,Amount\nBarnet,100\nBrent,200\nSub-total,300\nCamden,50\nSUBTOTAL,50\nGrand total,350\n';
    const table = detectTable(readSpreadsheet(Buffer.from(csv), 'labels.csv'));
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 5]);
    expect(table.skipped.map((s) => [s.row, s.reason, s.message])).toEqual([
      [4, 'total', 'Row 4 is a totals row ("Sub-total").'],
      [6, 'total', 'Row 6 is a totals row ("SUBTOTAL").'],
      [7, 'total', 'Row 7 is a totals row ("Grand total").'],
    ]);
  });

  it('does not take a supplier called "Total ..." for a totals row', () => {
    const csv = 'Supplier,Date,Amount,Description\nTotal Hygiene Ltd,03/04/2023,£650.00,Office cleaning\nTotal,,£650.00,\n';
    const table = detectTable(readSpreadsheet(Buffer.from(csv), 'payments.csv'));
    expect(table.rows.map((r) => r.cells[0]?.text)).toEqual(['Total Hygiene Ltd']);
    expect(table.skipped).toEqual([{ row: 3, reason: 'total', message: 'Row 3 is a totals row ("Total").' }]);
  });

  it('finds a header of years under a title', () => {
    const csv = 'LCPF allocations\n\nBorough,2022,2023,2024\nBarnet,412000,418000,425000\n';
    const table = detectTable(readSpreadsheet(Buffer.from(csv), 'years.csv'));
    expect(table.headerRow).toBe(3);
    expect(table.headers.map((h) => h.name)).toEqual(['Borough', '2022', '2023', '2024']);
  });

  it('recognises an unlabelled row whose numbers are the sum of the rows above', () => {
    const table = detectTable(read('lcpf-allocations-semicolon.csv'));
    expect(table.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(table.skipped).toEqual([
      { row: 6, reason: 'blank', message: 'Row 6 is blank.' },
      { row: 7, reason: 'total', message: 'Row 7 has no label and its numbers equal the sum of rows 2 to 5 (columns C, D and E), so it is a totals row.' },
    ]);
  });

  it('never takes a real payment for a total just because its amount equals the sum above', () => {
    const csv = 'Date,Supplier,Amount\n03/04/2023,St Giles Trust,£100\n04/04/2023,Redthread,£200\n05/04/2023,Catch22,£300\n';
    const table = detectTable(readSpreadsheet(Buffer.from(csv), 'payments.csv'));
    expect(table.rows).toHaveLength(3);
    expect(table.skipped).toEqual([]);
  });
});

describe('dates and date systems', () => {
  it('reports the 1904 date system and keeps the serial as stored', () => {
    const workbook = read('payments-1904.xlsx');
    expect(workbook.dateSystem).toBe('1904');
    expect(cellAt(workbook.sheets[0]!, 2, 1)).toMatchObject({ value: 43557, isDate: true, text: '03/04/2023' });
  });

  it("shows Excel's locale date format as a UK user sees it, and a plain number is not a date", () => {
    const bytes = xlsxBytes([['Paid', 'Amount'], [{ t: 'n', v: 45019, z: 'm/d/yy' }, 45019]]);
    const sheet = readSpreadsheet(bytes, 'dates.xlsx').sheets[0]!;
    expect(cellAt(sheet, 2, 1)).toMatchObject({ value: 45019, isDate: true, text: '03/04/2023' });
    expect(cellAt(sheet, 2, 2)).toMatchObject({ value: 45019, isDate: false, text: '45019' });
  });

  it('reads booleans and error cells', () => {
    const bytes = xlsxBytes([['Flag', 'Ratio'], [true, { t: 'e', v: 0x07 }]]);
    const sheet = readSpreadsheet(bytes, 'mixed.xlsx').sheets[0]!;
    expect(cellAt(sheet, 2, 1)).toMatchObject({ value: true, type: 'boolean', text: 'TRUE' });
    expect(cellAt(sheet, 2, 2)).toMatchObject({ value: '#DIV/0!', type: 'error', text: '#DIV/0!' });
  });
});

describe('workbooks written by SheetJS in other formats', () => {
  it.each(['xls', 'ods'] as const)('reads a %s file the same way', (bookType) => {
    const rows = [['Borough', 'Amount'], ['Barnet', 412000], ['Brent', 455500]];
    const workbook = readSpreadsheet(xlsxBytes(rows, undefined, bookType === 'xls' ? 'biff8' : 'ods'), `book.${bookType}`);
    expect(workbook.kind).toBe(bookType);
    expect(detectTable(workbook).rows.map((r) => r.cells.map((c) => c?.value))).toEqual([
      ['Barnet', 412000],
      ['Brent', 455500],
    ]);
  });

  it('reads a real workbook whose extension names another spreadsheet kind, and says so', () => {
    const workbook = readSpreadsheet(readFixture('import', 'lcpf-allocations.xlsx'), 'allocations.xls');
    expect(workbook.kind).toBe('xlsx');
    expect(workbook.warnings).toEqual(['allocations.xls is really an Excel workbook (XLSX), although its name ends in .xls; it was read as XLSX.']);
  });
});
