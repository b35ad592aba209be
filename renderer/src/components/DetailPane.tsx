// The right-hand pane: details of one thing without leaving the page (a source,
// or the evidence stores: see StorePane.tsx). Escape or the Close button closes
// it and returns focus to what opened it.
import type { ReactNode } from 'react';
import type { Source } from '../../../shared/schemas.ts';
import { formatMoney } from '../../../shared/money.ts';
import { figureShort, figureYears, sourceKindWords } from '../lib/format.ts';
import { useDetailStore, type DetailRequest } from '../state/detail.ts';
import { useSourceNumber } from './SourceRef.tsx';
import { StorePane } from './StorePane.tsx';
import { BatchPane } from '../pages/imports/BatchPane.tsx';
import { ServicePane } from '../pages/services/ServicePane.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function SourceDetail({ request, source }: { request: Extract<DetailRequest, { kind: 'source' }>; source: Source }) {
  const { mark } = useSourceNumber(source.id);
  const figure = request.figure;
  return (
    <>
      <p className="pane-kicker">
        Source {mark !== '[?]' ? mark : ''} · {sourceKindWords(source.kind)}
      </p>
      <h2 id="detail-title" tabIndex={-1}>
        {source.title}
      </h2>

      {(figure !== undefined || request.citedBy !== undefined) && (
        <section className="pane-block cited" aria-labelledby="pane-cited">
          <h3 id="pane-cited">{figure !== undefined ? 'The figure' : 'Where it is cited'}</h3>
          <dl className="fields">
            {figure !== undefined ? (
              <>
                <Field label="Figure">{figure.label}</Field>
                <Field label="Amount">
                  <span className="money-inline">{formatMoney(figure.amountPence)}</span> ({figureShort(figure)}
                  {figure.approximate ? ', approximate' : ''})
                </Field>
                {figureYears(figure) !== null && <Field label="Financial year">{figureYears(figure)}</Field>}
                {figure.note !== null && <Field label="Note">{figure.note}</Field>}
              </>
            ) : (
              <Field label="Cited by">{request.citedBy}</Field>
            )}
            {request.locator !== null && request.locator !== undefined && request.locator !== '' && (
              <Field label="Where in the source">{request.locator}</Field>
            )}
          </dl>
        </section>
      )}

      <section className="pane-block" aria-labelledby="pane-citation">
        <h3 id="pane-citation">Citation</h3>
        <p className="citation">{source.citation ?? 'No citation recorded yet.'}</p>
        <dl className="fields">
          <Field label="Publisher">{source.publisher ?? 'Not recorded'}</Field>
          {source.publishedOn !== null && <Field label="Published">{source.publishedOn}</Field>}
          {source.accessedOn !== null && <Field label="Accessed">{source.accessedOn}</Field>}
          {source.url !== null && (
            <Field label="Address">
              <span className="url">{source.url}</span>
            </Field>
          )}
          {source.notes !== null && <Field label="Notes">{source.notes}</Field>}
        </dl>
      </section>
    </>
  );
}

export function DetailPane() {
  const request = useDetailStore((s) => s.request);
  const source = useDetailStore((s) => s.source);
  const status = useDetailStore((s) => s.status);
  const close = useDetailStore((s) => s.close);
  if (request === null) return null;
  return (
    <aside id="detail-pane" className="detail-pane" aria-labelledby="detail-title">
      <div className="pane-inner">
        <div className="pane-bar">
          <button type="button" className="button button-quiet" onClick={() => close()} aria-keyshortcuts="Escape" title="Close (Esc)">
            Close <kbd>Esc</kbd>
          </button>
        </div>
        <div className="pane-content">
          {request.kind === 'store' ? (
            <StorePane />
          ) : request.kind === 'batch' ? (
            <BatchPane key={request.serial} batchId={request.batchId} confirmUndo={request.confirmUndo} />
          ) : request.kind === 'service' ? (
            <ServicePane key={request.serial} serviceId={request.serviceId} confirmDelete={request.confirmDelete} />
          ) : source !== null ? (
            <SourceDetail request={request} source={source} />
          ) : (
            <h2 id="detail-title" tabIndex={-1}>
              {status === 'failed' ? 'The source could not be shown (see the notice on the left)' : 'Opening the source…'}
            </h2>
          )}
        </div>
      </div>
    </aside>
  );
}
