// The Imports page's store: the batches already imported, one file going
// through Read → Map → Preview → Commit, the import job being followed, and the
// batch open in the detail pane. Every change of the clerk's choices re-runs
// imports.preview after a short pause (typing is never held up; an answer
// overtaken by a later change is dropped).
import { create } from 'zustand';
import type { MethodOutput } from '../../../shared/contract.ts';
import { importBatch, type ImportBatch, type ImportPreview, type ImportRejection, type ImportRequest, type ImportTarget } from '../../../shared/import-schemas.ts';
import type { JobStatus } from '../../../shared/schemas.ts';
import { call, toApiCallError } from '../api/client.ts';
import { fileSize } from '../lib/format.ts';
import {
  MAX_IMPORT_BYTES, batchLine, countsLine, draftFromMapping, mappingFromDraft, mergeYearColumns, type MappingDraft, type Measure, type YearColumn,
} from '../lib/imports.ts';
import { useAppStore } from './app.ts';
import { useCountsStore } from './counts.ts';
import { notifying } from './notifying.ts';
import { useOverviewStore } from './overview.ts';
import { useRouter } from './router.ts';

export type ImportProfileSummary = MethodOutput<'imports.profiles'>[number];

export type ImportStep = 'read' | 'map' | 'preview' | 'commit';
export const IMPORT_STEPS: readonly { id: ImportStep; label: string }[] = [
  { id: 'read', label: 'Read' },
  { id: 'map', label: 'Map' },
  { id: 'preview', label: 'Preview' },
  { id: 'commit', label: 'Commit' },
];

export interface Problem {
  code?: string | undefined;
  message: string;
  where?: string | undefined;
  hint?: string | undefined;
}

export type OrganisationDecision = { organisationId: string } | 'new';

/** How a field gets its value: from no column, from a column, or one value for the whole file. */
export type FieldChoice = { kind: 'none' } | { kind: 'column'; letter: string } | { kind: 'constant' };

export interface ImportFlow {
  /** Each file read gets a new id; answers for an earlier file are dropped. */
  id: number;
  fileName: string;
  bytes: number;
  phase: 'uploading' | 'reading' | 'ready' | 'refused';
  /** Where main keeps the file (imports.upload). */
  path: string | null;
  step: ImportStep;
  /** The clerk's choices; undefined lets Scrutiny Desk choose. */
  target: ImportTarget | undefined;
  sheet: string | undefined;
  headerRow: number | undefined;
  /** A saved mapping the clerk chose by name (sent until the preview gives its mapping). */
  profileName: string | undefined;
  /** The mapping as the clerk edits it; null until the first preview (or after a new target, sheet or header row). */
  draft: MappingDraft | null;
  /** Every column seen holding one financial year (funding), so one left out can be put back. */
  yearChoices: YearColumn[];
  decisions: Record<string, OrganisationDecision>;
  /** Every organisation name the clerk was asked about; a decided one leaves the preview's list but stays in view. */
  uncertainSeen: UncertainOrganisation[];
  saveProfileAs: string;
  preview: ImportPreview | null;
  /** waiting: a change is about to be previewed; loading: asked. */
  previewState: 'idle' | 'waiting' | 'loading' | 'ready' | 'failed';
  previewProblem: Problem | null;
  /** Why the file was refused, when it was. */
  refusal: Problem | null;
  /** The saved mapping applied when the file was read, kept in view after the clerk changes it. */
  profileBase: ImportPreview['profile'];
  result: ImportBatch | null;
  commitProblem: Problem | null;
}

export type UncertainOrganisation = ImportPreview['organisations']['uncertain'][number];

function mergeUncertain(known: readonly UncertainOrganisation[], seen: readonly UncertainOrganisation[]): UncertainOrganisation[] {
  const byKey = new Map(known.map((u) => [u.key, u] as const));
  for (const u of seen) byKey.set(u.key, u);
  return [...byKey.values()];
}

export type FocusTarget = 'step' | 'refusal' | 'result' | 'commit-problem';

export interface BatchDetail {
  id: string;
  batch: ImportBatch;
  rejections: ImportRejection[];
}

export interface ImportsState {
  batches: ImportBatch[] | null;
  /** Saved mappings (imports.profiles), to apply one by name. */
  profiles: ImportProfileSummary[] | null;
  batchesStatus: 'idle' | 'loading' | 'ready' | 'failed';
  flow: ImportFlow | null;
  /** Bumped to move focus: the flow's current step heading, a refusal, the result. */
  focus: { target: FocusTarget; serial: number };
  /** Read out by the page's live region: preview updates and the end of an import. */
  announcement: { text: string; serial: number };
  /** The import job running or last finished, and the file it belongs to (null when picked up after a reload). */
  job: JobStatus | null;
  jobFlowId: number | null;
  detail: BatchDetail | null;
  detailStatus: 'idle' | 'loading' | 'ready' | 'failed';
  detailProblem: Problem | null;
  undoing: string | null;
  undoProblem: Problem | null;
  /** Bumped when an undo is done, so the pane moves focus to the new status. */
  undoneSerial: number;

  loadBatches(): Promise<void>;
  loadProfiles(): Promise<void>;
  startFile(file: File): Promise<void>;
  /** Takes a file chosen outside the page (the desktop File menu) and reads it, if one is waiting. */
  startOffered(): Promise<void>;
  goToStep(step: ImportStep): void;
  chooseTarget(target: ImportTarget): void;
  chooseSheet(sheet: string): void;
  setHeaderRow(row: number | undefined): void;
  mapField(field: string, choice: FieldChoice): void;
  setConstant(field: string, value: string): void;
  setYearColumn(letter: string, patch: { include?: boolean; measure?: Measure }): void;
  setMeasure(measure: Measure | undefined): void;
  /** Maps the columns with a saved mapping, by its name. */
  applyProfile(name: string): void;
  /** Reads the file again with the same choices (after it changed since its preview). */
  refreshPreview(): void;
  decideOrganisation(key: string, decision: OrganisationDecision | undefined): void;
  decideAllNew(): void;
  setSaveProfileAs(name: string): void;
  commit(): Promise<void>;
  /** Picks up an import job still running (after the window was reloaded). */
  resumeJobs(): Promise<void>;
  /** Puts the file away; nothing was stored unless it was imported. */
  cancel(): void;
  /** Forgets everything of the store that was open (after another store is opened) and reads the new one's batches. */
  reset(): void;
  loadBatch(id: string): Promise<void>;
  undoBatch(id: string): Promise<boolean>;
}

let flowSerial = 0;
let previewSerial = 0;
let previewTimer: number | undefined;
let announceSerial = 0;
let focusSerial = 0;

const POLL_MS = 200;

function problemOf(error: unknown): Problem {
  const e = toApiCallError(error);
  return { code: e.code, message: e.message, where: e.where, hint: e.hint };
}

/** The file's bytes as base64, read by the browser (no file path is needed in either face). */
function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.onerror = () => reject(new Error(`${file.name} could not be read from the disk${reader.error ? `: ${reader.error.message}` : ''}.`));
    reader.readAsDataURL(file);
  });
}

/** What the clerk has chosen, as imports.preview and imports.commit take it. */
export function requestOf(flow: ImportFlow): ImportRequest {
  const organisations = flow.decisions;
  return {
    path: flow.path ?? '',
    ...(flow.draft !== null ? { target: flow.draft.target } : flow.target !== undefined ? { target: flow.target } : {}),
    ...(flow.sheet !== undefined ? { sheet: flow.sheet } : {}),
    ...(flow.headerRow !== undefined ? { headerRow: flow.headerRow } : {}),
    ...(flow.draft !== null ? { mapping: mappingFromDraft(flow.draft) } : flow.profileName !== undefined ? { profileName: flow.profileName } : {}),
    ...(Object.keys(organisations).length > 0 ? { confirmations: { organisations } } : {}),
  };
}

/** Organisation names still waiting for the clerk's decision. */
export function undecidedCount(flow: ImportFlow | null): number {
  const uncertain = flow?.preview?.organisations.uncertain ?? [];
  return uncertain.filter((u) => flow?.decisions[u.key] === undefined).length;
}

/** Counts and overview are loaded again after an import or an undo changed the store. */
function reloadAppData(): void {
  void useAppStore.getState().loadInfo(); // the status bar's last backup: one is taken before each import
  void useCountsStore.getState().load();
  const store = useAppStore.getState().info?.store;
  if (store?.investigationTitle !== null || useOverviewStore.getState().overview !== null) void useOverviewStore.getState().load();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}

export const useImportsStore = create<ImportsState>()(
  notifying<ImportsState>(
    {
      loadBatches: 'The list of imports could not be read',
      loadProfiles: 'The saved mappings could not be read',
      startFile: null,
      startOffered: null,
      commit: null,
      resumeJobs: 'Scrutiny Desk could not check for imports still running',
      loadBatch: null,
      undoBatch: null,
    },
    (set, get) => {
      const announce = (text: string) => set({ announcement: { text, serial: ++announceSerial } });
      const moveFocus = (target: FocusTarget) => set({ focus: { target, serial: ++focusSerial } });

      /** Changes the flow of the file being read now (never one read before it). */
      const patchFlow = (id: number, patch: Partial<ImportFlow> | ((flow: ImportFlow) => Partial<ImportFlow>)) => {
        set((state) => {
          if (state.flow === null || state.flow.id !== id) return {};
          const changes = typeof patch === 'function' ? patch(state.flow) : patch;
          return { flow: { ...state.flow, ...changes } };
        });
      };

      const runPreview = async () => {
        previewTimer = undefined;
        const flow = get().flow;
        if (flow === null || flow.path === null) return;
        const mine = ++previewSerial;
        const sentMapping = flow.draft !== null;
        patchFlow(flow.id, { previewState: 'loading' });
        try {
          const preview = await call('imports.preview', requestOf(flow));
          if (mine !== previewSerial) return;
          const waiting = previewTimer !== undefined;
          patchFlow(flow.id, (current) => ({
            preview,
            previewState: waiting ? 'waiting' : 'ready',
            previewProblem: null,
            draft: sentMapping && current.draft !== null ? current.draft : draftFromMapping(preview.mapping),
            yearChoices: mergeYearColumns(current.yearChoices, preview.mapping.yearColumns ?? []),
            uncertainSeen: mergeUncertain(current.uncertainSeen, preview.organisations.uncertain),
            ...(sentMapping ? {} : { profileBase: preview.profile }),
          }));
          if (!waiting) announce(`Preview updated: ${countsLine(preview.counts, preview.target)}.`);
        } catch (error) {
          if (mine !== previewSerial) return;
          const problem = problemOf(error);
          patchFlow(flow.id, { previewState: previewTimer !== undefined ? 'waiting' : 'failed', previewProblem: problem });
          announce(`The preview could not be updated: ${problem.message}`);
        }
      };

      /** Previews the clerk's choices after a pause, so typing runs on undisturbed. */
      const schedulePreview = (delay: number) => {
        const flow = get().flow;
        if (flow === null || flow.path === null) return;
        if (previewTimer !== undefined) window.clearTimeout(previewTimer);
        patchFlow(flow.id, { previewState: 'waiting' });
        previewTimer = window.setTimeout(() => void runPreview(), delay);
      };

      const editDraft = (change: (draft: MappingDraft) => MappingDraft, delay: number) => {
        const flow = get().flow;
        if (flow === null || flow.draft === null) return;
        patchFlow(flow.id, { draft: change(flow.draft) });
        schedulePreview(delay);
      };

      const follow = async (started: JobStatus, flowId: number | null) => {
        const app = useAppStore.getState();
        const fileName = flowId !== null ? get().flow?.fileName ?? started.label : started.label.replace(/^Import /, '');
        const taskId = app.startTask(`Importing ${fileName}`, { measured: true });
        set({ job: started, jobFlowId: flowId });
        let job = started;
        let misses = 0;
        try {
          while (job.state === 'running') {
            await sleep(POLL_MS);
            try {
              job = await call('jobs.get', { id: job.id });
              misses = 0;
            } catch (error) {
              misses += 1;
              if (misses >= 5) throw error;
              continue;
            }
            set({ job });
            useAppStore.getState().updateTask(taskId, {
              progress: job.total !== null && job.total > 0 ? Math.min(1, job.done / job.total) : null,
              detail: job.message,
            });
          }
        } catch (error) {
          const problem = problemOf(error);
          if (flowId !== null) patchFlow(flowId, { commitProblem: { ...problem, message: `Scrutiny Desk lost track of the import: ${problem.message}` } });
          moveFocus('commit-problem');
          return;
        } finally {
          useAppStore.getState().endTask(taskId);
        }

        const onPage = useRouter.getState().route.page === 'imports';
        void get().loadBatches();
        if (job.state === 'done') {
          const parsed = importBatch.safeParse(job.result);
          const batch = parsed.success ? parsed.data : null;
          reloadAppData();
          void get().loadProfiles();
          if (flowId !== null) patchFlow(flowId, { result: batch, commitProblem: null });
          const text = batch !== null ? `Imported ${batch.fileName}: ${batchLine(batch)}.` : `Imported ${fileName}.`;
          announce(text);
          if (flowId !== null && get().flow?.id === flowId) moveFocus('result');
          if (!onPage) useAppStore.getState().notify({ kind: 'info', title: `Imported ${fileName}`, message: batch !== null ? `${batchLine(batch)}.` : 'See the Imports page.' });
        } else {
          const error = job.error ?? { code: 'internal', message: job.message };
          const problem: Problem = { code: error.code, message: error.message, where: error.where, hint: error.hint };
          if (flowId !== null) patchFlow(flowId, { commitProblem: problem });
          announce(`The import of ${fileName} failed: ${problem.message}`);
          if (flowId !== null && get().flow?.id === flowId) moveFocus('commit-problem');
          if (!onPage) useAppStore.getState().notify({ kind: 'error', title: `${fileName} was not imported`, message: problem.message, where: problem.where, hint: problem.hint });
        }
      };

      return {
        batches: null,
        profiles: null,
        batchesStatus: 'idle',
        flow: null,
        focus: { target: 'step', serial: 0 },
        announcement: { text: '', serial: 0 },
        job: null,
        jobFlowId: null,
        detail: null,
        detailStatus: 'idle',
        detailProblem: null,
        undoing: null,
        undoProblem: null,
        undoneSerial: 0,

        async loadBatches() {
          set({ batchesStatus: 'loading' });
          try {
            set({ batches: await call('imports.list', {}), batchesStatus: 'ready' });
          } catch (error) {
            set({ batchesStatus: 'failed' });
            throw error;
          }
        },

        async loadProfiles() {
          set({ profiles: await call('imports.profiles', {}) });
        },

        async startFile(file) {
          if (get().job?.state === 'running') {
            useAppStore.getState().notify({
              kind: 'error', title: `${file.name} was not read`, message: 'An import is running: wait for it to finish, then choose the file again.', where: file.name,
            });
            return;
          }
          if (previewTimer !== undefined) window.clearTimeout(previewTimer);
          previewTimer = undefined;
          previewSerial += 1;
          const id = ++flowSerial;
          const base: ImportFlow = {
            id, fileName: file.name, bytes: file.size, phase: 'uploading', path: null, step: 'read', target: undefined, sheet: undefined, headerRow: undefined, profileName: undefined,
            draft: null, yearChoices: [], decisions: {}, uncertainSeen: [], saveProfileAs: '', preview: null, previewState: 'idle', previewProblem: null, refusal: null,
            profileBase: null, result: null, commitProblem: null,
          };
          set({ flow: base, job: null, jobFlowId: null });
          announce(`Reading ${file.name}…`);

          const refuse = (problem: Problem) => {
            patchFlow(id, { phase: 'refused', refusal: problem });
            moveFocus('refusal');
          };
          if (file.size > MAX_IMPORT_BYTES) {
            refuse({
              code: 'bad-file', where: file.name,
              message: `${file.name} is ${fileSize(file.size)}: Scrutiny Desk imports files of up to 100 MB.`,
              hint: 'Save only the sheet or the rows you need as a new file, and import that.',
            });
            return;
          }
          try {
            const dataBase64 = await readAsBase64(file);
            if (get().flow?.id !== id) return;
            const { path } = await call('imports.upload', { fileName: file.name, dataBase64 });
            if (get().flow?.id !== id) return;
            patchFlow(id, { path, phase: 'reading', previewState: 'loading' });
            const mine = ++previewSerial;
            const preview = await call('imports.preview', { path });
            if (get().flow?.id !== id || mine !== previewSerial) return;
            patchFlow(id, {
              phase: 'ready', preview, previewState: 'ready', draft: draftFromMapping(preview.mapping), profileBase: preview.profile,
              yearChoices: mergeYearColumns([], preview.mapping.yearColumns ?? []),
              uncertainSeen: preview.organisations.uncertain,
            });
            announce(`Read ${preview.file.fileName}: ${countsLine(preview.counts, preview.target)}.`);
            moveFocus('step');
          } catch (error) {
            if (get().flow?.id !== id) return;
            refuse(problemOf(error));
          }
        },

        async startOffered() {
          let offered: { path: string; fileName: string } | null;
          try {
            offered = await call('imports.takeOffered', {});
          } catch {
            return; // nothing to take: the page stays as it was
          }
          if (offered === null) return;
          if (get().job?.state === 'running') {
            useAppStore.getState().notify({ kind: 'error', title: `${offered.fileName} was not read`, message: 'An import is running: wait for it to finish, then choose the file again.', where: offered.fileName });
            return;
          }
          if (previewTimer !== undefined) window.clearTimeout(previewTimer);
          previewTimer = undefined;
          const id = ++flowSerial;
          set({
            flow: {
              id, fileName: offered.fileName, bytes: 0, phase: 'reading', path: offered.path, step: 'read', target: undefined, sheet: undefined, headerRow: undefined,
              profileName: undefined, draft: null, yearChoices: [], decisions: {}, uncertainSeen: [], saveProfileAs: '', preview: null, previewState: 'loading',
              previewProblem: null, refusal: null, profileBase: null, result: null, commitProblem: null,
            },
            job: null, jobFlowId: null,
          });
          announce(`Reading ${offered.fileName}…`);
          try {
            const mine = ++previewSerial;
            const preview = await call('imports.preview', { path: offered.path });
            if (get().flow?.id !== id || mine !== previewSerial) return;
            patchFlow(id, {
              phase: 'ready', preview, previewState: 'ready', bytes: preview.file.bytes, draft: draftFromMapping(preview.mapping), profileBase: preview.profile,
              yearChoices: mergeYearColumns([], preview.mapping.yearColumns ?? []), uncertainSeen: preview.organisations.uncertain,
            });
            announce(`Read ${preview.file.fileName}: ${countsLine(preview.counts, preview.target)}.`);
            moveFocus('step');
          } catch (error) {
            if (get().flow?.id !== id) return;
            patchFlow(id, { phase: 'refused', refusal: problemOf(error) });
            moveFocus('refusal');
          }
        },

        goToStep(step) {
          const flow = get().flow;
          if (flow === null || flow.preview === null) return;
          patchFlow(flow.id, { step });
          moveFocus('step');
        },

        chooseTarget(target) {
          const flow = get().flow;
          if (flow === null || flow.preview === null || (flow.draft?.target ?? flow.preview.target) === target) return;
          patchFlow(flow.id, { target, profileName: undefined, draft: null, yearChoices: [], decisions: {}, uncertainSeen: [] });
          schedulePreview(0);
        },

        chooseSheet(sheet) {
          const flow = get().flow;
          if (flow === null) return;
          patchFlow(flow.id, { sheet, headerRow: undefined, draft: null, yearChoices: [], decisions: {}, uncertainSeen: [] });
          schedulePreview(0);
        },

        setHeaderRow(row) {
          const flow = get().flow;
          if (flow === null) return;
          patchFlow(flow.id, { headerRow: row, draft: null, yearChoices: [], decisions: {}, uncertainSeen: [] });
          schedulePreview(600);
        },

        mapField(field, choice) {
          const columns = get().flow?.preview?.columns ?? [];
          editDraft((draft) => {
            const next: MappingDraft = { ...draft, columns: { ...draft.columns }, constants: { ...draft.constants } };
            delete next.columns[field];
            if (choice.kind !== 'constant') delete next.constants[field];
            if (choice.kind === 'column') {
              const column = columns.find((c) => c.letter === choice.letter);
              if (column !== undefined) next.columns[field] = { letter: column.letter, header: column.name };
            } else if (choice.kind === 'constant') {
              next.constants[field] = next.constants[field] ?? '';
            }
            return next;
          }, 200);
        },

        setConstant(field, value) {
          editDraft((draft) => ({ ...draft, constants: { ...draft.constants, [field]: value } }), 500);
        },

        setYearColumn(letter, patch) {
          const flow = get().flow;
          if (flow === null || flow.draft === null) return;
          const choice = flow.yearChoices.find((y) => y.column.letter === letter);
          if (choice === undefined) return;
          const updated: YearColumn = { ...choice, ...(patch.measure !== undefined ? { measure: patch.measure } : {}) };
          patchFlow(flow.id, { yearChoices: flow.yearChoices.map((y) => (y.column.letter === letter ? updated : y)) });
          editDraft((draft) => {
            const included = draft.yearColumns.some((y) => y.column.letter === letter);
            const include = patch.include ?? included;
            const others = draft.yearColumns.filter((y) => y.column.letter !== letter);
            return { ...draft, yearColumns: include ? mergeYearColumns(others, [updated]) : others };
          }, 200);
        },

        setMeasure(measure) {
          editDraft((draft) => ({ ...draft, measure }), 200);
        },

        applyProfile(name) {
          const flow = get().flow;
          if (flow === null) return;
          const profile = get().profiles?.find((p) => p.name === name);
          patchFlow(flow.id, { profileName: name, target: profile?.target ?? flow.target, draft: null, yearChoices: [], decisions: {}, uncertainSeen: [] });
          schedulePreview(0);
        },

        refreshPreview() {
          const flow = get().flow;
          if (flow === null) return;
          patchFlow(flow.id, { commitProblem: null });
          schedulePreview(0);
        },

        decideOrganisation(key, decision) {
          const flow = get().flow;
          if (flow === null) return;
          const decisions = { ...flow.decisions };
          if (decision === undefined) delete decisions[key];
          else decisions[key] = decision;
          patchFlow(flow.id, { decisions });
          schedulePreview(150);
        },

        decideAllNew() {
          const flow = get().flow;
          if (flow === null || flow.preview === null) return;
          const decisions = { ...flow.decisions };
          for (const u of flow.preview.organisations.uncertain) if (decisions[u.key] === undefined) decisions[u.key] = 'new';
          patchFlow(flow.id, { decisions });
          schedulePreview(0);
        },

        setSaveProfileAs(name) {
          const flow = get().flow;
          if (flow !== null) patchFlow(flow.id, { saveProfileAs: name });
        },

        async commit() {
          const flow = get().flow;
          if (flow === null || flow.preview === null || flow.path === null || flow.previewState !== 'ready' || get().job?.state === 'running') return;
          patchFlow(flow.id, { commitProblem: null, result: null });
          const name = flow.saveProfileAs.trim();
          let started: JobStatus;
          try {
            started = await call('imports.commit', {
              ...requestOf(flow),
              ...(name !== '' ? { saveProfileAs: name } : {}),
              expectedSha256: flow.preview.file.sha256,
            });
          } catch (error) {
            patchFlow(flow.id, { commitProblem: problemOf(error) });
            moveFocus('commit-problem');
            return;
          }
          announce(`Importing ${flow.fileName}…`);
          await follow(started, flow.id);
        },

        async resumeJobs() {
          if (get().job?.state === 'running') return;
          const jobs = await call('jobs.list', {});
          const running = jobs.find((job) => job.kind === 'import' && job.state === 'running');
          if (running !== undefined && get().job?.state !== 'running') await follow(running, null);
        },

        cancel() {
          if (previewTimer !== undefined) window.clearTimeout(previewTimer);
          previewTimer = undefined;
          previewSerial += 1;
          set({ flow: null });
          announce('The file was put away. Nothing from it was stored unless it was imported.');
        },

        reset() {
          if (previewTimer !== undefined) window.clearTimeout(previewTimer);
          previewTimer = undefined;
          previewSerial += 1;
          set({
            flow: null, batches: null, batchesStatus: 'idle', profiles: null, detail: null, detailStatus: 'idle', detailProblem: null, undoProblem: null,
            ...(get().job?.state === 'running' ? {} : { job: null, jobFlowId: null }),
          });
          void get().loadBatches();
          void get().loadProfiles();
        },

        async loadBatch(id) {
          set((state) => ({ detailStatus: 'loading', detailProblem: null, undoProblem: null, detail: state.detail?.id === id ? state.detail : null }));
          try {
            const { batch, rejections } = await call('imports.get', { id });
            set({ detail: { id, batch, rejections }, detailStatus: 'ready' });
          } catch (error) {
            set({ detailStatus: 'failed', detailProblem: problemOf(error) });
          }
        },

        async undoBatch(id) {
          if (get().undoing !== null) return false;
          set({ undoing: id, undoProblem: null });
          try {
            const batch = await useAppStore.getState().track('Undoing an import', () => call('imports.undo', { id }));
            set((state) => ({
              undoing: null,
              undoneSerial: state.undoneSerial + 1,
              detail: state.detail?.id === id ? { ...state.detail, batch } : state.detail,
              batches: state.batches?.map((b) => (b.id === id ? batch : b)) ?? null,
              flow: state.flow?.result?.id === id ? { ...state.flow, result: batch } : state.flow,
            }));
            reloadAppData();
            void get().loadBatches();
            return true;
          } catch (error) {
            set({ undoing: null, undoProblem: problemOf(error) });
            return false;
          }
        },
      };
    },
  ),
);
