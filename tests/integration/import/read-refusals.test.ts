// Every file the reader will not read is refused before parsing, with a
// message that names the file: renamed PDFs and Word files, junk, truncated or
// password-protected workbooks, zip bombs, and sheets beyond the limits.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { ImportFileError, readSpreadsheet, readSpreadsheetFile, type ReadOptions } from '../../../main/import/read/index.ts';
import { makeZip, readFixture, xlsxParts } from '../../helpers/fixtures.ts';
import { tempDir } from '../../helpers/temp.ts';

function refusal(bytes: Uint8Array, fileName: string, options?: ReadOptions): ImportFileError {
  try {
    readSpreadsheet(bytes, fileName, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    const importError = error as ImportFileError;
    // Plain English for the user: the file's name, and no stack trace or internals.
    expect(importError.message).toContain(importError.file);
    expect(importError.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d/);
    return importError;
  }
  throw new Error(`${fileName} was read, but should have been refused`);
}

function sheetXml(rows: number, text = 'x'): string {
  let body = '';
  for (let r = 1; r <= rows; r += 1) body += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c><c r="B${r}"><v>${r}</v></c></row>`;
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

describe('files that are not what their names say', () => {
  it('refuses a PDF renamed .csv', () => {
    const error = refusal(readFixture('import', 'budget-really-pdf.csv'), 'budget.csv');
    expect(error.message).toBe('budget.csv is really a PDF document; Scrutiny Desk reads CSV, XLSX, ODS and XLS files.');
    expect(error.code).toBe('not-a-spreadsheet');
  });

  it('refuses a Word document renamed .xlsx', () => {
    expect(refusal(readFixture('import', 'briefing-really-docx.xlsx'), 'briefing.xlsx').message).toBe(
      'briefing.xlsx is really a Word document (DOCX); Scrutiny Desk reads CSV, XLSX, ODS and XLS files.',
    );
  });

  it('refuses random bytes renamed .xlsx', () => {
    const error = refusal(readFixture('import', 'random-bytes.xlsx'), 'random-bytes.xlsx');
    expect(error.code).toBe('not-a-spreadsheet');
    expect(error.message).toMatch(/^random-bytes\.xlsx is not a spreadsheet: its contents are neither text nor a workbook/);
  });

  it('refuses images, archives and other binary formats by name', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(refusal(png, 'chart.xlsx').message).toMatch(/^chart\.xlsx is really a PNG image;/);
    const zip = makeZip([{ name: 'notes.txt', data: 'hello' }]);
    expect(refusal(zip, 'data.xlsx').message).toMatch(/^data\.xlsx is really a ZIP archive, not a spreadsheet;/);
    const zipOfSheets = makeZip([{ name: 'q1.csv', data: 'a,b' }, { name: 'q2.xlsx', data: 'x' }]);
    expect(refusal(zipOfSheets, 'returns.zip').message).toContain('Unzip it and import the spreadsheets inside one by one');
  });

  it('refuses other Office formats by name', () => {
    expect(refusal(makeZip([{ name: 'xl/workbook.bin', data: 'x' }]), 'budget.xlsb').message).toMatch(/^budget\.xlsb is really an Excel binary workbook \(XLSB\)\. Save it from Excel as XLSX first;/);
    const odt = makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true }, { name: 'content.xml', data: '<x/>' }]);
    expect(refusal(odt, 'notes.ods').message).toMatch(/^notes\.ods is really an OpenDocument text document \(ODT\);/);
    // An OLE2 compound file holding a Word document: take the XLS fixture's structure and rename its stream.
    const doc = Buffer.from(readFixture('import', 'lcpf-allocations.xls'));
    const at = doc.indexOf(Buffer.from('Workbook', 'utf16le'));
    expect(at).toBeGreaterThan(0);
    Buffer.from('WordDocument', 'utf16le').copy(doc, at);
    doc.writeUInt16LE(('WordDocument'.length + 1) * 2, at + 0x40);
    expect(refusal(new Uint8Array(doc), 'minutes.xls').message).toMatch(/^minutes\.xls is really a Word 97-2003 document \(DOC\);/);
  });

  it('refuses a text file dressed as a workbook, suggesting the right name', () => {
    const error = refusal(new TextEncoder().encode('Date,Supplier,Amount\n03/04/2023,St Giles Trust,12500\n'), 'payments.xlsx');
    expect(error.code).toBe('wrong-extension');
    expect(error.message).toBe('payments.xlsx is really a text file, not an Excel workbook (XLSX). If it is a CSV file, rename it to payments.csv and import it again.');
  });

  it('refuses an HTML "Excel export" saved as .xls', () => {
    const html = new TextEncoder().encode('<html><body><table><tr><td>Barnet</td><td>100</td></tr></table></body></html>');
    expect(refusal(html, 'export.xls').message).toMatch(/^export\.xls is really a web page \(HTML\)/);
  });
});

describe('damaged and protected workbooks', () => {
  it('refuses a truncated XLSX as damaged, before any parser sees it', () => {
    const error = refusal(readFixture('import', 'truncated.xlsx'), 'truncated.xlsx');
    expect(error.code).toBe('damaged');
    expect(error.message).toBe(
      'truncated.xlsx looks like an Excel workbook (XLSX) but is damaged: its end is missing (the file was probably cut short while downloading or copying). Open it in Excel or LibreOffice and save it again, or ask the sender for a new copy.',
    );
  });

  it('refuses an XLSX whose parts are corrupt, naming the part', () => {
    const bytes = Buffer.from(readFixture('import', 'lcpf-allocations.xlsx'));
    // Corrupt bytes in the middle of the first part's compressed data.
    const nameLength = bytes.readUInt16LE(26);
    const start = 30 + nameLength + bytes.readUInt16LE(28);
    for (let i = start + 4; i < start + 40; i += 1) bytes[i] = 0x55;
    const error = refusal(new Uint8Array(bytes), 'corrupt.xlsx');
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/^corrupt\.xlsx is damaged: the part ".+" (is damaged|unpacks to)/);
  });

  it('refuses a password-protected XLSX saved by LibreOffice', () => {
    const error = refusal(readFixture('import', 'password-protected.xlsx'), 'password-protected.xlsx');
    expect(error.code).toBe('password-protected');
    expect(error.message).toBe(
      'password-protected.xlsx is protected with a password, so Scrutiny Desk cannot read it. Open it in Excel or LibreOffice, remove the password (or save an unprotected copy), and import that copy.',
    );
  });

  it('refuses a password-protected Excel 97-2003 workbook saved by LibreOffice', () => {
    const error = refusal(readFixture('import', 'password-protected.xls'), 'password-protected.xls');
    expect(error.code).toBe('password-protected');
    expect(error.message).toMatch(/^password-protected\.xls is protected with a password, so Scrutiny Desk cannot read it\./);
  });

  it('refuses a password-protected ODS saved by LibreOffice', () => {
    const error = refusal(readFixture('import', 'password-protected.ods'), 'password-protected.ods');
    expect(error.code).toBe('password-protected');
    expect(error.message).toMatch(/^password-protected\.ods is protected with a password, so Scrutiny Desk cannot read it\./);
  });

  it('refuses a ZIP with encrypted parts as password-protected', () => {
    const bytes = Buffer.from(makeZip(xlsxParts(sheetXml(2))));
    // Set the "encrypted" flag on the first central directory entry.
    const directory = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.length - 1);
    const first = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(directory).toBeGreaterThan(0);
    bytes.writeUInt16LE(bytes.readUInt16LE(first + 8) | 1, first + 8);
    expect(refusal(new Uint8Array(bytes), 'locked.xlsx').code).toBe('password-protected');
  });

  it('turns a SheetJS failure into a plain message naming the file', () => {
    // A well-formed ZIP with a workbook part SheetJS cannot make sense of.
    const bytes = makeZip([{ name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="A" r:id="rId9"/></sheets></workbook>' }]);
    const error = refusal(bytes, 'odd.xlsx');
    expect(['damaged', 'empty']).toContain(error.code);
    expect(error.message).toMatch(/^odd\.xlsx /);
  });
});

describe('size limits', () => {
  it('refuses a zip bomb from its directory, before inflating it', () => {
    // 50 MB of one repeated row deflates to well under 100 KB: a ratio of several hundred to one.
    const bomb = makeZip(xlsxParts(new Uint8Array(50 * 1024 * 1024).fill(0x20)));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = refusal(bomb, 'allocations.xlsx');
    expect(error.code).toBe('zip-bomb');
    expect(error.message).toMatch(/^allocations\.xlsx looks like a zip bomb: its part "xl\/worksheets\/sheet1\.xml" would unpack from [\d.]+ KB to 50 MB \([\d,]+ to 1; Scrutiny Desk allows at most 200 to 1\)\. It was not opened\.$/);
  });

  it('refuses a ZIP whose directory understates what a part unpacks to', () => {
    const liar = makeZip(xlsxParts(sheetXml(2_000)).map((part) => (part.name.endsWith('sheet1.xml') ? { ...part, claimedSize: 1_000 } : part)));
    const error = refusal(liar, 'liar.xlsx');
    expect(error.code).toBe('damaged');
    expect(error.message).toContain('liar.xlsx is damaged: the part "xl/worksheets/sheet1.xml" unpacks to more than its directory says');
  });

  it('refuses a workbook whose parts add up to more than the unpacked-size limit', () => {
    const bytes = makeZip(xlsxParts(sheetXml(5_000)));
    const error = refusal(bytes, 'big.xlsx', { limits: { maxUncompressedBytes: 100 * 1024 } });
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^big\.xlsx would unpack to [\d.]+ KB, more than the 100 KB Scrutiny Desk allows for one workbook\. It was not opened\./);
  });

  it('refuses a file larger than the file-size limit, before reading it from disk', async () => {
    const dir = tempDir();
    const path = join(dir, 'huge.csv');
    writeFileSync(path, 'a,b\n'.repeat(10_000));
    await expect(readSpreadsheetFile(path, { limits: { maxFileBytes: 1024 } })).rejects.toMatchObject({
      code: 'too-large',
      message: 'huge.csv is 39 KB, larger than the 1 KB Scrutiny Desk reads in one go. Split it into smaller files.',
    });
    expect(refusal(new Uint8Array(2048).fill(0x41), 'huge.csv', { limits: { maxFileBytes: 1024 } }).code).toBe('too-large');
  });

  it('refuses a sheet with more rows than the limit, naming the sheet, without reading it all', () => {
    const bytes = makeZip(xlsxParts(sheetXml(3_000)));
    const error = refusal(bytes, 'payments.xlsx', { limits: { maxRowsPerSheet: 1_000 } });
    expect(error).toMatchObject({ code: 'too-many-rows', file: 'payments.xlsx', sheet: 'Payments' });
    expect(error.message).toBe(
      'The sheet "Payments" in payments.xlsx has more than 1,000 rows (it goes down to row 3,000); Scrutiny Desk reads at most 1,000 rows from one sheet. Split it into smaller files, or delete what lies below the table.',
    );
    expect(readSpreadsheet(bytes, 'payments.xlsx', { limits: { maxRowsPerSheet: 3_000 } }).sheets[0]?.rowCount).toBe(3_000);
  });

  it('refuses a sheet with a stray cell far below the limit line, rather than dropping it silently', () => {
    // No <dimension>, a namespace prefix, and one cell at the very bottom of the sheet.
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Borough</x:t></x:is></x:c></x:row>' +
      '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>Barnet arrow row</x:t></x:is></x:c></x:row>' +
      '<x:row r="1048576"><x:c r="B1048576"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const error = refusal(makeZip(xlsxParts(xml)), 'stray.xlsx');
    expect(error).toMatchObject({ code: 'too-many-rows', sheet: 'Payments' });
    expect(error.message).toContain('(it goes down to row 1,048,576)');
  });

  it('reads a sheet whose <dimension> claims more rows than it has', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B1048576"/><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Borough</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>Barnet</t></is></c><c r="B2"><v>412000</v></c></row></sheetData></worksheet>';
    const workbook = readSpreadsheet(makeZip(xlsxParts(xml)), 'claims.xlsx', { limits: { maxRowsPerSheet: 1_000 } });
    expect(workbook.sheets[0]?.rowCount).toBe(2);
  });

  it.each([
    ['ods', 'ods'],
    ['xls', 'biff8'],
  ] as const)('refuses an over-long %s sheet, naming it', (extension, bookType) => {
    const book = XLSX.utils.book_new();
    const rows = Array.from({ length: 1_500 }, (_, i) => [`Borough ${i}`, i]);
    rows.push(...Array.from({ length: 200 }, () => []), ['Stray note far below', 1]);
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Allocations');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
    expect(refusal(bytes, `long.${extension}`, { limits: { maxRowsPerSheet: 1_000 } })).toMatchObject({ code: 'too-many-rows', sheet: 'Allocations' });
    // Just over the real data, but short of the stray row: still refused, because nothing is dropped silently.
    expect(refusal(bytes, `long.${extension}`, { limits: { maxRowsPerSheet: 1_600 } })).toMatchObject({ code: 'too-many-rows', sheet: 'Allocations' });
    expect(readSpreadsheet(bytes, `long.${extension}`, { limits: { maxRowsPerSheet: 1_701 } }).sheets[0]?.rowCount).toBe(1_701);
  });

  it('refuses a workbook with more filled cells than the limit', () => {
    const book = XLSX.utils.book_new();
    const rows = Array.from({ length: 600 }, (_, i) => [`Supplier ${i}`, i * 10, 'VRU-YP01']);
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), 'Payments');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const error = refusal(bytes, 'cells.xlsx', { limits: { maxCells: 1_000 } });
    expect(error).toMatchObject({ code: 'too-many-cells', sheet: 'Payments' });
    expect(error.message).toMatch(/^cells\.xlsx has more than 1,000 filled cells/);
  });

  it('reports a missing or unreadable file plainly', async () => {
    await expect(readSpreadsheetFile('/nowhere/allocations.xlsx')).rejects.toMatchObject({
      code: 'unreadable',
      message: 'allocations.xlsx could not be opened: it does not exist (was it moved or deleted?).',
    });
  });
});
