// Worker thread for import tasks: runs one task, posts progress, then the result
// or an error envelope's error. Runs through job-worker-entry.mjs (registers tsx).
import { parentPort, workerData } from 'node:worker_threads';
import { importErrorToApi } from './errors.ts';
import { commitTask, previewTask, type ImportTask } from './job.ts';

const port = parentPort;
if (!port) throw new Error('main/import/job-worker.ts runs only as a worker thread');

let lastPost = 0;
function report(done: number, total: number | null, message: string): void {
  const now = Date.now();
  if (now - lastPost < 100 && done !== total) return;
  lastPost = now;
  port?.postMessage({ type: 'progress', done, total, message });
}

const task = workerData as ImportTask;
try {
  const value = task.op === 'preview' ? await previewTask(task, report) : await commitTask(task, report);
  port.postMessage({ type: 'result', value });
} catch (error) {
  port.postMessage({ type: 'error', error: importErrorToApi(error) });
}
