// readSpreadsheetInWorker: the same read as readSpreadsheet, on a worker
// thread with its own memory ceiling and a time limit, so a hostile or huge
// file cannot freeze the window or take the app down with it.
import { Worker } from 'node:worker_threads';
import { displayName } from './read.ts';
import { ImportFileError, type CsvOptions, type ProgressCallback, type ReadLimits, type Workbook } from './types.ts';
import type { WorkerReply, WorkerRequest } from './worker-protocol.ts';

/**
 * The worker's entry file (registers tsx, then runs worker.ts). A bundler
 * should bundle READ_WORKER_MODULE as a separate entry and pass the bundled
 * file as `workerEntry`.
 */
export const READ_WORKER_ENTRY: URL = new URL('./worker-entry.mjs', import.meta.url);
/** The TypeScript module the worker runs. */
export const READ_WORKER_MODULE: URL = new URL('./worker.ts', import.meta.url);

export const DEFAULT_WORKER_MEMORY_MB = 1024;
export const DEFAULT_WORKER_TIMEOUT_MS = 180_000;

export interface WorkerReadOptions {
  /** Name shown in messages; defaults to the file's own name. */
  fileName?: string;
  limits?: Partial<ReadLimits>;
  csv?: CsvOptions;
  /** The worker's heap ceiling (V8 old generation), in MB. */
  memoryLimitMb?: number;
  /** Stop the worker after this long, in milliseconds. */
  timeoutMs?: number;
  /** Progress: bytes read, then rows parsed. Called on the calling thread. */
  onProgress?: ProgressCallback;
  /** Abort to stop the read (e.g. the user pressed Cancel). */
  signal?: AbortSignal;
  /** Override the worker script (for a bundled build). */
  workerEntry?: URL | string;
}

/**
 * Reads a spreadsheet file on a worker thread and resolves with the same
 * Workbook that readSpreadsheet returns. Rejects with ImportFileError for a
 * bad file, and also when the worker runs out of memory, takes too long, or
 * is cancelled; the calling process is never at risk.
 */
export function readSpreadsheetInWorker(path: string, options: WorkerReadOptions = {}): Promise<Workbook> {
  const fileName = displayName(options.fileName ?? path);
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_WORKER_MEMORY_MB;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
  const request: WorkerRequest = { path, fileName };
  if (options.limits) request.limits = options.limits;
  if (options.csv) request.csv = options.csv;

  return new Promise<Workbook>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ImportFileError(`Reading ${fileName} was cancelled.`, { code: 'cancelled', file: fileName }));
      return;
    }
    const worker = new Worker(options.workerEntry ?? READ_WORKER_ENTRY, {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (outcome: { workbook: Workbook } | { error: ImportFileError }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if ('workbook' in outcome) resolve(outcome.workbook);
      else reject(outcome.error);
      void worker.terminate();
    };
    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const timer = setTimeout(() => {
      finish({
        error: new ImportFileError(`Reading ${fileName} took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so Scrutiny Desk stopped. The file may be too large or damaged; try splitting it into smaller files.`, {
          code: 'timeout',
          file: fileName,
        }),
      });
    }, timeoutMs);
    const onAbort = (): void => finish({ error: new ImportFileError(`Reading ${fileName} was cancelled.`, { code: 'cancelled', file: fileName }) });
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerReply) => {
      if (message.type === 'progress') {
        if (!settled) options.onProgress?.(message.progress);
      } else if (message.type === 'result') {
        finish({ workbook: message.workbook });
      } else {
        finish({ error: ImportFileError.fromJSON(message.error) });
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish({
          error: new ImportFileError(
            `${fileName} needs more memory to read than Scrutiny Desk allows for one file (${memoryLimitMb.toLocaleString('en-GB')} MB), so it was stopped. Split it into smaller files, or delete unused sheets and save it again.`,
            { code: 'out-of-memory', file: fileName },
          ),
        });
      } else {
        const reason = (error.message.split('\n')[0] ?? '').slice(0, 160);
        finish({ error: new ImportFileError(`Reading ${fileName} failed unexpectedly (${reason}).`, { code: 'damaged', file: fileName }) });
      }
    });
    worker.on('exit', (code) => {
      finish({ error: new ImportFileError(`Reading ${fileName} stopped unexpectedly (the reader exited with code ${code}).`, { code: 'damaged', file: fileName }) });
    });
  });
}
