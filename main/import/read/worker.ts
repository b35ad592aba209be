// The worker thread's side of readSpreadsheetInWorker: reads one file, posts
// progress, then the workbook or a plain error. Runs through worker-entry.mjs
// (which registers tsx) or, bundled, on its own.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileBytes, readSpreadsheet } from './read.ts';
import { ImportFileError, type ReadProgress } from './types.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('main/import/read/worker.ts runs only as a worker thread');

function post(message: WorkerReply): void {
  port?.postMessage(message);
}

let lastPost = 0;
let lastStage = '';
function onProgress(progress: ReadProgress): void {
  const now = Date.now();
  // Every change of stage and the end of reading; otherwise at most ten messages a second.
  const finishedReading = progress.stage === 'reading' && progress.bytesRead === progress.totalBytes;
  if (progress.stage !== lastStage || finishedReading || now - lastPost >= 100) {
    lastStage = progress.stage;
    lastPost = now;
    post({ type: 'progress', progress });
  }
}

async function run(request: WorkerRequest): Promise<void> {
  try {
    const options = { limits: request.limits, onProgress, csv: request.csv, fileName: request.fileName };
    const bytes = await readFileBytes(request.path, options);
    const workbook = readSpreadsheet(bytes, request.fileName, options);
    post({ type: 'result', workbook });
  } catch (error) {
    if (error instanceof ImportFileError) {
      post({ type: 'error', error: error.toJSON() });
    } else {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      post({ type: 'error', error: { code: 'damaged', file: request.fileName, message: `${request.fileName} could not be read (${reason.slice(0, 120)}).` } });
    }
  }
}

await run(workerData as WorkerRequest);
