// Runs an import task on a worker thread, so neither a big file nor a hostile one
// can freeze the window: the thread has its own memory ceiling and time limit.
import { Worker } from 'node:worker_threads';
import type { ApiError } from '../../shared/envelope.ts';
import type { ImportTask, TaskProgress } from './job.ts';

export const IMPORT_WORKER_ENTRY: URL = new URL('./job-worker-entry.mjs', import.meta.url);

export class ImportTaskError extends Error {
  constructor(readonly apiError: ApiError) {
    super(apiError.message);
  }
}

export interface RunOptions {
  memoryLimitMb?: number;
  timeoutMs?: number;
  workerEntry?: URL | string;
}

type Reply = { type: 'progress'; done: number; total: number | null; message: string } | { type: 'result'; value: unknown } | { type: 'error'; error: ApiError };

export function runImportTask<T>(task: ImportTask, onProgress: TaskProgress = () => {}, options: RunOptions = {}): Promise<T> {
  const memoryLimitMb = options.memoryLimitMb ?? 2048;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(options.workerEntry ?? IMPORT_WORKER_ENTRY, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb } });
    let settled = false;
    const finish = (outcome: { value: T } | { error: ApiError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('value' in outcome) resolve(outcome.value);
      else reject(new ImportTaskError(outcome.error));
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ error: { code: 'internal', message: `The import took longer than ${Math.round(timeoutMs / 60_000)} minutes and was stopped; nothing was written.` } }), timeoutMs);
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'progress') onProgress(reply.done, reply.total, reply.message);
      else if (reply.type === 'result') finish({ value: reply.value as T });
      else finish({ error: reply.error });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      finish({
        error: error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { code: 'bad-file', message: `The file needs more memory than Scrutiny Desk allows for one import (${memoryLimitMb.toLocaleString('en-GB')} MB); nothing was written. Split it into smaller files.` }
          : { code: 'internal', message: `The import stopped unexpectedly (${error.message.split('\n')[0]}); nothing was written.` },
      });
    });
    worker.on('exit', (code) => finish({ error: { code: 'internal', message: `The import stopped unexpectedly (exit code ${code}); nothing was written.` } }));
  });
}
