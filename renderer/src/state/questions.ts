// The Questions page's store: the checklist of terms of reference and key
// questions; the item open with its evidence by stance, draft finding and
// suggested questions; and the matrix of questions against witnesses,
// perspectives or kinds of source, with the cell in focus.
import { create } from 'zustand';
import type { MatrixColumns, Matrix, QuestionDetail, QuestionSummary, SuggestedQuestion, TargetInput } from '../../../shared/evidence-schemas.ts';
import type { ProgressStatus } from '../../../shared/schemas.ts';
import { call } from '../api/client.ts';
import { statusWords } from '../lib/format.ts';
import { attempt, type Outcome } from './evidence.ts';
import { notifying } from './notifying.ts';
import { useOverviewStore } from './overview.ts';

export type QuestionsView = 'checklist' | 'matrix';

export const QUESTION_FOCUS = {
  view: (view: QuestionsView) => `questions-${view}-title`,
  item: 'questions-item-title',
  row: (id: string) => `questions-row-${id}`,
  cell: 'questions-cell-title',
  suggested: (id: string) => `questions-suggested-${id}`,
  suggestedList: 'questions-suggested-title',
} as const;

/** The draft finding as typed, kept until saved (also across pages). */
export interface FindingDraft {
  text: string;
  state: 'editing' | 'saving' | 'saved' | 'failed';
  savedAt: string | null;
  problem: string | null;
}

export interface QuestionsState {
  view: QuestionsView;
  items: QuestionSummary[] | null;
  itemsStatus: 'idle' | 'loading' | 'ready' | 'failed';
  open: TargetInput | null;
  detail: QuestionDetail | null;
  detailStatus: 'closed' | 'loading' | 'ready' | 'failed';
  drafts: Record<string, FindingDraft>;
  matrixBy: MatrixColumns;
  matrix: Matrix | null;
  matrixStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** The matrix cell in focus: its row's id and its column's key. */
  cell: { rowId: string; columnKey: string } | null;
  announcement: { text: string; serial: number };
  focus: { target: string; serial: number };

  setView(view: QuestionsView): void;
  load(): Promise<void>;
  reload(): Promise<void>;
  openItem(target: TargetInput): Promise<void>;
  closeItem(): void;
  setStatus(target: TargetInput, status: ProgressStatus): Promise<void>;
  editFinding(itemId: string, text: string): void;
  saveFinding(target: TargetInput): Promise<void>;
  addSuggested(keyQuestionId: string, text: string, witnessId: string | null): Promise<Outcome<SuggestedQuestion>>;
  editSuggested(id: string, text: string, witnessId: string | null): Promise<Outcome<SuggestedQuestion>>;
  deleteSuggested(id: string): Promise<void>;
  moveSuggested(keyQuestionId: string, id: string, delta: number): Promise<void>;
  setMatrixBy(by: MatrixColumns): Promise<void>;
  loadMatrix(): Promise<void>;
  setCell(cell: { rowId: string; columnKey: string } | null): void;
  announce(text: string): void;
  requestFocus(target: string): void;
}

export const useQuestionsStore = create<QuestionsState>()(
  notifying<QuestionsState>(
    {
      load: 'The questions could not be loaded',
      reload: 'The questions could not be reloaded',
      openItem: 'The question could not be opened',
      setStatus: 'The status was not changed',
      saveFinding: null,
      addSuggested: null,
      editSuggested: null,
      deleteSuggested: 'The suggested question was not deleted',
      moveSuggested: 'The suggested question was not moved',
      setMatrixBy: 'The matrix could not be loaded',
      loadMatrix: 'The matrix could not be loaded',
    },
    (set, get) => {
      let serial = 0;
      const next = () => (serial += 1);

      async function loadDetail(): Promise<void> {
        const open = get().open;
        if (open === null) return;
        const detail = await call('questions.get', open);
        if (get().open?.id === open.id) set({ detail, detailStatus: 'ready' });
      }

      /** After a write: the checklist, the open item, the matrix if shown, and the overview. */
      async function refresh(): Promise<void> {
        void useOverviewStore.getState().load();
        await Promise.all([get().load(), loadDetail(), get().matrix !== null ? get().loadMatrix() : Promise.resolve()]);
      }

      return {
        view: 'checklist',
        items: null,
        itemsStatus: 'idle',
        open: null,
        detail: null,
        detailStatus: 'closed',
        drafts: {},
        matrixBy: 'witnesses',
        matrix: null,
        matrixStatus: 'idle',
        cell: null,
        announcement: { text: '', serial: 0 },
        focus: { target: '', serial: 0 },

        setView(view) {
          set({ view });
          if (view === 'matrix') void get().loadMatrix();
        },

        async load() {
          if (get().items === null) set({ itemsStatus: 'loading' });
          try {
            const items = await call('questions.list', {});
            set({ items, itemsStatus: 'ready' });
          } catch (error) {
            set({ itemsStatus: 'failed' });
            throw error;
          }
        },

        async reload() {
          await Promise.all([get().load(), loadDetail(), get().view === 'matrix' || get().matrix !== null ? get().loadMatrix() : Promise.resolve()]);
        },

        async openItem(target) {
          const same = get().open?.id === target.id;
          set({ open: { kind: target.kind, id: target.id }, detailStatus: same && get().detail !== null ? 'ready' : 'loading', view: 'checklist', ...(same ? {} : { detail: null }) });
          try {
            await loadDetail();
            get().requestFocus(QUESTION_FOCUS.item);
          } catch (error) {
            if (get().open?.id === target.id) set({ detailStatus: 'failed' });
            throw error;
          }
        },

        closeItem() {
          const open = get().open;
          set({ open: null, detail: null, detailStatus: 'closed' });
          get().requestFocus(open !== null ? QUESTION_FOCUS.row(open.id) : QUESTION_FOCUS.view('checklist'));
        },

        async setStatus(target, status) {
          const item = await call('questions.update', { kind: target.kind, id: target.id, status });
          get().announce(`${item.label}: status set to ${statusWords(status).toLowerCase()}.`);
          await refresh();
        },

        editFinding(itemId, text) {
          set((s) => ({ drafts: { ...s.drafts, [itemId]: { text, state: 'editing', savedAt: s.drafts[itemId]?.savedAt ?? null, problem: null } } }));
        },

        async saveFinding(target) {
          const draft = get().drafts[target.id];
          if (draft === undefined) return;
          set((s) => ({ drafts: { ...s.drafts, [target.id]: { ...draft, state: 'saving', problem: null } } }));
          const outcome = await attempt(() => call('questions.update', { kind: target.kind, id: target.id, draftFinding: draft.text }));
          if (!outcome.ok) {
            set((s) => ({ drafts: { ...s.drafts, [target.id]: { ...draft, state: 'failed', problem: outcome.problem.message } } }));
            get().announce(`The draft finding was not saved: ${outcome.problem.message}`);
            return;
          }
          const savedAt = new Date().toISOString();
          set((s) => {
            const current = s.drafts[target.id];
            // Typing carried on while it saved: keep that, still to be saved.
            const kept = current !== undefined && current.text !== draft.text ? { ...current, state: 'editing' as const, savedAt } : { text: draft.text, state: 'saved' as const, savedAt, problem: null };
            return { drafts: { ...s.drafts, [target.id]: kept } };
          });
          get().announce(`Draft finding of ${outcome.value.label.toLowerCase()} saved.`);
          await refresh();
        },

        async addSuggested(keyQuestionId, text, witnessId) {
          const outcome = await attempt(() => call('suggestedQuestions.create', { keyQuestionId, text, witnessId }));
          if (!outcome.ok) return outcome;
          get().announce('Suggested question added at the end of the list.');
          await refresh();
          return outcome;
        },

        async editSuggested(id, text, witnessId) {
          const outcome = await attempt(() => call('suggestedQuestions.update', { id, text, witnessId }));
          if (!outcome.ok) return outcome;
          get().announce('Suggested question saved.');
          await refresh();
          get().requestFocus(QUESTION_FOCUS.suggested(id));
          return outcome;
        },

        async deleteSuggested(id) {
          const result = await call('suggestedQuestions.delete', { id });
          get().announce(`Deleted: ${result.removed}. Press Control+Z to undo.`);
          await refresh();
          get().requestFocus(QUESTION_FOCUS.suggestedList);
        },

        async moveSuggested(keyQuestionId, id, delta) {
          const list = get().detail?.suggestedQuestions ?? [];
          const index = list.findIndex((q) => q.id === id);
          const to = Math.max(0, Math.min(list.length - 1, index + delta));
          if (index < 0 || to === index) {
            get().announce(delta < 0 ? 'Already first.' : 'Already last.');
            return;
          }
          const ids = list.map((q) => q.id);
          ids.splice(index, 1);
          ids.splice(to, 0, id);
          // Shown in its new place at once; the store's answer follows.
          const byId = new Map(list.map((q) => [q.id, q]));
          const detail = get().detail;
          if (detail !== null) set({ detail: { ...detail, suggestedQuestions: ids.map((x) => byId.get(x)!).filter(Boolean) } });
          await call('suggestedQuestions.reorder', { keyQuestionId, ids });
          get().announce(`Moved to position ${to + 1} of ${ids.length}.`);
          await refresh();
          get().requestFocus(QUESTION_FOCUS.suggested(id));
        },

        async setMatrixBy(by) {
          set({ matrixBy: by, cell: null });
          await get().loadMatrix();
        },

        async loadMatrix() {
          const by = get().matrixBy;
          if (get().matrix?.by !== by) set({ matrixStatus: 'loading' });
          try {
            const matrix = await call('matrix.get', { columns: by });
            if (get().matrixBy === by) set({ matrix, matrixStatus: 'ready' });
          } catch (error) {
            set({ matrixStatus: 'failed' });
            throw error;
          }
        },

        setCell(cell) {
          set({ cell });
        },

        announce(text) {
          set({ announcement: { text, serial: next() } });
        },

        requestFocus(target) {
          set({ focus: { target, serial: next() } });
        },
      };
    },
  ),
);
