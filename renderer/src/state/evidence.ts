// The Evidence page's store: notes, sources, witnesses and evidence sessions as
// lists; the note open for reading and coding, with its excerpts and links; what
// the last edit of a note's text did to its excerpts; what was deleted last (with
// undo); and what the page announces and where it puts focus.
//
// Writes that come from a form hand their failure back (an Outcome) so the form
// can show it by the field; the rest fail as notifications.
import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../../shared/contract.ts';
import type {
  DeleteResult, LinkRecord, NoteDetail, NoteSummary, ReanchorReport, SessionRecord, SourceRecord, TargetInput, WitnessRecord,
} from '../../../shared/evidence-schemas.ts';
import type { Stance } from '../../../shared/schemas.ts';
import { call, toApiCallError } from '../api/client.ts';
import { notifying } from './notifying.ts';
import { useOverviewStore } from './overview.ts';

export type EvidenceTab = 'notes' | 'sources' | 'witnesses' | 'sessions';

export const EVIDENCE_TABS: readonly { id: EvidenceTab; label: string }[] = [
  { id: 'notes', label: 'Notes' },
  { id: 'sources', label: 'Sources' },
  { id: 'witnesses', label: 'Witnesses' },
  { id: 'sessions', label: 'Sessions' },
];

export interface Problem {
  message: string;
  where?: string | undefined;
  hint?: string | undefined;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** Runs a write; its failure comes back as a Problem instead of a notification. */
export async function attempt<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const e = toApiCallError(error);
    return { ok: false, problem: { message: e.message, where: e.where, hint: e.hint } };
  }
}

export type LinkInput = Omit<MethodInput<'excerpts.link'>, 'noteId'>;
export type NoteInput = MethodInput<'notes.create'>;
export type SourceInput = MethodInput<'sources.create'>;
export type WitnessInput = MethodInput<'witnesses.create'>;
export type SessionInput = MethodInput<'sessions.create'>;

/** A form open on a list: adding, or editing one record. */
export type FormState = { mode: 'add' } | { mode: 'edit'; id: string } | { mode: 'delete'; id: string } | null;

export interface EvidenceState {
  tab: EvidenceTab;
  notes: NoteSummary[] | null;
  sources: SourceRecord[] | null;
  witnesses: WitnessRecord[] | null;
  sessions: SessionRecord[] | null;
  listsStatus: 'idle' | 'loading' | 'ready' | 'failed';

  /** The note open for reading and coding. */
  noteId: string | null;
  note: NoteDetail | null;
  noteStatus: 'closed' | 'loading' | 'ready' | 'failed';
  /** The note form: adding a note, or editing the open one. */
  noteForm: 'add' | 'edit' | null;
  /** What the last edit of the open note's text did to its excerpts. */
  reanchor: { noteId: string; report: ReanchorReport } | null;
  /** The excerpt to point at: just linked, or asked for from the Questions page. */
  activeExcerptId: string | null;
  /** Forms open on the other lists. */
  forms: Record<Exclude<EvidenceTab, 'notes'>, FormState>;

  /** The last question and stance used, offered first next time. */
  lastTarget: TargetInput | null;
  lastStance: Stance;

  /** What the last delete removed and its effects, with an Undo beside it. */
  deleted: { text: string; effects: string[]; serial: number } | null;
  announcement: { text: string; serial: number };
  focus: { target: string; serial: number };

  setTab(tab: EvidenceTab): void;
  loadLists(): Promise<void>;
  /** Reloads everything on screen (after an undo or redo). */
  reload(): Promise<void>;
  openNote(id: string, options?: { excerptId?: string | null; focus?: string }): Promise<void>;
  closeNote(): void;
  setNoteForm(form: 'add' | 'edit' | null): void;
  setForm(tab: Exclude<EvidenceTab, 'notes'>, form: FormState): void;
  setActiveExcerpt(id: string | null): void;

  saveNote(input: NoteInput, id: string | null): Promise<Outcome<NoteDetail>>;
  deleteNote(id: string): Promise<void>;
  linkPassage(noteId: string, input: LinkInput): Promise<Outcome<MethodOutput<'excerpts.link'>>>;
  updateLink(input: MethodInput<'links.update'>): Promise<Outcome<LinkRecord>>;
  deleteLink(id: string): Promise<void>;
  deleteExcerpt(id: string): Promise<void>;
  moveExcerpt(id: string, start: number, end: number): Promise<void>;

  saveSource(input: SourceInput, id: string | null): Promise<Outcome<SourceRecord>>;
  deleteSource(id: string): Promise<void>;
  saveWitness(input: WitnessInput, id: string | null): Promise<Outcome<WitnessRecord>>;
  deleteWitness(id: string): Promise<void>;
  saveSession(input: SessionInput, id: string | null): Promise<Outcome<SessionRecord>>;
  deleteSession(id: string): Promise<void>;

  announce(text: string): void;
  requestFocus(target: string): void;
  dismissDeleted(): void;
}

/** Ids of the headings and places focus goes to. */
export const FOCUS = {
  tab: (tab: EvidenceTab) => `evidence-${tab}-title`,
  note: 'evidence-note-title',
  noteForm: 'evidence-note-form-title',
  noteText: 'evidence-note-text',
  reanchor: 'evidence-reanchor',
  deleted: 'evidence-deleted',
  form: (tab: EvidenceTab) => `evidence-${tab}-form-title`,
  row: (id: string) => `evidence-row-${id}`,
  excerpt: (id: string) => `evidence-excerpt-${id}`,
} as const;

const EMPTY_FORMS: EvidenceState['forms'] = { sources: null, witnesses: null, sessions: null };

function effectsText(result: DeleteResult): string {
  return result.effects.length > 0 ? ` ${result.effects.join(' ')}` : '';
}

export const useEvidenceStore = create<EvidenceState>()(
  notifying<EvidenceState>(
    {
      loadLists: 'The evidence lists could not be loaded',
      reload: 'The evidence could not be reloaded',
      openNote: 'The note could not be opened',
      saveNote: null,
      deleteNote: 'The note was not deleted',
      linkPassage: null,
      updateLink: null,
      deleteLink: 'The link was not removed',
      deleteExcerpt: 'The excerpt was not deleted',
      moveExcerpt: 'The excerpt was not moved',
      saveSource: null,
      deleteSource: 'The source was not deleted',
      saveWitness: null,
      deleteWitness: 'The witness was not deleted',
      saveSession: null,
      deleteSession: 'The evidence session was not deleted',
    },
    (set, get) => {
      let serial = 0;
      const next = () => (serial += 1);

      /** After a write: the lists' counts, the open note and the overview's link counts. */
      async function refresh(): Promise<void> {
        void useOverviewStore.getState().load();
        await Promise.all([get().loadLists(), reloadNote()]);
      }

      /**
       * After coding (links and excerpts of the open note): the note, its line in
       * the list (patched, not the whole list again: a store may hold 10,000
       * notes), the witnesses' and sources' link counts, and the overview.
       */
      async function refreshCoding(): Promise<void> {
        void useOverviewStore.getState().load();
        const [, sources, witnesses] = await Promise.all([reloadNote(), call('sources.list', {}), call('witnesses.list', {})]);
        const note = get().note;
        set((state) => ({
          sources,
          witnesses,
          notes: note === null || state.notes === null ? state.notes : state.notes.map((n) => (n.id === note.id ? { ...n, counts: note.counts, updatedAt: note.updatedAt } : n)),
        }));
      }

      async function reloadNote(): Promise<void> {
        const id = get().noteId;
        if (id === null) return;
        try {
          const note = await call('notes.get', { id });
          if (get().noteId === id) set({ note, noteStatus: 'ready' });
        } catch (error) {
          if (get().noteId !== id) return;
          if (toApiCallError(error).code === 'not-found') {
            // An undo took the note away: back to the list, saying so.
            set({ noteId: null, note: null, noteStatus: 'closed', noteForm: null, reanchor: null });
            get().announce('The note is no longer in the store.');
            get().requestFocus(FOCUS.tab('notes'));
            return;
          }
          throw error;
        }
      }

      function afterDelete(result: DeleteResult, what: string): void {
        const effects = result.effects;
        set({ deleted: { text: `Deleted: ${result.removed}.`, effects, serial: next() } });
        get().announce(`Deleted ${what}.${effectsText(result)} Press Control+Z to undo.`);
      }

      return {
        tab: 'notes',
        notes: null,
        sources: null,
        witnesses: null,
        sessions: null,
        listsStatus: 'idle',
        noteId: null,
        note: null,
        noteStatus: 'closed',
        noteForm: null,
        reanchor: null,
        activeExcerptId: null,
        forms: EMPTY_FORMS,
        lastTarget: null,
        lastStance: 'supports',
        deleted: null,
        announcement: { text: '', serial: 0 },
        focus: { target: '', serial: 0 },

        setTab(tab) {
          set({ tab });
        },

        async loadLists() {
          if (get().notes === null) set({ listsStatus: 'loading' });
          try {
            const [notes, sources, witnesses, sessions] = await Promise.all([
              call('notes.list', {}),
              call('sources.list', {}),
              call('witnesses.list', {}),
              call('sessions.list', {}),
            ]);
            set({ notes, sources, witnesses, sessions, listsStatus: 'ready' });
          } catch (error) {
            set({ listsStatus: 'failed' });
            throw error;
          }
        },

        async reload() {
          await Promise.all([get().loadLists(), reloadNote()]);
          set({ reanchor: null });
        },

        async openNote(id, options) {
          set({ noteId: id, noteStatus: 'loading', noteForm: null, reanchor: null, activeExcerptId: options?.excerptId ?? null, tab: 'notes' });
          try {
            const note = await call('notes.get', { id });
            if (get().noteId !== id) return;
            set({ note, noteStatus: 'ready' });
            get().requestFocus(options?.focus ?? FOCUS.note);
          } catch (error) {
            if (get().noteId === id) set({ noteStatus: 'failed' });
            throw error;
          }
        },

        closeNote() {
          const id = get().noteId;
          set({ noteId: null, note: null, noteStatus: 'closed', noteForm: null, reanchor: null, activeExcerptId: null });
          get().requestFocus(id !== null ? FOCUS.row(id) : FOCUS.tab('notes'));
        },

        setNoteForm(form) {
          set({ noteForm: form });
          if (form !== null) get().requestFocus(FOCUS.noteForm);
          else get().requestFocus(get().noteId !== null ? FOCUS.note : FOCUS.tab('notes'));
        },

        setForm(tab, form) {
          set((s) => ({ forms: { ...s.forms, [tab]: form } }));
          if (form !== null) get().requestFocus(FOCUS.form(tab));
        },

        setActiveExcerpt(id) {
          set({ activeExcerptId: id });
        },

        async saveNote(input, id) {
          if (id === null) {
            const outcome = await attempt(() => call('notes.create', input));
            if (!outcome.ok) return outcome;
            set({ noteForm: null });
            void useOverviewStore.getState().load();
            await get().loadLists();
            get().announce(`Added the note “${outcome.value.title}”.`);
            await get().openNote(outcome.value.id);
            return outcome;
          }
          const outcome = await attempt(() => call('notes.update', { id, ...input }));
          if (!outcome.ok) return outcome;
          const { note, excerpts } = outcome.value;
          set({ note, noteStatus: 'ready', noteForm: null, reanchor: note.excerpts.length > 0 || excerpts.lost.length > 0 ? { noteId: id, report: excerpts } : null });
          void get().loadLists();
          void useOverviewStore.getState().load();
          get().announce(`Saved the note.${excerpts.summary !== null ? ` ${excerpts.summary}` : ''}`);
          get().requestFocus(get().reanchor !== null ? FOCUS.reanchor : FOCUS.note);
          return { ok: true, value: note };
        },

        async deleteNote(id) {
          const result = await call('notes.delete', { id });
          if (get().noteId === id) set({ noteId: null, note: null, noteStatus: 'closed', noteForm: null, reanchor: null });
          afterDelete(result, 'the note');
          await refresh();
          get().requestFocus(FOCUS.deleted);
        },

        async linkPassage(noteId, input) {
          const outcome = await attempt(() => call('excerpts.link', { noteId, ...input }));
          if (!outcome.ok) return outcome;
          const { link, excerpt } = outcome.value;
          set({ lastTarget: { kind: input.target.kind, id: input.target.id }, lastStance: input.stance, activeExcerptId: excerpt.id, deleted: null });
          get().announce(`Linked to ${link.target.label.toLowerCase()} as ${link.stance}: “${excerpt.quote.length > 80 ? `${excerpt.quote.slice(0, 79)}…` : excerpt.quote}”.`);
          await refreshCoding();
          return outcome;
        },

        async updateLink(input) {
          const outcome = await attempt(() => call('links.update', input));
          if (!outcome.ok) return outcome;
          get().announce(`Saved the link to ${outcome.value.target.label.toLowerCase()}: ${outcome.value.stance}.`);
          await refreshCoding();
          return outcome;
        },

        async deleteLink(id) {
          const result = await call('links.delete', { id });
          afterDelete(result, `the ${result.removed.toLowerCase()}`);
          await refreshCoding();
          get().requestFocus(FOCUS.deleted); // its button has gone; the notice offers Undo
        },

        async deleteExcerpt(id) {
          const result = await call('excerpts.delete', { id });
          afterDelete(result, 'the excerpt');
          await refreshCoding();
          get().requestFocus(FOCUS.deleted);
        },

        async moveExcerpt(id, start, end) {
          const excerpt = await call('excerpts.update', { id, start, end });
          set({ activeExcerptId: id });
          get().announce(`Placed the excerpt on “${excerpt.quote.length > 80 ? `${excerpt.quote.slice(0, 79)}…` : excerpt.quote}”.`);
          await refreshCoding();
        },

        async saveSource(input, id) {
          const outcome = await attempt(() => (id === null ? call('sources.create', input) : call('sources.update', { id, ...input })));
          if (!outcome.ok) return outcome;
          set((s) => ({ forms: { ...s.forms, sources: null } }));
          get().announce(`${id === null ? 'Added' : 'Saved'} the source “${outcome.value.title}”.`);
          await refresh();
          get().requestFocus(FOCUS.row(outcome.value.id));
          return outcome;
        },

        async deleteSource(id) {
          const result = await call('sources.delete', { id });
          set((s) => ({ forms: { ...s.forms, sources: null } }));
          afterDelete(result, 'the source');
          await refresh();
          get().requestFocus(FOCUS.deleted);
        },

        async saveWitness(input, id) {
          const outcome = await attempt(() => (id === null ? call('witnesses.create', input) : call('witnesses.update', { id, ...input })));
          if (!outcome.ok) return outcome;
          set((s) => ({ forms: { ...s.forms, witnesses: null } }));
          get().announce(`${id === null ? 'Added' : 'Saved'} the witness ${outcome.value.name}.`);
          await refresh();
          get().requestFocus(FOCUS.row(outcome.value.id));
          return outcome;
        },

        async deleteWitness(id) {
          const result = await call('witnesses.delete', { id });
          set((s) => ({ forms: { ...s.forms, witnesses: null } }));
          afterDelete(result, 'the witness');
          await refresh();
          get().requestFocus(FOCUS.deleted);
        },

        async saveSession(input, id) {
          const outcome = await attempt(() => (id === null ? call('sessions.create', input) : call('sessions.update', { id, ...input })));
          if (!outcome.ok) return outcome;
          set((s) => ({ forms: { ...s.forms, sessions: null } }));
          get().announce(`${id === null ? 'Added' : 'Saved'} the evidence session “${outcome.value.title}”.`);
          await refresh();
          get().requestFocus(FOCUS.row(outcome.value.id));
          return outcome;
        },

        async deleteSession(id) {
          const result = await call('sessions.delete', { id });
          set((s) => ({ forms: { ...s.forms, sessions: null } }));
          afterDelete(result, 'the evidence session');
          await refresh();
          get().requestFocus(FOCUS.deleted);
        },

        announce(text) {
          set({ announcement: { text, serial: next() } });
        },

        requestFocus(target) {
          set({ focus: { target, serial: next() } });
        },

        dismissDeleted() {
          set({ deleted: null });
        },
      };
    },
  ),
);
