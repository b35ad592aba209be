// The one search (Ctrl+K): what was typed, the hits, and which hit is active.
// Opening a hit asks the page that owns the record to show it (useOpenRequest).
import { create } from 'zustand';
import type { SearchHit } from '../../../shared/contract/search.ts';
import { call } from '../api/client.ts';
import type { PageId } from '../routes.ts';
import { useRouter } from './router.ts';

export type HitKind = SearchHit['kind'];

/** The page each kind of record lives on. */
export const PAGE_OF: Record<HitKind, PageId> = { service: 'services', note: 'evidence', source: 'evidence', figure: 'overview' };

export interface OpenRequest {
  kind: HitKind;
  id: string;
  serial: number;
}

/** A record someone asked to see (from search); the page that owns its kind opens it and clears this. */
export const useOpenRequest = create<{ request: OpenRequest | null; clear(): void }>()((set) => ({
  request: null,
  clear: () => set({ request: null }),
}));

let serial = 0;
let timer: number | undefined;
/** Enter pressed while the hits were still for older text: open the first fresh hit when it comes. */
let chooseWhenReady = false;

export interface SearchState {
  open: boolean;
  text: string;
  hits: SearchHit[];
  total: number;
  active: number;
  status: 'idle' | 'searching' | 'ready' | 'failed';
  problem: string | null;
  show(): void;
  hide(): void;
  type(text: string): void;
  move(by: number): void;
  setActive(index: number): void;
  choose(index?: number): void;
}

export const useSearchStore = create<SearchState>()((set, get) => ({
  open: false,
  text: '',
  hits: [],
  total: 0,
  active: 0,
  status: 'idle',
  problem: null,

  show: () => set({ open: true }),
  hide: () => {
    chooseWhenReady = false;
    set({ open: false });
  },

  type(text) {
    set({ text });
    if (timer !== undefined) window.clearTimeout(timer);
    const mine = ++serial;
    if (text.trim() === '') {
      set({ hits: [], total: 0, active: 0, status: 'idle', problem: null });
      return;
    }
    set({ status: 'searching' });
    // A short pause so fast typing sends one query, not one per key.
    timer = window.setTimeout(() => {
      call('search.query', { text, limit: 30 }).then(
        ({ hits, total }) => {
          if (mine !== serial) return;
          set({ hits, total, active: 0, status: 'ready', problem: null });
          if (chooseWhenReady) {
            chooseWhenReady = false;
            get().choose(0);
          }
        },
        (error: unknown) => {
          if (mine === serial) set({ hits: [], total: 0, status: 'failed', problem: (error as Error).message });
        },
      );
    }, 60);
  },

  move(by) {
    const { hits, active } = get();
    if (hits.length === 0) return;
    set({ active: (active + by + hits.length) % hits.length });
  },

  setActive(index) {
    set({ active: index });
  },

  choose(index) {
    if (get().status === 'searching' && index === undefined) {
      chooseWhenReady = true;
      return;
    }
    chooseWhenReady = false;
    const hit = get().hits[index ?? get().active];
    if (!hit) return;
    set({ open: false });
    useOpenRequest.setState({ request: { kind: hit.kind, id: hit.id, serial: ++serial } });
    useRouter.getState().go(PAGE_OF[hit.kind]);
  },
}));
