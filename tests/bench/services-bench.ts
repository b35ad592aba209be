// Services and Budgets figures on a store of realistic size (2,000 services, 100,000
// funding lines and payments): each call cold (just after a change, when the totals are
// computed afresh) and warm (unchanged data: the kept answer), as median and 95th
// percentile, beside a reference measured in the same run. Printed, never asserted.
// Run alone: npx tsx tests/bench/services-bench.ts
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';
import { PROJECT_ROOT } from '../../main/paths.ts';
import { REALISTIC, realisticStore, realisticStorePath } from '../helpers/realistic-store.ts';

const RUNS = 30;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function runServicesBench(): Promise<void> {
  const source = await realisticStore(realisticStorePath(join(PROJECT_ROOT, 'tests', '.artifacts')));
  const dir = mkdtempSync(join(tmpdir(), 'scrutiny-services-bench-'));
  const file = join(dir, 'realistic.sqlite');
  copyFileSync(source, file);
  const context = new AppContext({ face: 'test', appDataDir: join(dir, 'app'), backupAtOpen: false });
  try {
    await context.open(file);
    const api = createApi(context);
    const db = context.requireStore().db;
    // Any write makes the kept totals stale; this one changes nothing a user sees.
    const touch = db.prepare("UPDATE store_info SET value = value WHERE key = 'created_at'");
    const measure = async (work: () => unknown, cold: boolean) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        if (cold) touch.run();
        const started = performance.now();
        await work();
        samples.push(performance.now() - started);
      }
      return samples.sort((a, b) => a - b);
    };
    console.log(`\nServices and Budgets: ${REALISTIC.services.toLocaleString('en-GB')} services, ${REALISTIC.fundingLines.toLocaleString('en-GB')} funding lines, ${REALISTIC.payments.toLocaleString('en-GB')} payments`);
    const reference = await measure(() => db.prepare('SELECT count(*), sum(amount_pence) FROM funding_lines').get(), false);
    const referenceMedian = percentile(reference, 50);
    console.log(`  reference: one scan adding up every funding line: median ${referenceMedian.toFixed(1)} ms`);

    const { rows } = await api.call('services.list', {});
    const busiest = [...rows].sort((a, b) => b.paymentCount - a.paymentCount)[0]!;
    const calls = [
      { label: 'budgets.get (every chart, table and check)', run: () => api.call('budgets.get', {}) },
      { label: `services.list (${rows.length.toLocaleString('en-GB')} rows with totals)`, run: () => api.call('services.list', {}) },
      { label: `services.get (${busiest.fundingLineCount} funding lines, ${busiest.paymentCount} payments)`, run: () => api.call('services.get', { id: busiest.id }) },
    ];
    for (const call of calls) {
      for (const cold of [true, false]) {
        const samples = await measure(call.run, cold);
        const median = percentile(samples, 50);
        console.log(`  ${call.label}, ${cold ? 'cold' : 'warm'}: median ${median.toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms (${(median / referenceMedian).toFixed(1)}× the reference)`);
      }
    }
  } finally {
    context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('services-bench.ts')) await runServicesBench();
