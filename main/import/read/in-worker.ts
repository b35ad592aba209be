// readSpreadsheetInWorker: the same read as readSpreadsheet, on a worker
// thread with its own memory ceiling and a time limit, so a hostile or huge
// file cannot freeze the window or take the app down with it.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { displayName } from './read.ts';
import { ImportFileError, type CsvOptions, type ProgressCallback, type ReadLimits, type Workbook } from './types.ts';
import type { SpreadsheetTask, WorkerReply, WorkerRequest } from './worker-protocol.ts';

/**
 * The worker's entry file (registers tsx, then runs worker.ts). A bundler
 * should bundle READ_WORKER_MODULE as a separate entry and pass the bundled
 * file as `workerEntry`.
 */
export const READ_WORKER_ENTRY: URL = new URL('./worker-entry.mjs', import.meta.url);
/** The TypeScript module the worker runs. */
export const READ_WORKER_MODULE: URL = new URL('./worker.ts', import.meta.url);

export const DEFAULT_WORKER_MEMORY_MB = 1536;
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

type Outcome = { ok: true; value: unknown } | { ok: false; error: Error };

function runWorker(path: string, task: SpreadsheetTask | undefined, options: WorkerReadOptions): Promise<unknown> {
  const fileName = displayName(options.fileName ?? path);
  const memoryLimitMb = options.memoryLimitMb ?? DEFAULT_WORKER_MEMORY_MB;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS;
  const request: WorkerRequest = { path, fileName };
  if (options.limits) request.limits = options.limits;
  if (options.csv) request.csv = options.csv;
  if (task) {
    const module = task.module instanceof URL ? task.module.href : /^[a-z][a-z0-9+.-]*:/i.test(task.module) ? task.module : pathToFileURL(task.module).href;
    request.task = { module, exportName: task.exportName, input: task.input };
  }

  return new Promise<unknown>((resolve, reject) => {
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
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
      void worker.terminate();
    };
    const fail = (message: string, code: 'timeout' | 'cancelled' | 'out-of-memory' | 'damaged'): void => finish({ ok: false, error: new ImportFileError(message, { code, file: fileName }) });

    const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const timer = setTimeout(() => {
      fail(`Reading ${fileName} took longer than ${seconds} second${seconds === 1 ? '' : 's'}, so Scrutiny Desk stopped. The file may be too large or damaged; try splitting it into smaller files.`, 'timeout');
    }, timeoutMs);
    const onAbort = (): void => fail(`Reading ${fileName} was cancelled.`, 'cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: WorkerReply) => {
      if (settled) return;
      switch (message.type) {
        case 'progress':
          options.onProgress?.(message.progress);
          break;
        case 'workbook':
          finish({ ok: true, value: JSON.parse(message.json) as Workbook });
          break;
        case 'task-result':
          finish({ ok: true, value: message.value });
          break;
        case 'error':
          finish({ ok: false, error: ImportFileError.fromJSON(message.error) });
          break;
        case 'failure':
          // A bug in a task is not the file's fault: say so plainly, without pretending the file is damaged.
          finish({ ok: false, error: task ? new Error(`Processing ${fileName} failed: ${message.message}`) : new ImportFileError(`Reading ${fileName} failed unexpectedly (${message.message}).`, { code: 'damaged', file: fileName }) });
          break;
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail(
          `${fileName} needs more memory to read than Scrutiny Desk allows for one file (${memoryLimitMb.toLocaleString('en-GB')} MB), so it was stopped. Split it into smaller files, or delete unused sheets and save it again.`,
          'out-of-memory',
        );
      } else {
        fail(`Reading ${fileName} failed unexpectedly (${(error.message.split('\n')[0] ?? '').slice(0, 160)}).`, 'damaged');
      }
    });
    worker.on('exit', (code) => fail(`Reading ${fileName} stopped unexpectedly (the reader exited with code ${code}).`, 'damaged'));
  });
}

/**
 * Reads a spreadsheet file on a worker thread and resolves with the same
 * Workbook that readSpreadsheet returns. Rejects with ImportFileError for a
 * bad file, and also when the worker runs out of memory, takes too long, or
 * is cancelled; the calling process is never at risk.
 *
 * The workbook crosses back as JSON, which the calling thread still has to
 * parse (roughly 0.4 s per 100,000 rows of 8 columns). For big files, do the
 * per-row work in the worker with runSpreadsheetTaskInWorker instead.
 */
export async function readSpreadsheetInWorker(path: string, options: WorkerReadOptions = {}): Promise<Workbook> {
  return (await runWorker(path, undefined, options)) as Workbook;
}

/**
 * Reads a spreadsheet on a worker thread, then runs `task` on the workbook in
 * that same worker and resolves with the task's result, so only that result
 * crosses to the calling thread. Limits, memory ceiling, time limit and
 * cancelling work as in readSpreadsheetInWorker. In a bundled build the task's
 * module must be bundled beside the worker.
 */
export async function runSpreadsheetTaskInWorker<T>(path: string, task: SpreadsheetTask, options: WorkerReadOptions = {}): Promise<T> {
  return (await runWorker(path, task, options)) as T;
}
