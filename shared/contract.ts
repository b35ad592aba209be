// The one API contract. Each method is declared here once, with the schema of
// its input and of its output; main/api.ts implements each once, and the
// Electron IPC face, the browser-mode HTTP face and the CLI all go through it.
import { coreMethods } from './contract/core.ts';
import { evidenceMethods } from './contract/evidence.ts';
import { importMethods } from './contract/imports.ts';
import { searchMethods } from './contract/search.ts';
import { serviceMethods } from './contract/services.ts';
import type { z } from 'zod';

const groups = [coreMethods, importMethods, serviceMethods, evidenceMethods, searchMethods];

// Each area declares its methods in shared/contract/. A spread would silently keep
// the last of two methods with one name, so a name declared twice stops the app.
const seen = new Set<string>();
for (const group of groups) {
  for (const name of Object.keys(group)) {
    if (seen.has(name)) throw new Error(`API method ${name} is declared twice in shared/contract/.`);
    seen.add(name);
  }
}

export const contract = {
  ...coreMethods,
  ...importMethods,
  ...serviceMethods,
  ...evidenceMethods,
  ...searchMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
