// The Sources tab: documents, datasets, web pages, transcripts and written
// submissions with their citation details and whom they speak for, where each
// is used; added, edited and deleted here.
import { useState } from 'react';
import { sourceCreate, type SourcePerspective, type SourceRecord } from '../../../../shared/evidence-schemas.ts';
import type { Source } from '../../../../shared/schemas.ts';
import { sourceKindWords } from '../../lib/format.ts';
import { FOCUS, useEvidenceStore, type SourceInput } from '../../state/evidence.ts';
import { DateField, SelectField, TextAreaField, TextField } from './fields.tsx';
import { count, perspectiveWord, readDate, SOURCE_PERSPECTIVES, ukDate } from './lib.ts';
import { SortHeader, onRowArrows, useSortState, useSorted } from './parts.tsx';
import { ConfirmDelete, FormShell, ListHead, RowActions, useRecordForm } from './records.tsx';

const KINDS: readonly Source['kind'][] = ['document', 'dataset', 'web_page', 'transcript', 'written_submission', 'other'];

interface Draft {
  kind: string;
  title: string;
  publisher: string;
  author: string;
  publishedOn: string;
  accessedOn: string;
  url: string;
  citation: string;
  perspective: string;
  organisationName: string;
  notes: string;
}

const IDS: Record<keyof Draft, string> = {
  kind: 'source-kind',
  title: 'source-title',
  publisher: 'source-publisher',
  author: 'source-author',
  publishedOn: 'source-published',
  accessedOn: 'source-accessed',
  url: 'source-url',
  citation: 'source-citation',
  perspective: 'source-perspective',
  organisationName: 'source-organisation',
  notes: 'source-notes',
};

function draftOf(source: SourceRecord | null): Draft {
  return {
    kind: source?.kind ?? 'document',
    title: source?.title ?? '',
    publisher: source?.publisher ?? '',
    author: source?.author ?? '',
    publishedOn: ukDate(source?.publishedOn),
    accessedOn: ukDate(source?.accessedOn),
    url: source?.url ?? '',
    citation: source?.citation ?? '',
    perspective: source?.perspective ?? '',
    organisationName: source?.organisation?.name ?? '',
    notes: source?.notes ?? '',
  };
}

function SourceForm({ source }: { source: SourceRecord | null }) {
  const saveSource = useEvidenceStore((s) => s.saveSource);
  const setForm = useEvidenceStore((s) => s.setForm);
  const requestFocus = useEvidenceStore((s) => s.requestFocus);
  const [draft, setDraft] = useState(() => draftOf(source));
  const { problems, formProblem, saving, submit, clear } = useRecordForm<SourceInput>(IDS);
  const change = (field: keyof Draft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clear(field);
  };

  const build = () => {
    const found: Record<string, string> = {};
    const published = readDate(draft.publishedOn);
    const accessed = readDate(draft.accessedOn);
    if (!published.ok) found.publishedOn = published.message;
    if (!accessed.ok) found.accessedOn = accessed.message;
    const sameOrganisation = source?.organisation?.name === draft.organisationName.trim();
    const input: SourceInput = {
      kind: draft.kind as Source['kind'],
      title: draft.title,
      publisher: draft.publisher,
      author: draft.author,
      publishedOn: published.ok ? published.iso : null,
      accessedOn: accessed.ok ? accessed.iso : null,
      url: draft.url,
      citation: draft.citation,
      notes: draft.notes,
      ...(draft.perspective !== '' ? { perspective: draft.perspective as SourcePerspective } : source !== null ? { perspective: null } : {}),
      ...(sameOrganisation ? {} : { organisationName: draft.organisationName.trim() === '' ? null : draft.organisationName }),
    };
    return { input, problems: found };
  };

  const cancel = () => {
    setForm('sources', null);
    requestFocus(source !== null ? FOCUS.row(source.id) : FOCUS.tab('sources'));
  };

  return (
    <FormShell
      tab="sources"
      title={source === null ? 'Add a source' : `Edit the source “${source.title}”`}
      problem={formProblem}
      saving={saving}
      saveLabel={source === null ? 'Add the source' : 'Save the source'}
      onCancel={cancel}
      onSubmit={(event) => void submit(event, build, sourceCreate, (input) => saveSource(input, source?.id ?? null))}
    >
      <TextField id={IDS.title} label="Title" value={draft.title} onChange={change('title')} error={problems.title} className="span-2" />
      <SelectField id={IDS.kind} label="Kind" value={draft.kind} onChange={change('kind')} error={problems.kind} options={KINDS.map((k) => ({ value: k, label: sourceKindWords(k) }))} />
      <SelectField
        id={IDS.perspective}
        label="Speaks for"
        hint="Counts towards the coverage of each question it is linked to"
        value={draft.perspective}
        onChange={change('perspective')}
        error={problems.perspective}
        options={[{ value: '', label: source === null ? 'Not said (or as its organisation)' : 'Not said' }, ...SOURCE_PERSPECTIVES.map((p) => ({ value: p, label: perspectiveWord(p) }))]}
      />
      <TextField id={IDS.publisher} label="Publisher" optional value={draft.publisher} onChange={change('publisher')} error={problems.publisher} />
      <TextField id={IDS.author} label="Author" optional value={draft.author} onChange={change('author')} error={problems.author} />
      <TextField id={IDS.organisationName} label="Organisation" optional hint="Matched to one already known, or added" value={draft.organisationName} onChange={change('organisationName')} error={problems.organisationName} />
      <TextField id={IDS.url} label="Web address" optional type="url" hint="Starting http:// or https://" value={draft.url} onChange={change('url')} error={problems.url} />
      <DateField id={IDS.publishedOn} label="Published on" optional value={draft.publishedOn} onChange={change('publishedOn')} error={problems.publishedOn} />
      <DateField id={IDS.accessedOn} label="Accessed on" optional value={draft.accessedOn} onChange={change('accessedOn')} error={problems.accessedOn} />
      <TextAreaField id={IDS.citation} label="Citation" optional rows={2} className="span-2" hint="As it will stand in the sources annex of a briefing" value={draft.citation} onChange={change('citation')} error={problems.citation} />
      <TextAreaField id={IDS.notes} label="Notes" optional rows={2} className="span-2" value={draft.notes} onChange={change('notes')} error={problems.notes} />
    </FormShell>
  );
}

function deleteEffects(source: SourceRecord): string[] {
  const u = source.usage;
  return [
    u.links > 0 ? `Its ${count(u.links, 'link', 'links')} to the questions go too.` : null,
    u.notes > 0 ? `${count(u.notes, 'note no longer names', 'notes no longer name')} a source.` : null,
    u.sessions > 0 ? `${count(u.sessions, 'evidence session no longer names', 'evidence sessions no longer name')} its record.` : null,
  ].filter((x): x is string => x !== null);
}

type SortKey = 'title' | 'kind' | 'perspective' | 'publisher' | 'published' | 'used';

function sortValue(source: SourceRecord, key: SortKey): string | number | null {
  switch (key) {
    case 'title':
      return source.title;
    case 'kind':
      return sourceKindWords(source.kind);
    case 'perspective':
      return source.perspective === null ? null : perspectiveWord(source.perspective);
    case 'publisher':
      return source.publisher;
    case 'published':
      return source.publishedOn;
    case 'used':
      return source.usage.notes + source.usage.sessions + source.usage.links + source.usage.figures;
  }
}

function usedWords(source: SourceRecord): string {
  const u = source.usage;
  const parts = [
    u.notes > 0 ? count(u.notes, 'note', 'notes') : null,
    u.sessions > 0 ? count(u.sessions, 'session', 'sessions') : null,
    u.links > 0 ? count(u.links, 'link', 'links') : null,
    u.figures > 0 ? count(u.figures, 'figure', 'figures') : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'Not used yet';
}

export function SourcesPanel() {
  const sources = useEvidenceStore((s) => s.sources);
  const status = useEvidenceStore((s) => s.listsStatus);
  const form = useEvidenceStore((s) => s.forms.sources);
  const setForm = useEvidenceStore((s) => s.setForm);
  const deleteSource = useEvidenceStore((s) => s.deleteSource);
  const requestFocus = useEvidenceStore((s) => s.requestFocus);
  const [sort, onSort] = useSortState<SortKey>({ key: 'title', descending: false });
  const sorted = useSorted(sources, sort, sortValue);
  const current = form !== null && form.mode !== 'add' ? sources?.find((s) => s.id === form.id) ?? null : null;

  return (
    <section aria-labelledby={FOCUS.tab('sources')}>
      <ListHead
        tab="sources"
        title="Sources"
        countText={sources !== null ? count(sources.length, 'source', 'sources') : null}
        addLabel="Add a source"
        onAdd={() => setForm('sources', { mode: 'add' })}
      />
      {form?.mode === 'add' && <SourceForm key="add" source={null} />}
      {form?.mode === 'edit' && current !== null && <SourceForm key={current.id} source={current} />}
      {form?.mode === 'delete' && current !== null && (
        <ConfirmDelete
          tab="sources"
          title={`Delete the source “${current.title}”?`}
          effects={deleteEffects(current)}
          blocked={current.usage.figures > 0 ? `It cannot be deleted while ${count(current.usage.figures, 'figure cites', 'figures cite')} it: every figure must keep its source.` : null}
          confirmLabel="Delete the source"
          onConfirm={() => void deleteSource(current.id)}
          onCancel={() => {
            setForm('sources', null);
            requestFocus(FOCUS.row(current.id));
          }}
        />
      )}
      {sources === null ? (
        <p className="muted">{status === 'failed' ? 'The sources could not be read (see the notice above).' : 'Reading the sources…'}</p>
      ) : sources.length === 0 ? (
        <div className="ev-empty">
          <p className="label">No sources yet.</p>
          <p>A source is a document, dataset, web page, transcript or written submission, with the citation a briefing needs.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data ev-table" onKeyDown={onRowArrows}>
            <caption className="sr-only">Sources: {count(sources.length, 'source', 'sources')}</caption>
            <thead>
              <tr>
                <SortHeader label="Title" sortKey="title" sort={sort} onSort={onSort} />
                <SortHeader label="Kind" sortKey="kind" sort={sort} onSort={onSort} />
                <SortHeader label="Speaks for" sortKey="perspective" sort={sort} onSort={onSort} />
                <SortHeader label="Publisher" sortKey="publisher" sort={sort} onSort={onSort} />
                <SortHeader label="Published" sortKey="published" sort={sort} onSort={onSort} className="col-date" />
                <SortHeader label="Used in" sortKey="used" sort={sort} onSort={onSort} />
                <th scope="col" className="action">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((source) => (
                <tr key={source.id}>
                  <th scope="row" className="ev-title-cell">
                    {source.title}
                    {source.citation !== null && <span className="cell-sub">{source.citation}</span>}
                  </th>
                  <td className="nowrap">{sourceKindWords(source.kind)}</td>
                  <td className="nowrap">{source.perspective === null ? <span className="muted">Not said</span> : perspectiveWord(source.perspective)}</td>
                  <td>{source.publisher ?? <span className="muted">—</span>}</td>
                  <td className="col-date">{ukDate(source.publishedOn, '—')}</td>
                  <td className={source.usage.notes + source.usage.sessions + source.usage.links + source.usage.figures === 0 ? 'muted' : undefined}>{usedWords(source)}</td>
                  <RowActions
                    name={`the source “${source.title}”`}
                    editId={FOCUS.row(source.id)}
                    onEdit={() => setForm('sources', { mode: 'edit', id: source.id })}
                    onDelete={() => setForm('sources', { mode: 'delete', id: source.id })}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
