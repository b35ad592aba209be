// Messages between readSpreadsheetInWorker and its worker thread.
import type { CsvOptions, ImportFileErrorDetails, ReadLimits, ReadProgress, Workbook } from './types.ts';

export interface WorkerRequest {
  path: string;
  fileName: string;
  limits?: Partial<ReadLimits>;
  csv?: CsvOptions;
}

export type WorkerReply =
  | { type: 'progress'; progress: ReadProgress }
  | { type: 'result'; workbook: Workbook }
  | { type: 'error'; error: ImportFileErrorDetails & { message: string } };
