// One import, measured from inside its own process: wall time of the whole import
// (read, validate, commit) and the process's peak memory, worker thread included.
// Usage: tsx tests/bench/import-once.ts FILE TARGET STORE
import { join, dirname } from 'node:path';
import { createApi } from '../../main/api.ts';
import { AppContext } from '../../main/app-context.ts';

const [file, target, store] = process.argv.slice(2);
if (!file || !target || !store) throw new Error('usage: import-once.ts FILE TARGET STORE');
const context = new AppContext({ face: 'cli', appDataDir: join(dirname(store), 'app-data'), backupAtOpen: false });
const api = createApi(context);
await api.call('store.open', { path: store });
const started = performance.now();
process.env.SCRUTINY_IMPORT_TIMINGS = '1';
const job = await api.call('imports.commit', { path: file, target: target as 'payments' });
const finished = await context.jobs.settle(job.id, 5);
const ms = performance.now() - started;
context.close();
if (finished.state !== 'done') throw new Error(finished.error?.message ?? 'import failed');
const batch = finished.result as { rowsRead: number; newCount: number; rejectedCount: number };
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, rowsRead: batch.rowsRead, newCount: batch.newCount, rejected: batch.rejectedCount })}\n`);
