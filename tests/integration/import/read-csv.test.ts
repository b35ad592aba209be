// CSV as clerks receive it: UTF-8 with and without a BOM, Windows-1252 from
// Excel on UK Windows, semicolons, quoted fields, stray quotes, every line end.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportFileError, cellAt, detectTable, readSpreadsheet, type Workbook } from '../../../main/import/read/index.ts';
import { readFixture } from '../../helpers/fixtures.ts';

function readCsvFixture(name: string): Workbook {
  return readSpreadsheet(readFixture('import', name), name);
}

function texts(workbook: Workbook, row: number): string[] {
  return (workbook.sheets[0]?.rows[row - 1] ?? []).map((cell) => cell?.text ?? '');
}

function refusal(bytes: Uint8Array | string, fileName: string, limits?: Parameters<typeof readSpreadsheet>[2]): ImportFileError {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  try {
    readSpreadsheet(data, fileName, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }
  throw new Error(`${fileName} was read, but should have been refused`);
}

describe('UTF-8 CSV', () => {
  it('reads every field as the text the file holds, quoted commas, line breaks and doubled quotes included', () => {
    const workbook = readCsvFixture('payments-utf8.csv');
    expect(workbook).toMatchObject({ kind: 'csv', encoding: 'utf-8', delimiter: ',', dateSystem: '1900', warnings: [] });
    const sheet = workbook.sheets[0];
    expect(sheet?.name).toBe('payments-utf8');
    expect(sheet?.rowCount).toBe(7);
    expect(texts(workbook, 1)).toEqual(['Date', 'Supplier', 'Amount', 'Description', 'Cost centre']);
    expect(texts(workbook, 3)).toEqual(['12/04/2023', 'Victim Support, London', '£48,213.75', 'London Victim and Witness Service, April', 'MOPAC-VS02']);
    // A line break inside quotes stays in the cell, and the record is still row 4.
    expect(cellAt(sheet!, 4, 4)?.text).toBe("Youth work in A&E departments\nKing's College Hospital and St Mary's");
    expect(texts(workbook, 5)[3]).toBe('Delivery of "Your Choice" CBT training');
    expect(texts(workbook, 6)[2]).toBe('(1,250.00)');
    // CSV has no types: a date or amount is a string for the next layer to parse strictly.
    expect(cellAt(sheet!, 2, 1)).toEqual({ value: '03/04/2023', type: 'string', text: '03/04/2023', isDate: false });
  });

  it('drops the byte order mark, so the first header is "Date", not "\\uFEFFDate"', () => {
    const workbook = readCsvFixture('payments-utf8-bom.csv');
    expect(workbook.encoding).toBe('utf-8-bom');
    const first = cellAt(workbook.sheets[0]!, 1, 1);
    expect(first?.value).toBe('Date');
    expect(first?.text.charCodeAt(0)).toBe(0x44);
    expect(detectTable(workbook).headers[0]?.name).toBe('Date');
    // CRLF line ends give the same table as the LF file.
    expect(workbook.sheets[0]?.rows).toEqual(readCsvFixture('payments-utf8.csv').sheets[0]?.rows);
  });
});

describe('Windows-1252 CSV', () => {
  it('is detected and decoded so £, €, curly quotes and dashes show exactly as in Excel', () => {
    const workbook = readCsvFixture('payments-windows-1252.csv');
    expect(workbook.encoding).toBe('windows-1252');
    expect(workbook.warnings).toEqual([]);
    expect(texts(workbook, 2)).toEqual(['03/04/2023', 'St Giles Trust', '£12,500.00', 'SOS+ caseworkers – Q1', 'VRU-YP01']);
    expect(texts(workbook, 3)).toEqual(['19/04/2023', 'European Forum for Urban Security', '€2,400.00', 'Conference fees (Lisbon), “Cities against violence”', 'MOPAC-PP01']);
    expect(texts(workbook, 4)).toEqual(['26/04/2023', 'Carney’s Community', '£5,750.00', 'Boxing and mentoring – ‘MyEnds’ programme', 'VRU-YP05']);
    // The bytes really are 1252: £ is 0xA3 and € is 0x80 in the file.
    const bytes = readFixture('import', 'payments-windows-1252.csv');
    expect(bytes.includes(0xa3)).toBe(true);
    expect(bytes.includes(0x80)).toBe(true);
  });

  it('can be forced, and warns when a file mixes UTF-8 and Windows-1252', () => {
    const mixed = Buffer.concat([Buffer.from('Supplier,Amount\nSt Giles Trust,£100\n'), iconv.encode('Redthread,£200\n', 'windows-1252')]);
    const workbook = readSpreadsheet(mixed, 'mixed.csv');
    expect(workbook.encoding).toBe('windows-1252');
    expect(workbook.warnings[0]).toContain('mixes two text encodings');
    expect(texts(workbook, 3)).toEqual(['Redthread', '£200']);

    const forced = readSpreadsheet(Buffer.from('Amount\n£100\n'), 'forced.csv', { csv: { encoding: 'windows-1252' } });
    expect(forced.encoding).toBe('windows-1252');
    expect(texts(forced, 2)).toEqual(['Â£100']);
  });

  it('reads UTF-16 text, as Excel saves "Unicode text"', () => {
    const text = 'Supplier\tAmount\r\nSt Giles Trust\t£12,500\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const workbook = readSpreadsheet(le, 'unicode.txt');
    expect(workbook).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(texts(workbook, 2)).toEqual(['St Giles Trust', '£12,500']);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(readSpreadsheet(be, 'unicode.txt').sheets[0]?.rows).toEqual(workbook.sheets[0]?.rows);
  });
});

describe('delimiters and line ends', () => {
  it('detects semicolons', () => {
    const workbook = readCsvFixture('lcpf-allocations-semicolon.csv');
    expect(workbook.delimiter).toBe(';');
    expect(texts(workbook, 2)).toEqual(['Barnet', 'E09000003', '412000', '418000', '425000']);
  });

  it('keeps semicolons when amounts use decimal commas', () => {
    const workbook = readSpreadsheet(Buffer.from('Borough;Amount;Spent\nBarnet;1234,56;100,00\nBrent;99,5;12,25\n'), 'eu.csv');
    expect(workbook.delimiter).toBe(';');
    expect(texts(workbook, 2)).toEqual(['Barnet', '1234,56', '100,00']);
  });

  it('detects tabs, and honours a forced delimiter and Excel\'s "sep=" line', () => {
    expect(readSpreadsheet(Buffer.from('Borough\tAmount\nBarnet\t£1,234\n'), 'tabs.tsv').delimiter).toBe('\t');
    const forced = readSpreadsheet(Buffer.from('a;b,c\n1;2,3\n'), 'forced.csv', { csv: { delimiter: ',' } });
    expect(texts(forced, 2)).toEqual(['1;2', '3']);
    const sep = readSpreadsheet(Buffer.from('sep=;\nBorough;Amount\nBarnet;1,5\n'), 'sep.csv');
    expect(texts(sep, 1)).toEqual(['Borough', 'Amount']);
  });

  it('reads CRLF, LF and old-Mac CR line ends alike, with or without a final line end', () => {
    const rows = ['Borough,Amount', 'Barnet,100', 'Brent,"multi\nline"'];
    const expected = readSpreadsheet(Buffer.from(rows.join('\n') + '\n'), 'lf.csv').sheets[0]?.rows;
    expect(readSpreadsheet(Buffer.from(rows.join('\r\n') + '\r\n'), 'crlf.csv').sheets[0]?.rows).toEqual(expected);
    expect(readSpreadsheet(Buffer.from(rows.join('\r')), 'cr.csv').sheets[0]?.rows).toEqual(expected);
    expect(readSpreadsheet(Buffer.from('Borough,Amount\r\nBrent,"multi\r\nline"\r\n'), 'x.csv').sheets[0]?.rows[1]?.[1]?.text).toBe('multi\nline');
  });

  it('keeps blank lines as blank rows so row numbers match the spreadsheet', () => {
    const workbook = readSpreadsheet(Buffer.from('Borough,Amount\n\nBarnet,100\n,\n'), 'blank.csv');
    expect(workbook.sheets[0]?.rowCount).toBe(3);
    expect(workbook.sheets[0]?.rows[1]).toEqual([]);
    expect(texts(workbook, 3)).toEqual(['Barnet', '100']);
  });
});

describe('bad CSV', () => {
  it('refuses a stray quote with its row and column', () => {
    const error = refusal(readFixture('import', 'payments-stray-quote.csv'), 'payments-stray-quote.csv');
    expect(error.message).toMatch(/^payments-stray-quote\.csv, row 14, column C: a quote opens here and never closes/);
    expect(error).toMatchObject({ code: 'csv-quote', file: 'payments-stray-quote.csv', row: 14, column: 'C' });
  });

  it('refuses a quoted field followed by more text, naming the row and column', () => {
    const error = refusal('Supplier,Description\nRedthread,"Said "hello" to all"\n', 'quotes.csv');
    expect(error).toMatchObject({ code: 'csv-quote', row: 2, column: 'B' });
    expect(error.message).toContain('quotes.csv, row 2, column B: a quoted field ends and more text follows it');
  });

  it('names the line as well as the row when quoted line breaks make them differ', () => {
    const error = refusal('A,B\n"one\ntwo",x\n3,"open\n', 'lines.csv');
    expect(error.message).toContain('row 3, column B (line 4 of the file): a quote opens here and never closes');
  });

  it('reads a quote inside an unquoted field literally, as Excel does', () => {
    expect(texts(readSpreadsheet(Buffer.from('Item,Size\nMonitor,24" screen\n'), 'inch.csv'), 2)).toEqual(['Monitor', '24" screen']);
  });

  it('refuses an empty file, a BOM alone, or only blank lines', () => {
    expect(refusal(readFixture('import', 'empty.csv'), 'budget.csv').message).toMatch(/^budget\.csv is empty/);
    expect(refusal(new Uint8Array([0xef, 0xbb, 0xbf]), 'budget.csv').message).toMatch(/^budget\.csv is empty/);
    expect(refusal('\r\n\r\n  \n', 'budget.csv')).toMatchObject({ code: 'empty', file: 'budget.csv' });
    expect(refusal(',,,\n,,\n', 'commas.csv').message).toMatch(/^commas\.csv is empty/);
  });

  it('refuses more rows or cells than the limits, naming the file', () => {
    const lines = ['Date,Supplier,Amount'];
    for (let i = 0; i < 2_000; i += 1) lines.push(`03/04/2023,Supplier ${i},${500 + i}`);
    const csv = lines.join('\n');
    const rows = refusal(csv, 'payments.csv', { limits: { maxRowsPerSheet: 1_000 } });
    expect(rows).toMatchObject({ code: 'too-many-rows', file: 'payments.csv' });
    expect(rows.message).toBe('payments.csv has more than 1,000 rows; Scrutiny Desk reads at most 1,000 rows from one sheet. Split it into smaller files.');
    expect(refusal(csv, 'payments.csv', { limits: { maxCells: 3_000 } })).toMatchObject({ code: 'too-many-cells' });
    expect(readSpreadsheet(new TextEncoder().encode(csv), 'payments.csv', { limits: { maxRowsPerSheet: 2_001 } }).sheets[0]?.rowCount).toBe(2_001);
  });

  it('refuses an HTML page or XML saved as .csv', () => {
    expect(refusal('<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>', 'export.csv').message).toMatch(/^export\.csv is really a web page \(HTML\)/);
    expect(refusal('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', 'export.csv').message).toContain('an Excel 2003 XML spreadsheet');
  });
});
