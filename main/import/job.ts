// The work of one import task, as the worker thread runs it: preview a file, or
// commit it. It opens its own connection to the store (WAL lets the app keep
// reading meanwhile) and writes everything in one transaction.
import type { ImportPreview, ImportRequest } from '../../shared/import-schemas.ts';
import { commitImport, knownEntities, listProfiles, profileIdByName, saveProfile, type BatchSummary } from '../store/imports.ts';
import { openStore, openStoreReadOnly } from '../store/store.ts';
import { StoreError } from '../store/errors.ts';
import { makeProfile } from './map/index.ts';
import { buildPreview, prepareImport } from './pipeline.ts';
import { readFileBytes } from './read/index.ts';

export type ImportTask =
  | { op: 'preview'; storeFile: string; request: ImportRequest; nativeBinding?: string }
  | { op: 'commit'; storeFile: string; request: ImportRequest; nativeBinding?: string; saveProfileAs?: string; expectedSha256?: string };

export type TaskProgress = (done: number, total: number | null, message: string) => void;

/** Stage timings on standard error when SCRUTINY_IMPORT_TIMINGS is set: the benchmark reads them. */
function stopwatch() {
  const enabled = Boolean(process.env.SCRUTINY_IMPORT_TIMINGS);
  const laps: Record<string, number> = {};
  let last = performance.now();
  return {
    lap(name: string) {
      const now = performance.now();
      laps[name] = Math.round(now - last);
      last = now;
    },
    print() {
      if (enabled) process.stderr.write(`SCRUTINY_IMPORT_TIMINGS ${JSON.stringify(laps)}\n`);
    },
  };
}

function readProgress(report: TaskProgress) {
  return (progress: { stage: string; rows?: number; bytesRead?: number; totalBytes?: number }) => {
    if (progress.stage === 'reading' && progress.totalBytes) report(progress.bytesRead ?? 0, progress.totalBytes, 'Reading the file');
    else if (progress.rows !== undefined) report(progress.rows, null, `Reading row ${progress.rows.toLocaleString('en-GB')}`);
  };
}

export async function previewTask(task: Extract<ImportTask, { op: 'preview' }>, report: TaskProgress): Promise<ImportPreview> {
  const bytes = await readFileBytes(task.request.path);
  const db = openStoreReadOnly(task.storeFile, { checkIntegrity: false, ...(task.nativeBinding ? { nativeBinding: task.nativeBinding } : {}) });
  try {
    const known = knownEntities(db);
    const prepared = prepareImport(bytes, task.request.path, task.request, known, listProfiles(db), { explainRows: 50, onReadProgress: readProgress(report) });
    return buildPreview(prepared, task.request.path, known);
  } finally {
    db.close();
  }
}

export async function commitTask(task: Extract<ImportTask, { op: 'commit' }>, report: TaskProgress): Promise<BatchSummary> {
  const watch = stopwatch();
  const bytes = await readFileBytes(task.request.path);
  watch.lap('readFile');
  const store = await openStore(task.storeFile, { checkIntegrity: false, ...(task.nativeBinding ? { nativeBinding: task.nativeBinding } : {}) });
  try {
    const known = knownEntities(store.db);
    watch.lap('openStoreAndKnown');
    const prepared = prepareImport(bytes, task.request.path, task.request, known, listProfiles(store.db), { explainRows: 0, onReadProgress: readProgress(report), onStage: (stage) => watch.lap(stage) });
    if (task.expectedSha256 && task.expectedSha256 !== prepared.sha256) {
      throw new StoreError('conflict', `${prepared.fileName} has changed since it was previewed; nothing was imported.`, prepared.fileName, 'Preview it again, then import.');
    }
    const { result } = prepared;
    if (!result.ok) {
      throw new StoreError('invalid-input', `The columns of ${prepared.fileName} are not mapped well enough to import: ${result.problems.filter((p) => p.severity === 'error').map((p) => p.message).join('; ')}`, prepared.fileName);
    }
    report(0, null, 'Writing to the store');
    // The saved mapping and the import stand or fall together: a failed import saves no profile.
    return store.db.transaction(() => {
      let profileId = prepared.profile ? profileIdByName(store.db, prepared.profile.profile.name) : null;
      if (task.saveProfileAs) profileId = saveProfile(store.db, store.writer, makeProfile(task.saveProfileAs, prepared.mapping, prepared.table.columns));
      const rejected = new Set(result.rows.filter((row) => row.status === 'rejected').map((row) => row.rowNumber));
      const rawRows = new Map<number, string[]>();
      for (const row of prepared.table.rows) if (rejected.has(row.rowNumber)) rawRows.set(row.rowNumber, row.cells.map((cell) => cell.text));
      const batch = commitImport(store.db, store.writer, {
        file: { fileName: prepared.fileName, sha256: prepared.sha256, bytes: prepared.bytes, sheet: prepared.table.sheet },
        target: prepared.target,
        mapping: prepared.mapping,
        profileId,
        result,
        rawRows,
        headers: prepared.table.columns.map((c) => c.name),
      }, (done, total, message) => report(done, total, message));
      watch.lap('commit');
      watch.print();
      return batch;
    })();
  } finally {
    store.close();
  }
}
