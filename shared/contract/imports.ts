// Importing spreadsheets: upload, preview, commit as a job, batches and profiles.
import { z } from 'zod';
import * as imports from '../import-schemas.ts';
import * as s from '../schemas.ts';
import { method, none } from './method.ts';

/** The DOM event that tells the page a file was chosen for import outside it (the desktop File menu). */
export const IMPORT_OFFERED_EVENT = 'scrutiny:import-offered';

export const importMethods = {
  'imports.takeOffered': method(none, z.object({ path: z.string(), fileName: z.string() }).nullable(), 'A file chosen for import from the File menu, if one is waiting'),
  'imports.upload': method(
    z.object({ fileName: z.string().trim().min(1).max(255), dataBase64: z.string().max(150 * 1024 * 1024) }).strict(),
    z.object({ path: z.string() }),
    'Keep a file sent by the browser (browser mode has no file paths) and give its path',
  ),
  'imports.preview': method(imports.importRequest, imports.importPreview, 'Read a file and show how it will be stored, row by row'),
  'imports.commit': method(
    imports.importRequest.extend({ saveProfileAs: z.string().trim().min(1).max(200).optional(), expectedSha256: z.string().optional() }).strict(),
    s.jobStatus,
    'Import a file in one transaction; returns the job to follow',
  ),
  'imports.list': method(none, z.array(imports.importBatch), 'Import batches, newest first'),
  'imports.get': method(
    z.object({ id: z.string() }).strict(),
    z.object({ batch: imports.importBatch, rejections: z.array(imports.importRejection) }),
    'One import batch with every rejected row and its reason',
  ),
  'imports.undo': method(z.object({ id: z.string() }).strict(), imports.importBatch, 'Undo an import as a whole'),
  'imports.profiles': method(none, z.array(imports.importProfileSummary), 'Saved column mappings'),
} as const;
