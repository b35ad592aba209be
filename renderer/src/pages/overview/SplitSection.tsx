// The London Crime Prevention Fund split: a part-to-whole bar with each share
// written on it, and a table of each part, its share and the total.
import { useMemo } from 'react';
import type { Figure } from '../../../../shared/schemas.ts';
import { SplitChart } from '../../charts/SplitChart.tsx';
import { seriesColour } from '../../charts/palette.ts';
import { Section } from '../../components/Section.tsx';
import { SourceRef, useSourceNumber } from '../../components/SourceRef.tsx';
import { splitView } from '../../lib/figures.ts';

const FUND = 'London Crime Prevention Fund';

export function SplitSection({ figures }: { figures: Figure[] }) {
  const view = useMemo(() => splitView(figures, 'the {total} fund'), [figures]);
  const first = figures[0];
  const { title } = useSourceNumber(first?.sourceId ?? '');
  if (view === null || first === undefined) {
    return (
      <Section id="lcpf" title={FUND}>
        <p className="empty-note">No allocations of the {FUND} are recorded in this store yet.</p>
      </Section>
    );
  }
  const heading = `${FUND} (LCPF)${view.years !== null ? `, ${view.years}` : ''}`;
  const description = `Bar chart of how the ${view.total} ${FUND} is split: ${view.parts.map((p) => `${p.figure.label} ${p.exact}, ${p.share}`).join('; ')}. The same figures are in the table below it.`;
  return (
    <Section id="lcpf" title={heading}>
      <figure className="chart-figure chart-figure-wide" aria-labelledby="lcpf-chart-title">
        <figcaption>
          <h3 id="lcpf-chart-title" className="chart-title">
            {view.title}
          </h3>
        </figcaption>
        <SplitChart view={view} description={description} />
        <p className="source-line">
          <span className="label">Source:</span>{' '}
          <SourceRef sourceId={first.sourceId} citedBy={`The chart “${view.title}”`} locator={first.sourceLocator} about="the chart" />{' '}
          {title ?? 'not recorded'}
          {first.sourceLocator !== null && <>, {first.sourceLocator}</>}.
        </p>
      </figure>
      <div className="table-wrap">
        <table className="data figures split">
          <caption>{FUND} allocations{view.years !== null ? `, ${view.years}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col" className="money">
                Amount
              </th>
              <th scope="col" className="money">
                Share of total
              </th>
              <th scope="col" className="ref-col">
                Source
              </th>
            </tr>
          </thead>
          <tbody>
            {view.parts.map((part, index) => (
              <tr key={part.figure.id}>
                <th scope="row">
                  <span className="swatch" aria-hidden="true" style={{ backgroundColor: seriesColour(index).fill }} />
                  {part.figure.label}
                </th>
                <td className="money">{part.exact}</td>
                <td className="money">{part.share}</td>
                <td className="ref-col">
                  <SourceRef sourceId={part.figure.sourceId} figure={part.figure} about={`${part.figure.label}, ${part.exact}`} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="money">{view.total}</td>
              <td className="money">100.0%</td>
              <td className="ref-col" />
            </tr>
          </tfoot>
        </table>
      </div>
    </Section>
  );
}
