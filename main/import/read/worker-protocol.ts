// Messages between the calling thread and the reader's worker thread.
import type { CsvOptions, ImportFileErrorDetails, ProgressCallback, ReadLimits, ReadProgress, Workbook } from './types.ts';

/**
 * Work to run on the workbook inside the worker, so only its (small) result
 * crosses back to the calling thread. `module` is a file URL of an ES module;
 * `exportName` names a SpreadsheetTaskFunction it exports.
 */
export interface SpreadsheetTask {
  module: string | URL;
  exportName: string;
  /** Passed to the task; must survive structured clone. */
  input?: unknown;
}

/** What a task module exports. Throw ImportFileError for problems with the file. */
export type SpreadsheetTaskFunction<Input = unknown, Output = unknown> = (workbook: Workbook, input: Input, context: { onProgress: ProgressCallback }) => Output | Promise<Output>;

export interface WorkerRequest {
  path: string;
  fileName: string;
  limits?: Partial<ReadLimits>;
  csv?: CsvOptions;
  task?: { module: string; exportName: string; input?: unknown };
}

export type WorkerReply =
  | { type: 'progress'; progress: ReadProgress }
  /** The workbook as JSON: parsing JSON on the calling thread is 2-3 times faster than structured clone for big object trees. */
  | { type: 'workbook'; json: string }
  | { type: 'task-result'; value: unknown }
  | { type: 'error'; error: ImportFileErrorDetails & { message: string } }
  /** A bug (in a task, or here), not a problem with the file. */
  | { type: 'failure'; message: string };
