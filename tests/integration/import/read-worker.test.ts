// Reading off the main thread: the worker returns exactly what the direct call
// returns, reports progress, and a file that would exhaust memory or time is
// stopped inside the worker while this process carries on.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ImportFileError, READ_WORKER_ENTRY, READ_WORKER_MODULE, readSpreadsheet, readSpreadsheetInWorker, runSpreadsheetTaskInWorker, type ReadProgress } from '../../../main/import/read/index.ts';
import { fixturePath, readFixture } from '../../helpers/fixtures.ts';
import { tempDir } from '../../helpers/temp.ts';

describe('readSpreadsheetInWorker', () => {
  it.each(['lcpf-allocations.xlsx', 'lcpf-allocations.ods', 'lcpf-allocations.xls', 'payments-windows-1252.csv', 'vru-programmes-formulas.xlsx'])(
    'returns the same workbook as the direct call for %s',
    async (name) => {
      const progress: ReadProgress[] = [];
      const viaWorker = await readSpreadsheetInWorker(fixturePath('import', name), { onProgress: (p) => progress.push(p) });
      expect(viaWorker).toEqual(readSpreadsheet(readFixture('import', name), name));
      expect(progress[0]).toMatchObject({ stage: 'reading', bytesRead: 0 });
      expect(progress.some((p) => p.stage === 'reading' && p.bytesRead === p.totalBytes && p.totalBytes! > 0)).toBe(true);
      expect(progress.at(-1)?.stage).toBe('done');
    },
  );

  it('refuses a bad file with the same ImportFileError as the direct call', async () => {
    const error = await readSpreadsheetInWorker(fixturePath('import', 'payments-stray-quote.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: 'csv-quote', file: 'payments-stray-quote.csv', row: 14, column: 'C' });
    await expect(readSpreadsheetInWorker(fixturePath('import', 'budget-really-pdf.csv'), { fileName: 'budget.csv' })).rejects.toThrow(
      'budget.csv is really a PDF document; Scrutiny Desk reads CSV, XLSX, ODS and XLS files.',
    );
  });

  it('reports row progress on a large file, and passes limits through', async () => {
    const dir = tempDir();
    const path = join(dir, 'payments.csv');
    const lines = ['Date,Supplier,Amount,Description,Cost centre'];
    for (let i = 0; i < 50_000; i += 1) lines.push(`03/04/2023,Supplier ${i % 400},${500 + (i % 9000)}.00,Grant payment ${i},VRU-YP0${i % 5}`);
    writeFileSync(path, lines.join('\n'));
    const progress: ReadProgress[] = [];
    const workbook = await readSpreadsheetInWorker(path, { onProgress: (p) => progress.push(p) });
    expect(workbook.sheets[0]?.rowCount).toBe(50_001);
    expect(progress.some((p) => p.stage === 'parsing' && (p.rows ?? 0) >= 10_000)).toBe(true);
    await expect(readSpreadsheetInWorker(path, { limits: { maxRowsPerSheet: 10_000 } })).rejects.toMatchObject({ code: 'too-many-rows', file: 'payments.csv' });
  });

  it('stops a file that would exhaust the memory limit, and this process carries on', async () => {
    const dir = tempDir();
    const path = join(dir, 'payments-huge.csv');
    const row = '03/04/2023,St Giles Trust,12500.00,SOS+ knife crime prevention grant,VRU-YP01,E09000003,2023-24,Q1,Approved,Paid\n';
    writeFileSync(path, `Date,Supplier,Amount,Description,Cost centre,GSS code,Year,Quarter,Status,State\n${row.repeat(400_000)}`);
    const started = Date.now();
    const error = await readSpreadsheetInWorker(path, { memoryLimitMb: 64, limits: { maxCells: 10_000_000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code: 'out-of-memory', file: 'payments-huge.csv' });
    expect((error as Error).message).toBe(
      'payments-huge.csv needs more memory to read than Scrutiny Desk allows for one file (64 MB), so it was stopped. Split it into smaller files, or delete unused sheets and save it again.',
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    // The test process is alive and the next read works.
    expect((await readSpreadsheetInWorker(fixturePath('import', 'payments-utf8.csv'))).sheets[0]?.rowCount).toBe(7);
  });

  it('stops after the time limit, and when cancelled', async () => {
    await expect(readSpreadsheetInWorker(fixturePath('import', 'lcpf-allocations.xlsx'), { timeoutMs: 1 })).rejects.toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/^Reading lcpf-allocations\.xlsx took longer than 1 second, so Scrutiny Desk stopped\./),
    });
    const controller = new AbortController();
    const reading = readSpreadsheetInWorker(fixturePath('import', 'lcpf-allocations.xlsx'), { signal: controller.signal });
    controller.abort();
    await expect(reading).rejects.toMatchObject({ code: 'cancelled', message: 'Reading lcpf-allocations.xlsx was cancelled.' });
  });

  it('runs a task on the workbook inside the worker, so only its result crosses back', async () => {
    const dir = tempDir();
    const taskModule = join(dir, 'summarise.mts');
    const readModule = fileURLToPath(new URL('../../../main/import/read/index.ts', import.meta.url));
    writeFileSync(
      taskModule,
      `import { detectTable, ImportFileError } from ${JSON.stringify(readModule)};\n` +
        'export function summarise(workbook, input) {\n' +
        '  if (input.refuse) throw new ImportFileError(`${workbook.fileName} was refused by the task.`, { code: "unsupported", file: workbook.fileName });\n' +
        '  const table = detectTable(workbook);\n' +
        '  return { headers: table.headers.map((h) => h.name), rows: table.rows.length, skipped: table.skipped.map((s) => s.reason) };\n' +
        '}\n',
    );
    const task = { module: taskModule, exportName: 'summarise', input: { refuse: false } };
    await expect(runSpreadsheetTaskInWorker(fixturePath('import', 'lcpf-allocations.ods'), task)).resolves.toEqual({
      headers: ['Borough', 'GSS code', 'LCPF allocation 2022-23', 'LCPF allocation 2023-24', 'LCPF allocation 2024-25', 'Total 2022-25'],
      rows: 8,
      skipped: ['blank', 'total', 'blank', 'note'],
    });
    await expect(runSpreadsheetTaskInWorker(fixturePath('import', 'lcpf-allocations.ods'), { ...task, input: { refuse: true } })).rejects.toMatchObject({
      code: 'unsupported',
      message: 'lcpf-allocations.ods was refused by the task.',
    });
    await expect(runSpreadsheetTaskInWorker(fixturePath('import', 'lcpf-allocations.ods'), { ...task, exportName: 'missing' })).rejects.toThrow(/has no function called missing/);
  });

  it('exports where its worker lives, for the bundler', () => {
    expect(existsSync(fileURLToPath(READ_WORKER_ENTRY))).toBe(true);
    expect(existsSync(fileURLToPath(READ_WORKER_MODULE))).toBe(true);
  });

  it('works from a script run by tsx, as the CLI runs', () => {
    const dir = tempDir();
    const script = join(dir, 'read-in-worker.mts');
    const module = fileURLToPath(new URL('../../../main/import/read/index.ts', import.meta.url));
    writeFileSync(
      script,
      `import { readSpreadsheetInWorker, detectTable } from ${JSON.stringify(module)};\n` +
        `const workbook = await readSpreadsheetInWorker(${JSON.stringify(fixturePath('import', 'lcpf-allocations.xlsx'))});\n` +
        'console.log(JSON.stringify(detectTable(workbook).headers.map((h) => h.name)));\n',
    );
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const output = execFileSync(process.execPath, [tsx, script], { encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(output.trim())).toEqual(['Borough', 'GSS code', 'LCPF allocation 2022-23', 'LCPF allocation 2023-24', 'LCPF allocation 2024-25', 'Total 2022-25']);
  });
});
