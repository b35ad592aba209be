// Funding by the category of the service it pays for: ranked bars, and the same
// figures in a table with services counted, spending and the latest year.
import { useMemo } from 'react';
import type { Budgets } from '../../../../shared/services-schemas.ts';
import { Section } from '../../components/Section.tsx';
import { BarsChart } from './BarsChart.tsx';
import { categoryTitle, exact, mergeOrigins, share } from './model.ts';
import { ChartCaption, OriginLine, TableWrap } from './parts.tsx';

export function CategorySection({ budgets }: { budgets: Budgets }) {
  const rows = useMemo(() => [...budgets.byCategory].sort((a, b) => b.allocatedPence - a.allocatedPence || a.label.localeCompare(b.label)), [budgets.byCategory]);
  const labels = useMemo(() => rows.map((r) => r.label), [rows]);
  const series = useMemo(() => [{ label: 'Allocated', values: rows.map((r) => r.allocatedPence), colourIndex: 0 }], [rows]);
  const ends = useMemo(() => rows.map((r) => r.allocatedPence), [rows]);
  const origins = useMemo(() => mergeOrigins(rows.map((r) => r.origins)), [rows]);
  const totals = useMemo(
    () => rows.reduce(
      (t, r) => ({
        services: t.services + r.serviceCount, allocated: t.allocated + r.allocatedPence, spent: t.spent + r.spentPence,
        latest: t.latest + r.latestAllocatedPence, lines: t.lines + r.lineCount,
      }),
      { services: 0, allocated: 0, spent: 0, latest: 0, lines: 0 },
    ),
    [rows],
  );
  if (rows.length === 0) {
    return (
      <Section id="by-category" title="Funding by category of service">
        <p className="empty-note">No funding lines are recorded yet, so there is nothing to add up by category.</p>
      </Section>
    );
  }
  const title = categoryTitle(rows);
  const latest = budgets.latestYear?.label ?? 'the latest year';
  const description = `Bar chart of allocations, all years, by category of service: ${rows.map((r) => `${r.label} ${exact(r.allocatedPence)}`).join('; ')}. The same figures are in the table “Funding by category”.`;
  return (
    <Section id="by-category" title="Funding by category of service" intro="Funding lines added up by the category of the service each pays for; lines tied to no service are kept apart.">
      <div className="figure-pair budgets-pair is-stacked">
        <figure className="chart-figure" aria-labelledby="by-category-title">
          <ChartCaption id="by-category-title" title={title} subtitle="Allocated, all financial years" />
          <BarsChart labels={labels} series={series} ends={ends} description={description} height={Math.max(140, rows.length * 30 + 40)} horizontal />
          <OriginLine origins={origins} batches={budgets.batches} sources={budgets.sources} what={`The chart “${title}”`} />
        </figure>
        <TableWrap label="Funding by category">
          <table className="data figures budgets-table" id="by-category-table">
            <caption>Funding by category</caption>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Services
                </th>
                <th scope="col" className="money">
                  Allocated
                </th>
                <th scope="col" className="num">
                  Share
                </th>
                <th scope="col" className="money">
                  Spent
                </th>
                <th scope="col" className="money">
                  Allocated {latest}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.kind}:${row.category ?? ''}`} className={row.kind !== 'category' ? 'aside-row' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td className="num">{row.kind === 'no-service' ? '–' : row.serviceCount.toLocaleString('en-GB')}</td>
                  <td className="money">{exact(row.allocatedPence)}</td>
                  <td className="num">{share(row.allocatedPence, totals.allocated)}</td>
                  <td className="money">{exact(row.spentPence)}</td>
                  <td className="money">{exact(row.latestAllocatedPence)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="num">{totals.services.toLocaleString('en-GB')}</td>
                <td className="money">{exact(totals.allocated)}</td>
                <td className="num">{share(totals.allocated, totals.allocated)}</td>
                <td className="money">{exact(totals.spent)}</td>
                <td className="money">{exact(totals.latest)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      </div>
    </Section>
  );
}
