// How many of each kind of record the open store holds (store.counts), for the
// pages that say honestly what is there and what is not yet.
import { create } from 'zustand';
import { call } from '../api/client.ts';
import { notifying } from './notifying.ts';

export interface CountsState {
  counts: Record<string, number> | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  load(): Promise<void>;
}

export const useCountsStore = create<CountsState>()(
  notifying<CountsState>({ load: 'Scrutiny Desk could not count the records in this store' }, (set) => ({
    counts: null,
    status: 'idle',
    async load() {
      set({ status: 'loading' });
      try {
        set({ counts: await call('store.counts', {}), status: 'ready' });
      } catch (error) {
        set({ status: 'failed' });
        throw error;
      }
    },
  })),
);
