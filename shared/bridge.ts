// The object the Electron preload exposes to the page as `scrutiny`: one named function
// per contract method, never a raw ipcRenderer. Browser mode has no bridge; the
// renderer's client then uses fetch against the same methods.
import type { Envelope } from './envelope.ts';
import type { MethodInput, MethodName, MethodOutput } from './contract.ts';

export type ScrutinyBridge = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>;
};

/** The IPC channel every bridge method invokes, with the method name as its first argument. */
export const IPC_CHANNEL = 'scrutiny:call';
