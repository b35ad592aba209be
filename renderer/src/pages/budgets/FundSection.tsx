// Funding by fund and financial year: bars by year stacked by fund, and the same
// figures in a table (funds down, years across, totals both ways).
import { useMemo } from 'react';
import type { Budgets } from '../../../../shared/services-schemas.ts';
import { seriesColour } from '../../charts/palette.ts';
import { Section } from '../../components/Section.tsx';
import { routeHref } from '../../routes.ts';
import { BarsChart, type BarSeries } from './BarsChart.tsx';
import { exact, fundMatrix, fundTitle, mergeOrigins } from './model.ts';
import { ChartCaption, OriginLine, TableWrap } from './parts.tsx';

export function FundSection({ budgets }: { budgets: Budgets }) {
  const matrix = useMemo(() => fundMatrix(budgets.byFund), [budgets.byFund]);
  const labels = useMemo(() => matrix.periods.map((p) => p.label), [matrix]);
  const series: BarSeries[] = useMemo(() => matrix.rows.map((row, index) => ({ label: row.code ?? 'No fund named', values: row.cells, colourIndex: index })), [matrix]);
  const ends = useMemo(() => matrix.periodTotals.map((t) => (t > 0 ? t : null)), [matrix]);
  const origins = useMemo(() => mergeOrigins(budgets.byFund.cells.map((c) => c.origins)), [budgets.byFund.cells]);

  if (matrix.rows.length === 0) {
    return (
      <Section id="by-fund" title="Funding by fund and financial year">
        <p className="empty-note">
          No funding lines are recorded yet. <a href={routeHref('imports')}>Import a funding spreadsheet</a> (allocations or spending by fund, year and
          borough) to see them here.
        </p>
      </Section>
    );
  }
  const title = fundTitle(matrix);
  const description = `Bar chart of allocations by financial year, stacked by fund: ${matrix.periods
    .map((p, i) => `${p.label} ${exact(matrix.periodTotals[i] ?? 0)}`)
    .join('; ')}. The same figures are in the table “Allocations by fund and financial year”.`;
  return (
    <Section id="by-fund" title="Funding by fund and financial year" intro="Allocated money on the funding lines, by the fund each line names.">
      <div className="figure-pair budgets-pair is-stacked">
        <figure className="chart-figure" aria-labelledby="by-fund-title">
          <ChartCaption id="by-fund-title" title={title} />
          <BarsChart labels={labels} series={series} ends={ends} description={description} height={280} legend />
          <OriginLine origins={origins} batches={budgets.batches} sources={budgets.sources} what={`The chart “${title}”`} />
        </figure>
        <TableWrap label="Allocations by fund and financial year">
          <table className="data figures budgets-table" id="by-fund-table">
            <caption>Allocations by fund and financial year</caption>
            <thead>
              <tr>
                <th scope="col">Fund</th>
                {matrix.periods.map((p) => (
                  <th key={p.label} scope="col" className="money">
                    {p.label}
                  </th>
                ))}
                <th scope="col" className="money">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row, index) => (
                <tr key={row.key}>
                  <th scope="row" title={row.name}>
                    <span className="swatch" aria-hidden="true" style={{ backgroundColor: seriesColour(index).fill }} />
                    {row.code ?? 'No fund named'}
                  </th>
                  {row.cells.map((cell, i) => (
                    <td key={matrix.periods[i]?.label ?? i} className="money">
                      {cell === 0 ? <span className="muted">–</span> : exact(cell)}
                    </td>
                  ))}
                  <td className="money">{exact(row.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {matrix.periodTotals.map((t, i) => (
                  <td key={matrix.periods[i]?.label ?? i} className="money">
                    {exact(t)}
                  </td>
                ))}
                <td className="money">{exact(matrix.total)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="table-note">
            Funds: {matrix.rows.filter((r) => r.code !== null).map((r) => `${r.code} is ${r.name}`).join('; ')}.
          </p>
        </TableWrap>
      </div>
    </Section>
  );
}
