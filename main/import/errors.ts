// Import failures as the API reports them: what went wrong and where (file, sheet, row, column).
import type { ApiError } from '../../shared/envelope.ts';
import { StoreError } from '../store/errors.ts';
import { ImportFileError } from './read/index.ts';

export function whereOf(error: { file: string; sheet?: string | undefined; row?: number | undefined; column?: string | undefined }): string {
  return [error.file, error.sheet ? `sheet "${error.sheet}"` : null, error.row ? `row ${error.row}` : null, error.column ? `column ${error.column}` : null]
    .filter(Boolean)
    .join(', ');
}

export function importErrorToApi(error: unknown): ApiError {
  if (error instanceof ImportFileError) return { code: 'bad-file', message: error.message, where: whereOf(error) };
  if (error instanceof StoreError) return error.toApiError();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `The import failed unexpectedly: ${message}` };
}
