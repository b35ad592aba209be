// The commissioning budget over time: a chart whose title states the finding,
// a source line under it, and the same figures in a table beside it.
import { useMemo } from 'react';
import type { Figure } from '../../../../shared/schemas.ts';
import { BudgetChart } from '../../charts/BudgetChart.tsx';
import { Section } from '../../components/Section.tsx';
import { SourceRef, useSourceNumber } from '../../components/SourceRef.tsx';
import { budgetView, type BudgetView } from '../../lib/figures.ts';

/** Locators without repeats, and without one that a longer one already contains ("Key issues, paragraph 1" in "Key issues, paragraph 1, citing …"). */
function distinctLocators(figures: Figure[]): string[] {
  const all = [...new Set(figures.map((f) => f.sourceLocator).filter((l): l is string => l !== null && l !== ''))];
  return all.filter((l) => !all.some((other) => other !== l && other.startsWith(l)));
}

function SourceLine({ view, figures }: { view: BudgetView; figures: Figure[] }) {
  const first = figures[0];
  const { title } = useSourceNumber(first?.sourceId ?? '');
  if (first === undefined) return null;
  const locators = distinctLocators(figures);
  const notes = view.rows.filter((row) => row.figure.note !== null);
  const chartTitle = view.title;
  return (
    <div className="source-line">
      <p>
        <span className="label">Source:</span>{' '}
        <SourceRef sourceId={first.sourceId} citedBy={`The chart “${chartTitle}”`} locator={locators.join('; ')} about="the chart" />{' '}
        {title ?? 'not recorded'}
        {locators.length > 0 && <>, {locators.join('; ')}</>}.
      </p>
      {notes.length > 0 && (
        <ul className="figure-notes">
          {notes.map((row) => (
            <li key={row.figure.id}>
              <span className="label">
                {row.year}
                {row.difference !== null ? ` ${row.difference}` : ''}:
              </span>{' '}
              {row.figure.note}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function BudgetSection({ figures }: { figures: Figure[] }) {
  const view = useMemo(() => budgetView(figures), [figures]);
  if (view === null) {
    return (
      <Section id="budget" title="Commissioning budget">
        <p className="empty-note">No budget figures are recorded in this store yet.</p>
      </Section>
    );
  }
  const description = `Bar chart. ${view.main.subject}: ${view.subtitle}. The same figures are in the table “${view.main.subject} by financial year”.`;
  return (
    <Section id="budget" title="Commissioning budget">
      <div className="figure-pair">
        <figure className="chart-figure" aria-labelledby="budget-chart-title">
          <figcaption>
            <h3 id="budget-chart-title" className="chart-title">
              {view.title}
            </h3>
            <p className="chart-subtitle">{view.subtitle}</p>
          </figcaption>
          <BudgetChart view={view} description={description} />
          <SourceLine view={view} figures={figures} />
        </figure>
        <div className="table-wrap">
          <table className="data figures">
            <caption>{view.main.subject} by financial year</caption>
            <thead>
              <tr>
                <th scope="col">Financial year</th>
                <th scope="col" className="money">
                  As stated
                </th>
                <th scope="col" className="money">
                  In pounds
                </th>
                <th scope="col" className="ref-col">
                  Source
                </th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.figure.id} className={row.difference !== null ? 'variant' : undefined}>
                  <th scope="row" className="year">
                    {row.year}
                    {row.difference !== null && <span className="variant-label"> {row.difference}</span>}
                  </th>
                  <td className="money">
                    {row.figure.approximate && <span className="approx">about </span>}
                    {row.short.replace(/^about /, '')}
                  </td>
                  <td className="money">
                    {row.figure.approximate && <span className="approx">about </span>}
                    {row.exact}
                  </td>
                  <td className="ref-col">
                    <SourceRef
                      sourceId={row.figure.sourceId}
                      figure={row.figure}
                      about={`${row.short} in ${row.year}${row.difference !== null ? ` ${row.difference}` : ''}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.rows.some((r) => r.figure.approximate) && (
            <p className="table-note">“About”: the source gives the figure as approximate.</p>
          )}
        </div>
      </div>
    </Section>
  );
}
