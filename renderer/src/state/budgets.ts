// The budgets store: everything the Budgets page charts, as budgets.get gives it.
// Edits elsewhere (a service changed, an import undone) mark it stale, so the page
// reads it again when next shown.
import { create } from 'zustand';
import type { Budgets } from '../../../shared/services-schemas.ts';
import { call, toApiCallError, type ApiCallError } from '../api/client.ts';
import { notifying } from './notifying.ts';

export interface BudgetsState {
  budgets: Budgets | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  stale: boolean;
  failure: Pick<ApiCallError, 'code' | 'message' | 'where' | 'hint'> | null;
  load(): Promise<void>;
  invalidate(): void;
}

export const useBudgetsStore = create<BudgetsState>()(
  notifying<BudgetsState>({ load: 'The budgets could not be loaded' }, (set) => ({
    budgets: null,
    status: 'idle',
    stale: true,
    failure: null,
    async load() {
      set({ status: 'loading' });
      try {
        const budgets = await call('budgets.get', {});
        set({ budgets, status: 'ready', stale: false, failure: null });
      } catch (error) {
        const e = toApiCallError(error);
        set({ status: 'failed', failure: { code: e.code, message: e.message, where: e.where, hint: e.hint } });
        throw e;
      }
    },
    invalidate() {
      set({ stale: true });
    },
  })),
);
