// Every API call, over IPC or HTTP, answers with this envelope. Electron passes
// only an error's message across IPC, so errors travel as plain data instead.

export type ErrorCode =
  | 'invalid-input'
  | 'bad-file'
  | 'unknown-method'
  | 'not-found'
  | 'no-store'
  | 'store-newer-version'
  | 'store-not-database'
  | 'store-corrupt'
  | 'store-busy'
  | 'store-full'
  | 'store-read-only'
  | 'store-cannot-open'
  | 'conflict'
  | 'unauthorised'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  /** Plain English, shown to the user as it is. */
  message: string;
  /** Where the problem is, when known: a file, a field, a row. */
  where?: string;
  /** What the user can do about it. */
  hint?: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(error: ApiError): Envelope<never> {
  return { ok: false, error };
}
