// The one client the renderer uses to reach main. It picks the transport:
// the Electron preload bridge (window.scrutiny) when present, otherwise
// browser mode's POST /api/<method> with the session token. Every failure,
// whatever its cause, arrives as an ApiCallError a person can read.
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/contract.ts';
import type { ApiError, Envelope, ErrorCode } from '../../../shared/envelope.ts';
import type { ScrutinyBridge } from '../../../shared/bridge.ts';
import { sessionToken } from './session.ts';

/** Codes the server sends, plus the one the client adds when main cannot be reached. */
export type ClientErrorCode = ErrorCode | 'unreachable';

export class ApiCallError extends Error {
  readonly code: ClientErrorCode;
  readonly where: string | undefined;
  readonly hint: string | undefined;
  readonly method: MethodName | undefined;

  constructor(error: { code: ClientErrorCode; message: string; where?: string | undefined; hint?: string | undefined }, method?: MethodName) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.where = error.where;
    this.hint = error.hint;
    this.method = method;
  }
}

export const NOT_ANSWERING = "Scrutiny Desk's background service is not answering.";
const NOT_ANSWERING_HINT = 'If Scrutiny Desk was started from a terminal, check it is still running, then reload this page. Your evidence store is not affected.';
const REQUEST_TIMEOUT_MS = 60_000;

export type Transport = 'electron' | 'web';

function bridge(): ScrutinyBridge | undefined {
  const candidate = (globalThis as { scrutiny?: ScrutinyBridge }).scrutiny;
  return candidate !== undefined && typeof candidate === 'object' ? candidate : undefined;
}

export function transport(): Transport {
  return bridge() !== undefined ? 'electron' : 'web';
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error === 'object' && v.error !== null && typeof (v.error as ApiError).message === 'string';
}

async function viaBridge<M extends MethodName>(b: ScrutinyBridge, method: M, input: MethodInput<M>): Promise<unknown> {
  const fn = b[method] as unknown as ((input: MethodInput<M>) => Promise<unknown>) | undefined;
  if (typeof fn !== 'function') {
    throw new ApiCallError({ code: 'unknown-method', message: `This version of Scrutiny Desk cannot do "${method}" yet.`, hint: 'Update Scrutiny Desk, or tell its maintainers what you were doing.' }, method);
  }
  try {
    return await fn(input);
  } catch {
    throw new ApiCallError({ code: 'unreachable', message: NOT_ANSWERING, hint: 'Close and reopen Scrutiny Desk. Your evidence store is not affected.' }, method);
  }
}

async function viaFetch<M extends MethodName>(method: M, input: MethodInput<M>): Promise<unknown> {
  const token = sessionToken();
  if (token === null) {
    throw new ApiCallError({
      code: 'unauthorised',
      message: 'This page was opened without its session key, so Scrutiny Desk cannot show your evidence.',
      hint: 'Open the full address Scrutiny Desk printed when it started (it ends with #token=…).',
    }, method);
  }
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new ApiCallError({ code: 'unreachable', message: NOT_ANSWERING, hint: NOT_ANSWERING_HINT }, method);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiCallError({
      code: response.status >= 500 ? 'unreachable' : 'internal',
      message: `Scrutiny Desk's background service gave an answer that could not be read (HTTP ${response.status}).`,
      hint: NOT_ANSWERING_HINT,
    }, method);
  }
  if (response.status === 401 && isEnvelope(body) && !body.ok) {
    throw new ApiCallError({ ...body.error, hint: body.error.hint ?? 'Open the address Scrutiny Desk printed when it started, or start it again.' }, method);
  }
  return body;
}

/**
 * Calls one contract method. Resolves with its value, checked against the
 * contract's output schema; rejects with an ApiCallError.
 */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const b = bridge();
  const answer = b !== undefined ? await viaBridge(b, method, input) : await viaFetch(method, input);
  if (!isEnvelope(answer)) {
    throw new ApiCallError({ code: 'internal', message: `Scrutiny Desk's background service gave an answer in an unexpected form (to "${method}").` }, method);
  }
  if (!answer.ok) throw new ApiCallError(answer.error, method);
  const checked = contract[method].output.safeParse(answer.value);
  if (!checked.success) {
    throw new ApiCallError({
      code: 'internal',
      message: `The answer to "${method}" is not in the form this window expects.`,
      hint: 'The window and the background service may be different versions: restart Scrutiny Desk.',
    }, method);
  }
  return checked.data as MethodOutput<M>;
}

/** Any thrown value as an ApiCallError, for notifications. */
export function toApiCallError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiCallError({ code: 'internal', message: `Something went wrong in this window: ${message}` });
}
