// The overview store: the investigation at a glance, as overview.get gives it.
import { create } from 'zustand';
import type { Overview } from '../../../shared/schemas.ts';
import { call, toApiCallError, type ApiCallError } from '../api/client.ts';
import { notifying } from './notifying.ts';

export interface OverviewState {
  overview: Overview | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** The last failure, kept for the page's own explanation beside the notification. */
  failure: Pick<ApiCallError, 'code' | 'message' | 'where' | 'hint'> | null;
  load(): Promise<void>;
}

export const useOverviewStore = create<OverviewState>()(
  notifying<OverviewState>({ load: 'The overview could not be loaded' }, (set) => ({
    overview: null,
    status: 'idle',
    failure: null,
    async load() {
      set({ status: 'loading' });
      try {
        const overview = await call('overview.get', {});
        set({ overview, status: 'ready', failure: null });
      } catch (error) {
        const e = toApiCallError(error);
        set({ status: 'failed', failure: { code: e.code, message: e.message, where: e.where, hint: e.hint } });
        throw e;
      }
    },
  })),
);
