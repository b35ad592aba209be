// Handlers for importing spreadsheets: upload, preview, commit as a job, batches, profiles.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ImportPreview } from '../../shared/import-schemas.ts';
import type { HandlerTable } from '../api.ts';
import type { AppContext } from '../app-context.ts';
import { runImportTask } from '../import/run.ts';
import { StoreError } from '../store/errors.ts';
import * as importStore from '../store/imports.ts';
import type { BatchSummary } from '../store/imports.ts';

/** Largest file accepted for import, as for the reader (100 MB). */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

/** A file name safe to write: no folders, no control characters. */
function safeFileName(name: string): string {
  const base = [...basename(name.replace(/\\/g, '/'))].map((ch) => (ch.charCodeAt(0) < 32 || '<>:"|?*'.includes(ch) ? '_' : ch)).join('').trim();
  return base === '' || base === '.' || base === '..' ? 'upload' : base;
}

export function registerImportHandlers(table: HandlerTable, context: AppContext): void {
  const store = () => context.requireStore();

  table.register('imports.takeOffered', () => {
    const path = context.takeOfferedImport();
    return path ? { path, fileName: basename(path) } : null;
  });
  const workerOptions = () => ({
    ...(context.options.nativeBinding ? { nativeBinding: context.options.nativeBinding } : {}),
  });
  const runOptions = () => (context.options.importWorkerEntry ? { workerEntry: context.options.importWorkerEntry } : {});

  table.register('imports.upload', ({ fileName, dataBase64 }) => {
    const bytes = Buffer.from(dataBase64, 'base64');
    if (bytes.byteLength > MAX_UPLOAD_BYTES) {
      throw new StoreError('bad-file', `${fileName} is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB Scrutiny Desk imports.`, fileName);
    }
    const dir = join(context.uploadsDir, randomUUID());
    mkdirSync(dir, { recursive: true });
    const path = join(dir, safeFileName(fileName));
    writeFileSync(path, bytes);
    return { path };
  });

  table.register('imports.preview', (request) =>
    runImportTask<ImportPreview>({ op: 'preview', storeFile: store().file, request, ...workerOptions() }, undefined, runOptions()));

  table.register('imports.commit', ({ saveProfileAs, expectedSha256, ...request }) => {
    const current = store();
    return context.jobs.start('import', `Import ${basename(request.path)}`, async (report) => {
      report({ done: 0, total: null, message: 'Backing up the store first' });
      await current.backup('before import');
      return runImportTask<BatchSummary>(
        { op: 'commit', storeFile: current.file, request, ...workerOptions(), ...(saveProfileAs ? { saveProfileAs } : {}), ...(expectedSha256 ? { expectedSha256 } : {}) },
        (done, total, message) => report({ done, total, message }),
        runOptions(),
      );
    });
  });

  table.register('imports.list', () => importStore.listBatches(store().db));

  table.register('imports.get', ({ id }) => ({ batch: importStore.getBatch(store().db, id), rejections: importStore.batchRejections(store().db, id) }));

  table.register('imports.undo', ({ id }) => importStore.undoBatch(store().db, store().writer, id));

  table.register('imports.profiles', () =>
    importStore.listProfiles(store().db).map((p) => ({ id: p.id, name: p.name, target: p.target, headers: p.headers })));

}
