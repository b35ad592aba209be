// One service in the detail pane, beside the table: its fields, funding by
// financial year and fund (a chart and the same figures in a table with totals),
// the boroughs it serves, its outcomes and evaluations, the payments matched to
// it or its provider (and how), the evidence linked to it, and where it came from.
// "Delete this service…" asks first, saying what goes with it.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { formatMoney, formatMoneyShort } from '../../../../shared/money.ts';
import type { ServiceDetail } from '../../../../shared/services-schemas.ts';
import { CheckIcon, CircleIcon, ClockIcon, ErrorIcon, InfoIcon } from '../../components/Icons.tsx';
import { ukDateTime } from '../../lib/format.ts';
import { useDetailStore } from '../../state/detail.ts';
import { useServicesStore } from '../../state/services.ts';
import { STATUS_WORDS, ukDateOrEmpty } from './columns.ts';
import { FundingChart, fundSeries } from './FundingChart.tsx';
import { n, plural } from './model.ts';
import { seriesColour } from '../../charts/palette.ts';
import { TableWrap } from '../budgets/parts.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function NotRecorded({ what = 'Not recorded' }: { what?: string }) {
  return <span className="muted">{what}</span>;
}

export function StatusMark({ status }: { status: ServiceDetail['status'] }) {
  const Icon = status === 'running' ? CheckIcon : status === 'ended' ? CircleIcon : status === 'not_started' ? ClockIcon : InfoIcon;
  return (
    <span className={`service-status service-status-${status}`}>
      <Icon />
      {STATUS_WORDS[status]}
    </span>
  );
}

const STANCE_WORDS = { supports: 'Supports', challenges: 'Challenges', context: 'Context' } as const;

function dateRange(detail: ServiceDetail): string {
  const start = ukDateOrEmpty(detail.startDate);
  const end = ukDateOrEmpty(detail.endDate);
  if (start === '' && end === '') return '';
  if (start === '') return `Until ${end}`;
  if (end === '') return `From ${start}`;
  return `${start} to ${end}`;
}

function PaneSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="pane-section" aria-labelledby={`service-${id}`}>
      <h3 id={`service-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

function FundingSection({ detail }: { detail: ServiceDetail }) {
  const { funding } = detail;
  const series = useMemo(() => fundSeries(funding), [funding]);
  const openBatch = useDetailStore((s) => s.openBatch);
  const openSource = useDetailStore((s) => s.openSource);
  if (funding.rows.length === 0) {
    return (
      <PaneSection id="funding" title="Funding by financial year and fund">
        <p className="pane-note">No funding lines are recorded for this service. Import a funding spreadsheet that names it (Imports, Alt+6).</p>
      </PaneSection>
    );
  }
  const lineCount = funding.rows.reduce((sum, r) => sum + r.lineCount, 0);
  const first = funding.byPeriod[0];
  const last = funding.byPeriod[funding.byPeriod.length - 1];
  const description = `Bar chart of allocations by financial year, stacked by fund: ${funding.byPeriod
    .map((p) => `${p.label} ${formatMoneyShort(p.allocatedPence)}`)
    .join('; ')}. The same figures are in the table “Funding by financial year and fund”.`;
  const title = first !== undefined && last !== undefined && first !== last
    ? `${formatMoneyShort(funding.total.allocatedPence)} allocated from ${first.label} to ${last.label}`
    : `${formatMoneyShort(funding.total.allocatedPence)} allocated${first !== undefined ? ` in ${first.label}` : ''}`;
  const colourOf = (code: string | null) => seriesColour(Math.max(0, series.findIndex((s) => s.key === (code ?? '')))).fill;
  const { origins } = funding;
  return (
    <PaneSection id="funding" title="Funding by financial year and fund">
      <figure className="chart-figure pane-figure" aria-labelledby="service-funding-chart-title">
        <figcaption>
          <p id="service-funding-chart-title" className="chart-title">
            {title}
          </p>
        </figcaption>
        <FundingChart funding={funding} description={description} />
      </figure>
      <TableWrap label="Funding by financial year and fund">
        <table className="data compact figures service-funding">
          <caption>
            Funding by financial year and fund ({plural(lineCount, 'funding line', 'funding lines')})
          </caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Fund</th>
              <th scope="col" className="money">
                Allocated
              </th>
              <th scope="col" className="money">
                Spent
              </th>
            </tr>
          </thead>
          <tbody>
            {funding.rows.map((row) => (
              <tr key={`${row.label}:${row.fundCode ?? ''}`}>
                <th scope="row" className="year">
                  {row.label}
                </th>
                <td title={row.fundName ?? 'The lines name no fund'}>
                  <span className="swatch" aria-hidden="true" style={{ backgroundColor: colourOf(row.fundCode) }} />
                  {row.fundCode ?? <NotRecorded what="No fund named" />}
                </td>
                <td className="money">{formatMoney(row.allocatedPence)}</td>
                <td className="money">{formatMoney(row.spentPence)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            {funding.byPeriod.length > 1 &&
              funding.byPeriod.length < funding.rows.length &&
              funding.byPeriod.map((period) => (
                <tr key={period.label} className="subtotal">
                  <th scope="row" colSpan={2}>
                    {period.label} in all
                  </th>
                  <td className="money">{formatMoney(period.allocatedPence)}</td>
                  <td className="money">{formatMoney(period.spentPence)}</td>
                </tr>
              ))}
            <tr className="grand-total">
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td className="money">{formatMoney(funding.total.allocatedPence)}</td>
              <td className="money">{formatMoney(funding.total.spentPence)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      <p className="pane-note source-line">
        <span className="label">Where the lines came from:</span>{' '}
        {funding.batches.map((batch, index) => (
          <span key={batch.id}>
            {index > 0 && ', '}
            <button type="button" className="link-button" onClick={(event) => openBatch(batch.id, event.currentTarget)}>
              {batch.fileName}
            </button>
          </span>
        ))}
        {funding.batches.length > 0 && (origins.sourceIds.length > 0 || origins.unsourcedLines > 0) && '; '}
        {origins.sourceIds.map((id, index) => (
          <span key={id}>
            {index > 0 && ', '}
            <button
              type="button"
              className="link-button"
              onClick={(event) => void openSource({ sourceId: id, citedBy: `Funding of “${detail.name}”` }, event.currentTarget)}
            >
              a source named on {origins.sourceIds.length === 1 ? 'a line' : 'lines'}
            </button>
          </span>
        ))}
        {origins.sourceIds.length > 0 && origins.unsourcedLines > 0 && '; '}
        {origins.unsourcedLines > 0 && <>{plural(origins.unsourcedLines, 'line', 'lines')} added by hand without a source</>}.
      </p>
    </PaneSection>
  );
}

function PaymentsSection({ detail }: { detail: ServiceDetail }) {
  const { payments } = detail;
  if (payments.count === 0) {
    return (
      <PaneSection id="payments" title="Payments matched">
        <p className="pane-note">
          No payments are recorded against this service{detail.provider !== null ? ` or paid to ${detail.provider.name}` : ''}. Payments come from
          imported “expenditure over £500” files.
        </p>
      </PaneSection>
    );
  }
  const toProvider = payments.count - payments.forServiceCount;
  return (
    <PaneSection id="payments" title="Payments matched">
      <p>
        {plural(payments.count, 'payment', 'payments')}, {formatMoney(payments.totalPence)} in all: {n(payments.forServiceCount)} recorded against this
        service{toProvider > 0 && detail.provider !== null ? `, ${n(toProvider)} paid to ${detail.provider.name} (perhaps for another of its services)` : ''}.
      </p>
      <TableWrap label="Payments matched">
        <table className="data compact payments">
          <caption>{payments.count > payments.recent.length ? `The ${payments.recent.length} newest` : 'Every payment'}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Paid</th>
              <th scope="col">To, for</th>
              <th scope="col" className="money">
                Amount
              </th>
              <th scope="col">Matched by</th>
            </tr>
          </thead>
          <tbody>
            {payments.recent.map((p) => (
              <tr key={p.id}>
                <td className="year">{ukDateOrEmpty(p.paidOn)}</td>
                <td className="payment-who" title={[p.supplierName, p.description].filter(Boolean).join(': ')}>
                  <span className="truncate">{p.supplierName}</span>
                  {p.description !== null && <span className="truncate muted">{p.description}</span>}
                </td>
                <td className="money">{formatMoney(p.amountPence)}</td>
                <td className="matched">
                  {p.matchedBy === 'service' ? 'This service' : 'Its provider'}
                  {p.importedFrom !== null && (
                    <span className="payment-origin muted">
                      {p.importedFrom}
                      {p.row !== null ? `, row ${n(p.row)}` : ''}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </PaneSection>
  );
}

function DeleteConfirmation({ detail, onCancel }: { detail: ServiceDetail; onCancel: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const remove = useServicesStore((s) => s.remove);
  const busy = useServicesStore((s) => s.busy);
  const close = useDetailStore((s) => s.close);
  const requestGridFocus = useServicesStore((s) => s.requestGridFocus);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => heading.current?.focus()));
    return () => cancelAnimationFrame(frame);
  }, []);
  const lines = detail.funding.rows.reduce((sum, r) => sum + r.lineCount, 0);
  const goes: string[] = [];
  if (lines > 0) goes.push(`its ${plural(lines, 'funding line', 'funding lines')} (${formatMoney(detail.funding.total.allocatedPence)} allocated)`);
  if (detail.evaluations.length > 0) goes.push(plural(detail.evaluations.length, 'evaluation', 'evaluations'));
  if (detail.evidence.length > 0) goes.push(plural(detail.evidence.length, 'link to evidence', 'links to evidence'));
  if (detail.boroughsServed.length > 0) goes.push(`the record of the ${plural(detail.boroughsServed.length, 'borough', 'boroughs')} it serves`);
  return (
    <section className="confirm" aria-labelledby="service-delete-title">
      <h3 id="service-delete-title" ref={heading} tabIndex={-1}>
        Delete “{detail.name}”?
      </h3>
      <p>
        {goes.length === 0
          ? 'Nothing else is recorded against it.'
          : `This also removes ${goes.length === 1 ? goes[0] : `${goes.slice(0, -1).join(', ')} and ${goes[goes.length - 1]}`}.`}
        {detail.payments.forServiceCount > 0 &&
          ` ${plural(detail.payments.forServiceCount, 'payment recorded against it stays', 'payments recorded against it stay')}, no longer naming it.`}
      </p>
      <p className="muted">You can undo this straight away with Ctrl+Z, or from the message above the table.</p>
      {problem !== null && (
        <p className="field-error" id="service-delete-problem" tabIndex={-1}>
          <ErrorIcon /> {problem}
        </p>
      )}
      <p className="step-actions">
        <button
          type="button"
          className="button button-danger"
          aria-disabled={busy ? true : undefined}
          onClick={() => {
            if (busy) return;
            void remove(detail.id).then((result) => {
              if (result.ok) {
                close({ restoreFocus: false });
                requestGridFocus();
              } else {
                setProblem(`The service was not deleted: ${result.problem.message}`);
              }
            });
          }}
        >
          {busy ? 'Deleting…' : 'Yes, delete this service'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          No, keep it
        </button>
      </p>
    </section>
  );
}

export function ServicePane({ serviceId, confirmDelete }: { serviceId: string; confirmDelete: boolean }) {
  const loadDetail = useServicesStore((s) => s.loadDetail);
  const detail = useServicesStore((s) => (s.detail?.id === serviceId ? s.detail : null));
  const status = useServicesStore((s) => s.detailStatus);
  const problem = useServicesStore((s) => s.detailProblem);
  const openBatch = useDetailStore((s) => s.openBatch);
  const openSource = useDetailStore((s) => s.openSource);
  const [confirming, setConfirming] = useState(confirmDelete);
  const deleteButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void loadDetail(serviceId);
  }, [serviceId, loadDetail]);

  if (detail === null) {
    return (
      <div className="service-pane">
        <p className="pane-kicker">Service</p>
        <h2 id="detail-title" tabIndex={-1}>
          {status === 'failed' ? 'The service could not be shown' : 'Opening the service…'}
        </h2>
        {status === 'failed' && problem !== null && (
          <div className="problem">
            <p>{problem.message}</p>
            {problem.hint !== undefined && (
              <p>
                <span className="label">What you can do:</span> {problem.hint}
              </p>
            )}
          </div>
        )}
      </div>
    );
  }

  const dates = dateRange(detail);
  const origin = detail.origin;
  return (
    <div className="service-pane">
      <p className="pane-kicker">
        Service{detail.reference !== null ? ` ${detail.reference}` : ''} · <StatusMark status={detail.status} />
      </p>
      <h2 id="detail-title" tabIndex={-1}>
        {detail.name}
      </h2>
      {confirming ? (
        <DeleteConfirmation
          detail={detail}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => deleteButton.current?.focus());
          }}
        />
      ) : (
        <p className="pane-actions">
          <button ref={deleteButton} type="button" className="button button-quiet button-small" onClick={() => setConfirming(true)}>
            Delete this service…
          </button>
          <span className="pane-note">To edit a field, select its cell in the table and press F2.</span>
        </p>
      )}

      <dl className="fields">
        <Field label="Reference">{detail.reference ?? <NotRecorded />}</Field>
        <Field label="Provider">{detail.provider?.name ?? <NotRecorded />}</Field>
        <Field label="Commissioner">{detail.commissioner?.name ?? <NotRecorded />}</Field>
        <Field label="Category">{detail.category ?? <NotRecorded />}</Field>
        <Field label="Dates">{dates !== '' ? dates : <NotRecorded what="No dates recorded" />}</Field>
        <Field label="Funds">{detail.funds.length > 0 ? detail.funds.join(', ') : <NotRecorded what="None named" />}</Field>
      </dl>

      <FundingSection detail={detail} />

      <PaneSection id="boroughs" title="Boroughs served">
        {detail.londonWide ? (
          <p>London-wide: every borough.</p>
        ) : detail.boroughsServed.length === 0 ? (
          <p className="pane-note">No boroughs are recorded for this service.</p>
        ) : (
          <ul className="borough-list">
            {detail.boroughsServed.map((b) => (
              <li key={b.gss}>
                {b.name} <span className="muted">{b.gss}</span>
              </li>
            ))}
          </ul>
        )}
      </PaneSection>

      <PaneSection id="outcomes" title="Aims, outcomes and evaluations">
        <dl className="fields fields-stacked">
          <Field label="Aims">{detail.aims ?? <NotRecorded />}</Field>
          <Field label="Outcomes">{detail.outcomes ?? <NotRecorded />}</Field>
          {detail.evaluation !== null && <Field label="Evaluation note">{detail.evaluation}</Field>}
        </dl>
        {detail.evaluations.length === 0 ? (
          <p className="pane-note">No evaluations are recorded for this service.</p>
        ) : (
          <ul className="evaluation-list">
            {detail.evaluations.map((e) => (
              <li key={e.id}>
                <p className="evaluation-title">{e.title}</p>
                <p className="muted">
                  {[e.evaluator, e.publishedOn !== null ? ukDateOrEmpty(e.publishedOn) : null].filter(Boolean).join(', ') || 'Evaluator not recorded'}
                </p>
                {e.finding !== null && <p>{e.finding}</p>}
                {e.source !== null && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={(event) => {
                      if (e.source !== null) void openSource({ sourceId: e.source.id, citedBy: `The evaluation “${e.title}”` }, event.currentTarget);
                    }}
                  >
                    Source: {e.source.title}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </PaneSection>

      <PaymentsSection detail={detail} />

      <PaneSection id="evidence" title="Evidence linked">
        {detail.evidence.length === 0 ? (
          <p className="pane-note">Nothing links this service to the terms of reference or key questions yet. Links are made on the Evidence page.</p>
        ) : (
          <ul className="evidence-links">
            {detail.evidence.map((link) => (
              <li key={link.id}>
                <span className={`svc-stance svc-stance-${link.stance}`}>{STANCE_WORDS[link.stance]}</span>{' '}
                <span className="label">
                  {link.linkedTo.kind === 'term' ? 'Term of reference' : 'Key question'} {link.linkedTo.number}:
                </span>{' '}
                {link.linkedTo.text}
                {link.comment !== null && <p className="muted link-comment">“{link.comment}”</p>}
              </li>
            ))}
          </ul>
        )}
      </PaneSection>

      <PaneSection id="origin" title="Where it came from">
        {origin.batch !== null ? (
          <p>
            Imported from{' '}
            <button type="button" className="link-button" onClick={(event) => origin.batch !== null && openBatch(origin.batch.id, event.currentTarget)}>
              {origin.batch.fileName}
            </button>
            {origin.row !== null && <>, row {n(origin.row)}</>}
            {origin.batch.committedAt !== null && <>, on {ukDateTime(new Date(origin.batch.committedAt))}</>}.
          </p>
        ) : origin.source !== null ? (
          <p>
            Recorded from{' '}
            <button
              type="button"
              className="link-button"
              onClick={(event) => origin.source !== null && void openSource({ sourceId: origin.source.id, citedBy: `The service “${detail.name}”` }, event.currentTarget)}
            >
              {origin.source.title}
            </button>
            .
          </p>
        ) : (
          <p>Added by hand in Scrutiny Desk on {ukDateTime(new Date(detail.createdAt))}.</p>
        )}
        {detail.updatedAt !== detail.createdAt && <p className="pane-note">Last changed {ukDateTime(new Date(detail.updatedAt))}.</p>}
      </PaneSection>
    </div>
  );
}
