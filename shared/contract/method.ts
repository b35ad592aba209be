// The building block of the contract: a method's input schema, output schema and what it does.
import { z } from 'zod';

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary };
}

/** Input of a method that takes nothing. */
export const none = z.object({}).strict();
