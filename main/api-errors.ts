// Every failure, whatever threw it, becomes the ApiError the faces send to the user.
import type { ApiError } from '../shared/envelope.ts';
import { StoreError } from './store/errors.ts';

export function toApiError(error: unknown): ApiError {
  if (error instanceof StoreError) return error.toApiError();
  const carried = (error as { apiError?: ApiError } | null)?.apiError;
  if (carried) return carried;
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong: ${message}` };
}
