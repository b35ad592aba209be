// SQLite failures classified in one place, so every face can say what happened
// to which file and what the user can do next.
import type { ApiError, ErrorCode } from '../../shared/envelope.ts';

export class StoreError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, where?: string, hint?: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.where = where;
    this.hint = hint;
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.where ? { where: this.where } : {}),
      ...(this.hint ? { hint: this.hint } : {}),
    };
  }
}

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

/** Turns a better-sqlite3 error into a StoreError that names the file. */
export function classifySqliteError(error: unknown, file: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = String((error as SqliteLikeError)?.code ?? '');
  const detail = String((error as SqliteLikeError)?.message ?? error);
  if (code.startsWith('SQLITE_NOTADB')) {
    return new StoreError('store-not-database', `${file} is not a Scrutiny Desk store: it is not an SQLite database.`, file,
      'Choose the .sqlite file of an investigation, or create a new one.');
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new StoreError('store-corrupt', `${file} is damaged (${detail}).`, file,
      'Open one of its backups instead; the damaged file has been left as it was.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError('store-busy', `${file} is in use by another program and did not become free in time.`, file,
      'Close other copies of Scrutiny Desk or any program that has this file open, then try again.');
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new StoreError('store-full', `The disk holding ${file} is full; nothing was changed.`, file,
      'Free some space, then try again.');
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) {
    return new StoreError('store-read-only', `${file} cannot be written (it is read-only or you lack permission).`, file);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreError('store-cannot-open', `${file} could not be opened (${detail}).`, file,
      'Check that the folder exists and that you may write to it.');
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError('conflict', `The change was refused by the store's rules: ${detail}.`, file);
  }
  return new StoreError('internal', `Unexpected problem with ${file}: ${detail}`, file);
}
