// The detail pane: what it shows (a source with the figure or check that cites
// it, or the open evidence store) and where focus goes back to when it closes.
import { create } from 'zustand';
import type { Figure, Source } from '../../../shared/schemas.ts';
import { call } from '../api/client.ts';
import { notifying } from './notifying.ts';
import { useOverviewStore } from './overview.ts';

export interface SourceRequest {
  sourceId: string;
  /** The figure whose source this is, if any. */
  figure?: Figure | undefined;
  /** What cites the source when it is not a single figure: a check's title, a list. */
  citedBy?: string | undefined;
  /** Where in the source: "Key issues, paragraph 1". */
  locator?: string | null | undefined;
}

export type DetailRequest =
  | ({ kind: 'source' } & SourceRequest)
  | { kind: 'store' }
  /** An import batch; `confirmUndo` opens it with the undo confirmation showing. */
  | { kind: 'batch'; batchId: string; confirmUndo: boolean; serial: number }
  /** A commissioned service; `confirmDelete` opens it with the deletion question showing. */
  | { kind: 'service'; serviceId: string; confirmDelete: boolean; serial: number };

export interface DetailState {
  request: DetailRequest | null;
  source: Source | null;
  status: 'closed' | 'loading' | 'ready' | 'failed';
  openSource(request: SourceRequest, opener?: HTMLElement | null): Promise<void>;
  /** Opens the evidence stores pane (or, when it is open, moves focus to its heading). */
  openStore(opener?: HTMLElement | null): void;
  /** Opens an import batch: its counts, every rejected row, and undo. */
  openBatch(batchId: string, opener?: HTMLElement | null, options?: { confirmUndo?: boolean }): void;
  /** Opens a service: its fields, funding, boroughs, evaluations, payments and evidence. */
  openService(serviceId: string, opener?: HTMLElement | null, options?: { confirmDelete?: boolean; focus?: boolean }): void;
  /** Closes the pane; focus goes back to what opened it unless `restoreFocus` is false. */
  close(options?: { restoreFocus?: boolean }): void;
}

let returnFocusTo: HTMLElement | null = null;
let batchSerial = 0;

function rememberOpener(opener: HTMLElement | null | undefined): void {
  returnFocusTo = opener ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
}

/** Moves focus into the pane once it has rendered, so its content is read next. */
function focusPane(): void {
  requestAnimationFrame(() => document.getElementById('detail-title')?.focus());
}

export const useDetailStore = create<DetailState>()(
  notifying<DetailState>({ openSource: 'The source could not be shown' }, (set, get) => ({
    request: null,
    source: null,
    status: 'closed',

    async openSource(sourceRequest, opener) {
      rememberOpener(opener);
      const request: DetailRequest = { kind: 'source', ...sourceRequest };
      const known = useOverviewStore.getState().overview?.sources.find((s) => s.id === sourceRequest.sourceId);
      if (known) {
        set({ request, source: known, status: 'ready' });
        focusPane();
        return;
      }
      set({ request, source: null, status: 'loading' });
      focusPane();
      try {
        const source = await call('sources.get', { id: sourceRequest.sourceId });
        if (get().request === request) set({ source, status: 'ready' });
      } catch (error) {
        if (get().request === request) set({ status: 'failed' });
        throw error;
      }
    },

    openStore(opener) {
      if (get().request?.kind === 'store') {
        focusPane();
        return;
      }
      rememberOpener(opener);
      set({ request: { kind: 'store' }, source: null, status: 'ready' });
      focusPane();
    },

    openBatch(batchId, opener, options) {
      // Opening another batch from the list keeps the first opener, so Escape returns to the list.
      if (get().request?.kind !== 'batch') rememberOpener(opener);
      else if (opener !== undefined && opener !== null) returnFocusTo = opener;
      set({ request: { kind: 'batch', batchId, confirmUndo: options?.confirmUndo === true, serial: ++batchSerial }, source: null, status: 'ready' });
      focusPane();
    },

    openService(serviceId, opener, options) {
      // Opening another service from the list keeps focus returning to the list.
      if (get().request?.kind !== 'service') rememberOpener(opener);
      else if (opener !== undefined && opener !== null) returnFocusTo = opener;
      set({ request: { kind: 'service', serviceId, confirmDelete: options?.confirmDelete === true, serial: ++batchSerial }, source: null, status: 'ready' });
      if (options?.focus !== false) focusPane();
    },

    close(options) {
      set({ request: null, source: null, status: 'closed' });
      const target = returnFocusTo;
      returnFocusTo = null;
      if (options?.restoreFocus === false) return;
      if (target?.isConnected) target.focus();
      else document.getElementById('main')?.focus();
    },
  })),
);
