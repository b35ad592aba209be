// The IPC face of the API: one channel, every call dispatched through the same
// handler table as browser mode and the CLI. A call is accepted only from the main
// frame of a page on app://scrutiny; anything else gets an `unauthorised` envelope.
// Nothing throws across IPC (Electron would pass only an error's message): every
// answer is an envelope.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNEL } from '../../shared/bridge.ts';
import { errorEnvelope, type Envelope } from '../../shared/envelope.ts';
import { toApiError, type HandlerTable } from '../api.ts';
import { isAppUrl } from './protocol.ts';

export type Dispatcher = Pick<HandlerTable, 'dispatch'>;

/** The parts of a WebFrameMain the check reads (a real WebFrameMain is one). */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId?: number;
  readonly routingId?: number;
}

export interface SenderLike {
  senderFrame: FrameLike | null;
  sender?: { mainFrame?: FrameLike } | null;
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  return a.processId !== undefined && a.routingId !== undefined && a.processId === b.processId && a.routingId === b.routingId;
}

/** Why a call is refused, or null when its sender is our own main frame. */
export function refusalReason(event: SenderLike): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame has gone (navigated away or closed)';
  if (frame.parent !== null) return 'the call came from a subframe, not the main frame';
  const mainFrame = event.sender?.mainFrame;
  if (mainFrame && !sameFrame(frame, mainFrame)) return 'the call came from a frame that is not the main frame';
  if (!isAppUrl(frame.url)) return `the calling page is not on the app's own origin (${frame.url || 'no URL'})`;
  return null;
}

export interface IpcOptions {
  log?: (message: string) => void;
}

/** The function ipcMain.handle runs; exported so tests can call it with fake events. */
export function createIpcHandler(table: Dispatcher, options: IpcOptions = {}) {
  return async (event: SenderLike, method?: unknown, input?: unknown): Promise<Envelope<unknown>> => {
    try {
      const reason = refusalReason(event);
      if (reason !== null) {
        options.log?.(`Refused an API call (${typeof method === 'string' ? method : 'no method'}): ${reason}.`);
        return errorEnvelope({ code: 'unauthorised', message: `Refused: ${reason}.` });
      }
      return await table.dispatch(method, input);
    } catch (error) {
      return errorEnvelope(toApiError(error));
    }
  };
}

/** Registers the one API channel. Returns a function that removes it again. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, table: Dispatcher, options: IpcOptions = {}): () => void {
  const handler = createIpcHandler(table, options);
  ipcMain.handle(IPC_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => handler(event, method, input));
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
