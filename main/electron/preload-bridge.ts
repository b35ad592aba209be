// What the preload puts on window.scrutiny: one named function per contract method,
// each invoking the one IPC channel with its own name. The page never sees
// ipcRenderer, a channel name it chooses, or anything else from Electron.
import type { ContextBridge, IpcRenderer } from 'electron';
import { IPC_CHANNEL, type ScrutinyBridge } from '../../shared/bridge.ts';
import { methodNames, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract.ts';
import type { Envelope } from '../../shared/envelope.ts';

/** The global the renderer's client looks for. */
export const BRIDGE_KEY = 'scrutiny';

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

type BridgeFunction<M extends MethodName> = (input?: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>>;
type Bridge = { readonly [M in MethodName]: BridgeFunction<M> };

export function createBridge(invoke: Invoke): ScrutinyBridge {
  const call = <M extends MethodName>(name: M): BridgeFunction<M> =>
    (input) => invoke(IPC_CHANNEL, name, input) as Promise<Envelope<MethodOutput<M>>>;
  const bridge = Object.freeze(Object.fromEntries(methodNames.map((name) => [name, call(name)]))) as Bridge satisfies ScrutinyBridge;
  return bridge;
}

/** Runs in the preload: exposes the bridge, built over ipcRenderer.invoke, and nothing else. */
export function exposeBridge(contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipcRenderer: Pick<IpcRenderer, 'invoke'>): void {
  // Bind through a closure so the page cannot reach ipcRenderer through the functions.
  const invoke: Invoke = (channel, ...args) => ipcRenderer.invoke(channel, ...args);
  contextBridge.exposeInMainWorld(BRIDGE_KEY, createBridge(invoke));
}
