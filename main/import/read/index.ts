// The first layer of an import: file -> table of cells. What the next layers use.
export {
  DEFAULT_LIMITS,
  ImportFileError,
  cellAddress,
  cellAt,
  columnLetter,
  columnNumber,
  type Cell,
  type CellType,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvOptions,
  type ImportErrorCode,
  type ImportFileErrorDetails,
  type MergedRange,
  type ProgressCallback,
  type ReadLimits,
  type ReadOptions,
  type ReadProgress,
  type Sheet,
  type SheetRow,
  type Workbook,
  type WorkbookKind,
} from './types.ts';
export { readFileBytes, readSpreadsheet, readSpreadsheetFile } from './read.ts';
export { detectTable, cleanHeaderText, type DataRow, type DetectTableOptions, type Header, type HeaderProblem, type SheetTable, type SkipReason, type SkippedRow, type TitleRow } from './table.ts';
export {
  readSpreadsheetInWorker,
  runSpreadsheetTaskInWorker,
  READ_WORKER_ENTRY,
  READ_WORKER_MODULE,
  DEFAULT_WORKER_MEMORY_MB,
  DEFAULT_WORKER_TIMEOUT_MS,
  type WorkerReadOptions,
} from './in-worker.ts';
export type { SpreadsheetTask, SpreadsheetTaskFunction } from './worker-protocol.ts';
