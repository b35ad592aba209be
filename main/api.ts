// The handler table: one function per contract method. The Electron IPC face, the
// browser-mode HTTP face and the CLI all dispatch through it, so validation and
// the { ok, value } | { ok: false, error } envelope are the same everywhere.
import type { z } from 'zod';
import { contract, isMethodName, methodNames, type MethodName, type MethodOutput, type ParsedInput } from '../shared/contract.ts';
import { errorEnvelope, okEnvelope, type Envelope } from '../shared/envelope.ts';
import type { AppContext } from './app-context.ts';
import { registerCoreHandlers } from './handlers/core.ts';
import { registerEvidenceHandlers } from './handlers/evidence.ts';
import { registerImportHandlers } from './handlers/imports.ts';
import { registerSearchHandlers } from './handlers/search.ts';
import { registerServicesHandlers } from './handlers/services.ts';
import { toApiError } from './api-errors.ts';

export { toApiError };

export type Handler<M extends MethodName> = (input: ParsedInput<M>, context: AppContext) => Promise<MethodOutput<M>> | MethodOutput<M>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export class HandlerTable {
  private readonly handlers = new Map<MethodName, Handler<MethodName>>();

  constructor(private readonly context: AppContext) {}

  register<M extends MethodName>(name: M, handler: Handler<M>): this {
    if (this.handlers.has(name)) throw new Error(`API method ${name} is registered twice.`);
    this.handlers.set(name, handler as unknown as Handler<MethodName>);
    return this;
  }

  /** Throws unless every method of the contract has exactly one handler. */
  assertComplete(): this {
    const missing = methodNames.filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`API methods without a handler: ${missing.join(', ')}`);
    return this;
  }

  async dispatch(name: unknown, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isMethodName(name)) {
      return errorEnvelope({ code: 'unknown-method', message: `There is no API method called ${JSON.stringify(name)}.` });
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return errorEnvelope({ code: 'invalid-input', message: `${name} was given invalid input: ${describeIssues(parsed.error)}`, where: name });
    }
    const handler = this.handlers.get(name);
    if (!handler) return errorEnvelope({ code: 'unknown-method', message: `${name} is not available in this version.` });
    try {
      const value = await handler(parsed.data as never, this.context);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        return errorEnvelope({ code: 'internal', message: `${name} produced a malformed answer: ${describeIssues(checked.error)}` });
      }
      return okEnvelope(checked.data);
    } catch (error) {
      return errorEnvelope(toApiError(error));
    }
  }

  /** Typed call for in-process faces (the CLI, tests): the value, or a thrown ApiError-bearing error. */
  async call<M extends MethodName>(name: M, input: z.input<(typeof contract)[M]['input']>): Promise<MethodOutput<M>> {
    const result = await this.dispatch(name, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { apiError: result.error });
    return result.value as MethodOutput<M>;
  }
}

export function createApi(context: AppContext): HandlerTable {
  const table = new HandlerTable(context);
  registerCoreHandlers(table, context);
  registerImportHandlers(table, context);
  registerServicesHandlers(table, context);
  registerEvidenceHandlers(table, context);
  registerSearchHandlers(table, context);
  return table.assertComplete();
}
