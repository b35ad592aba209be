// The worker thread's side of readSpreadsheetInWorker: reads one file, posts
// progress, then the workbook (or a task's result) or a plain error. Runs
// through worker-entry.mjs (which registers tsx) or, bundled, on its own.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileBytes, readSpreadsheet } from './read.ts';
import { ImportFileError, type ReadProgress } from './types.ts';
import type { SpreadsheetTaskFunction, WorkerReply, WorkerRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('main/import/read/worker.ts runs only as a worker thread');

function post(message: WorkerReply): void {
  port?.postMessage(message);
}

// Progress is already coarse (every 4 MB read, every 10,000 rows), so each report is posted.
function onProgress(progress: ReadProgress): void {
  post({ type: 'progress', progress });
}

async function run(request: WorkerRequest): Promise<void> {
  try {
    const options = { limits: request.limits, onProgress, csv: request.csv, fileName: request.fileName };
    const bytes = await readFileBytes(request.path, options);
    const workbook = readSpreadsheet(bytes, request.fileName, options);
    if (!request.task) {
      post({ type: 'workbook', json: JSON.stringify(workbook) });
      return;
    }
    const module = (await import(request.task.module)) as Record<string, unknown>;
    const task = module[request.task.exportName];
    if (typeof task !== 'function') {
      post({ type: 'failure', message: `${request.task.module} has no function called ${request.task.exportName}` });
      return;
    }
    const value: unknown = await (task as SpreadsheetTaskFunction)(workbook, request.task.input, { onProgress });
    post({ type: 'task-result', value });
  } catch (error) {
    if (error instanceof ImportFileError) {
      post({ type: 'error', error: error.toJSON() });
    } else {
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      post({ type: 'failure', message: message.slice(0, 300) });
    }
  }
}

await run(workerData as WorkerRequest);
