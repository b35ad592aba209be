// Import figures on generated files of 100,000 rows: our import (read, validate every
// value, commit with history) against sqlite3's own .import of the same CSV, and
// against LibreOffice converting the same XLSX to CSV.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../../main/store/store.ts';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { fundingRows, paymentRows, writeCsv, writeXlsx } from '../helpers/generate.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

interface Measured {
  ms: number;
  maxRssMb?: number;
}

function which(command: string): string | null {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function timed(command: string, args: string[], options: { cwd?: string } = {}): Measured {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', ...options, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return { ms };
}

type OurImport = Measured & { rowsRead: number; newCount: number; rejected: number; stages: Record<string, number> };

async function ourImport(dir: string, file: string, target: string): Promise<OurImport> {
  const store = join(dir, `store-${target}-${Math.random().toString(36).slice(2)}.sqlite`);
  (await createStore(store)).close();
  const tsx = join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsx, join(PROJECT_ROOT, 'tests', 'bench', 'import-once.ts'), file, target, store], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`import of ${file} failed: ${result.stderr}`);
  const stagesLine = result.stderr.split('\n').find((line) => line.startsWith('SCRUTINY_IMPORT_TIMINGS '));
  const stages = stagesLine ? JSON.parse(stagesLine.slice('SCRUTINY_IMPORT_TIMINGS '.length)) as Record<string, number> : {};
  return { ...JSON.parse(result.stdout.trim().split('\n').pop()!) as Measured & { rowsRead: number; newCount: number; rejected: number }, stages };
}

/** Where the time went: the worker's stages, and the rest (worker start-up, backup, job hand-over). */
function breakdown(run: OurImport): string {
  const staged = Object.values(run.stages).reduce((sum, ms) => sum + ms, 0);
  const parts = Object.entries(run.stages).map(([stage, ms]) => `${stage} ${(ms / 1000).toFixed(2)}`);
  return `${parts.join(', ')}, other ${((run.ms - staged) / 1000).toFixed(2)} (s)`;
}

function sqliteImport(dir: string, file: string): Measured | null {
  if (!which('sqlite3')) return null;
  const db = join(dir, `ref-${Math.random().toString(36).slice(2)}.db`);
  return timed('sqlite3', [db, '.mode csv', `.import ${file} data`]);
}

function libreOfficeConvert(dir: string, file: string): Measured | null {
  const soffice = which('soffice') ?? which('libreoffice');
  if (!soffice) return null;
  const profile = `-env:UserInstallation=file://${join(dir, 'lo-profile')}`;
  const out = join(dir, 'lo-out');
  return timed(soffice, [profile, '--headless', '--convert-to', 'csv', '--outdir', out, file]);
}

const format = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')} rows/s`;

export async function runImportBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'scrutiny-bench-'));
  try {
    console.log(`\nImport: generated files of ${ROWS.toLocaleString('en-GB')} rows`);
    const datasets = [
      { name: 'payments', target: 'payments', data: paymentRows(ROWS), has: 'UK dates, £ amounts with pence' },
      { name: 'funding', target: 'funding', data: fundingRows(ROWS), has: 'financial years, borough variants, £ amounts' },
    ];
    // LibreOffice's first start builds its profile: warm it up so the reference is fair to it.
    const warm = join(dir, 'warm.xlsx');
    writeXlsx(warm, paymentRows(10));
    libreOfficeConvert(dir, warm);

    for (const set of datasets) {
      const csv = join(dir, `${set.name}.csv`);
      const xlsx = join(dir, `${set.name}.xlsx`);
      writeCsv(csv, set.data);
      writeXlsx(xlsx, set.data);
      console.log(`\n  ${set.name} (${set.has}); CSV ${(statSync(csv).size / 1e6).toFixed(1)} MB, XLSX ${(statSync(xlsx).size / 1e6).toFixed(1)} MB`);

      const reference = sqliteImport(dir, csv);
      const ours = await ourImport(dir, csv, set.target);
      console.log(`    CSV   ours: ${format(ours.ms)}, ${rate(ROWS, ours.ms)}, peak memory ${Math.round(ours.maxRssMb ?? 0)} MB (${ours.newCount.toLocaleString('en-GB')} stored, ${ours.rejected} rejected)`);
      console.log(`          stages: ${breakdown(ours)}`);
      if (reference) {
        const ratio = ours.ms / reference.ms;
        console.log(`          sqlite3 .import: ${format(reference.ms)}, ${rate(ROWS, reference.ms)}`);
        console.log(`          ratio ours / sqlite3 = ${ratio.toFixed(2)} (target ≤ 3.00: ${ratio <= 3 ? 'met' : 'not met'})`);
      } else {
        console.log('          sqlite3 not installed (apt-get install sqlite3): no reference');
      }

      const oursXlsx = await ourImport(dir, xlsx, set.target);
      const lo = libreOfficeConvert(dir, xlsx);
      console.log(`    XLSX  ours: ${format(oursXlsx.ms)}, ${rate(ROWS, oursXlsx.ms)}, peak memory ${Math.round(oursXlsx.maxRssMb ?? 0)} MB`);
      console.log(`          stages: ${breakdown(oursXlsx)}`);
      if (lo) {
        const ratio = oursXlsx.ms / lo.ms;
        console.log(`          LibreOffice XLSX to CSV: ${format(lo.ms)}`);
        console.log(`          ratio ours / LibreOffice = ${ratio.toFixed(2)} (target < 1.00: ${ratio < 1 ? 'met' : 'not met'})`);
      } else {
        console.log('          LibreOffice not installed (apt-get install libreoffice-calc-nogui): no reference');
      }
      const peak = Math.max(ours.maxRssMb ?? 0, oursXlsx.maxRssMb ?? 0);
      console.log(`    peak memory ${Math.round(peak)} MB (target < 400 MB: ${peak < 400 ? 'met' : 'not met'})`);
    }
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
