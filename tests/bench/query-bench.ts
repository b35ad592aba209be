// Query figures on a store of realistic size: the API calls behind charts, tables
// and search, each run many times, as median and 95th percentile. The reference in
// the same run is the plain count of every row the queries look at.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { methodNames, type MethodName } from '../../shared/contract.ts';
import { REALISTIC, realisticStore, realisticStorePath } from '../helpers/realistic-store.ts';

const RUNS = 40;

export function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export async function runQueryBench(): Promise<void> {
  const cache = join(PROJECT_ROOT, 'tests', '.artifacts');
  const started = performance.now();
  const source = await realisticStore(realisticStorePath(cache));
  const built = performance.now() - started;
  const dir = mkdtempSync(join(tmpdir(), 'scrutiny-query-bench-'));
  const file = join(dir, 'realistic.sqlite');
  copyFileSync(source, file);
  const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app'), backupAtOpen: false });
  try {
    await context.open(file);
    const api = createApi(context);
    const db = context.requireStore().db;
    console.log(`\nQueries: a store of ${REALISTIC.services.toLocaleString('en-GB')} services, ${REALISTIC.fundingLines.toLocaleString('en-GB')} funding lines, ${REALISTIC.payments.toLocaleString('en-GB')} payments, ${REALISTIC.notes.toLocaleString('en-GB')} notes${built > 1000 ? ` (built in ${(built / 1000).toFixed(1)} s)` : ''}`);

    const time = (work: () => unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const t = performance.now();
        work();
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b);
    };
    // The reference: SQLite counting every row of the big tables, once per run.
    const reference = time(() => db.prepare('SELECT (SELECT count(*) FROM funding_lines) + (SELECT count(*) FROM payments) + (SELECT count(*) FROM notes)').pluck().get());
    const referenceMedian = percentile(reference, 50);
    console.log(`  reference: count of all funding lines, payments and notes: median ${referenceMedian.toFixed(2)} ms`);

    const calls: { label: string; method: MethodName; input: object; target: number }[] = [
      { label: 'search "knife crime"', method: 'search.query', input: { text: 'knife crime' }, target: 20 },
      { label: 'search "men" (as typed)', method: 'search.query', input: { text: 'men' }, target: 20 },
      { label: 'search "evaluation provider borough"', method: 'search.query', input: { text: 'evaluation provider borough' }, target: 20 },
      { label: 'overview (figures, checks, link counts)', method: 'overview.get', input: {}, target: 20 },
      { label: 'budgets (chart aggregations)', method: 'budgets.get' as MethodName, input: {}, target: 20 },
      { label: 'services list (2,000 rows with totals)', method: 'services.list' as MethodName, input: {}, target: 100 },
      { label: 'questions with coverage', method: 'questions.list' as MethodName, input: {}, target: 20 },
    ];
    for (const call of calls) {
      if (!methodNames.includes(call.method)) {
        console.log(`  ${call.label}: not in this version`);
        continue;
      }
      const first = await api.dispatch(call.method, call.input);
      if (!first.ok) {
        console.log(`  ${call.label}: failed (${first.error.message})`);
        continue;
      }
      // Handlers are synchronous underneath; dispatch's promise adds only a microtask.
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const t = performance.now();
        await api.dispatch(call.method, call.input);
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      const p95 = percentile(samples, 95);
      console.log(`  ${call.label}: median ${percentile(samples, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${(percentile(samples, 50) / referenceMedian).toFixed(1)}× the reference; target p95 < ${call.target} ms: ${p95 < call.target ? 'met' : 'not met'})`);
    }
  } finally {
    context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
