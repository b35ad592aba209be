// The import batches kept in the store, newest first: what was read, when, what
// became of its rows, and whether it still stands, with Open and Undo.
import type { ImportBatch } from '../../../../shared/import-schemas.ts';
import { ukDateTime } from '../../lib/format.ts';
import { count, n, targetLabel } from '../../lib/imports.ts';
import { useDetailStore } from '../../state/detail.ts';
import { useImportsStore } from '../../state/imports.ts';
import { useOverviewStore } from '../../state/overview.ts';
import { BatchStatus } from './parts.tsx';

function BatchRow({ batch }: { batch: ImportBatch }) {
  const openBatch = useDetailStore((s) => s.openBatch);
  const isOpen = useDetailStore((s) => s.request?.kind === 'batch' && s.request.batchId === batch.id);
  const when = batch.committedAt !== null ? ukDateTime(new Date(batch.committedAt)) : 'Not known';
  return (
    <tr className={isOpen ? 'is-open' : undefined}>
      <th scope="row" className="batch-file" title={batch.sheet !== null ? `${batch.fileName}, sheet “${batch.sheet}”` : batch.fileName}>
        {batch.fileName}
        {batch.sheet !== null && <span className="muted batch-sheet">Sheet {batch.sheet}</span>}
      </th>
      <td className="col-target">{targetLabel(batch.target)}</td>
      <td className="col-profile">{batch.profileName ?? <span className="muted">None</span>}</td>
      <td className="col-when nowrap">{when}</td>
      <td className="num">{n(batch.rowsRead)}</td>
      <td className="num">{n(batch.newCount)}</td>
      <td className="num">{n(batch.updatedCount)}</td>
      <td className="num">{n(batch.duplicateCount)}</td>
      <td className="num">{n(batch.rejectedCount)}</td>
      <td>
        <BatchStatus batch={batch} />
      </td>
      <td className="action nowrap">
        <button
          type="button"
          className="button button-quiet button-small"
          aria-expanded={isOpen}
          aria-controls={isOpen ? 'detail-pane' : undefined}
          onClick={(event) => openBatch(batch.id, event.currentTarget)}
        >
          Open<span className="sr-only"> the import of {batch.fileName}</span>
        </button>
        {batch.status === 'committed' && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={(event) => openBatch(batch.id, event.currentTarget, { confirmUndo: true })}
          >
            Undo…<span className="sr-only"> the import of {batch.fileName}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

/** Where the store's contents came from before any import: the terms of reference, a click away. */
function SeededFrom() {
  const openSource = useDetailStore((s) => s.openSource);
  const source = useOverviewStore((s) => s.overview?.sources[0]);
  if (source === undefined) return null;
  return (
    <p>
      What the store holds so far was entered when it was created, from the terms of reference:{' '}
      <button
        type="button"
        className="link-button"
        onClick={(event) => void openSource({ sourceId: source.id, citedBy: 'the figures already in this store' }, event.currentTarget)}
      >
        Read the citation of “{source.title}”
      </button>
      .
    </p>
  );
}

export function BatchesSection() {
  const batches = useImportsStore((s) => s.batches);
  const status = useImportsStore((s) => s.batchesStatus);
  return (
    <section className="section batches-section" aria-labelledby="import-batches-title">
      <h2 id="import-batches-title" tabIndex={-1}>
        Import batches
      </h2>
      {batches === null ? (
        <p className="muted">{status === 'failed' ? 'The list of imports could not be read (see the notice above).' : 'Reading the list of imports…'}</p>
      ) : batches.length === 0 ? (
        <div className="empty-batches">
          <p>
            <span className="label">No spreadsheets have been imported into this store yet.</span> Each import is listed here: the file, what it
            was stored as, when, how many of its rows were new, updated, duplicate or rejected, with every rejected row and its reason, and a way
            to undo it.
          </p>
          <SeededFrom />
        </div>
      ) : (
        <div className="table-wrap">
          <table className="data batches">
            <caption>{count(batches.length, 'import', 'imports')}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" className="col-target">
                  Stored as
                </th>
                <th scope="col" className="col-profile">
                  Saved mapping
                </th>
                <th scope="col" className="col-when">
                  When
                </th>
                <th scope="col" className="num">
                  Rows read
                </th>
                <th scope="col" className="num">
                  New
                </th>
                <th scope="col" className="num">
                  Updated
                </th>
                <th scope="col" className="num">
                  Duplicate
                </th>
                <th scope="col" className="num">
                  Rejected
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <BatchRow key={batch.id} batch={batch} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
