// Funding by borough: a tile map of London's 33 boroughs (each a square placed
// roughly where the borough lies, no map tiles, no network), shaded on a
// sequential colour-blind-safe scale with the amount written in every tile; a
// table of the same figures; and the boroughs ranked in a bar chart.
import { useMemo } from 'react';
import { formatMoneyShort } from '../../../../shared/money.ts';
import { TILE_COLUMNS, TILE_ROWS } from '../../../../shared/boroughs.ts';
import type { Budgets } from '../../../../shared/services-schemas.ts';
import { Section } from '../../components/Section.tsx';
import { BarsChart } from './BarsChart.tsx';
import { boroughTitle, exact, MAP_CLASSES, mapScale, mergeOrigins, type BoroughRow } from './model.ts';
import { ChartCaption, OriginLine, TableWrap } from './parts.tsx';

function TileMap({ rows, labelledBy }: { rows: readonly BoroughRow[]; labelledBy: string }) {
  const scale = useMemo(() => mapScale(rows.map((r) => r.allocatedPence)), [rows]);
  return (
    <div className="tile-map-wrap">
      <ol className="tile-map" aria-labelledby={labelledBy} style={{ gridTemplateColumns: `repeat(${TILE_COLUMNS}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${TILE_ROWS}, auto)` }}>
        {rows.map((row) => {
          const index = scale.classOf(row.allocatedPence);
          const colour = index >= 0 ? (MAP_CLASSES[index] ?? null) : null;
          return (
            <li
              key={row.gss}
              className={`tile${colour === null ? ' tile-none' : ''}`}
              data-gss={row.gss}
              style={{ gridRow: row.tile.row, gridColumn: row.tile.col, ...(colour !== null ? { backgroundColor: colour.fill, color: colour.text } : {}) }}
              title={`${row.name}: ${exact(row.allocatedPence)} allocated, all years (${row.serviceCount.toLocaleString('en-GB')} services serve it)`}
            >
              <span className="tile-name" aria-hidden="true">
                {row.short}
              </span>
              <span className="sr-only">{row.name}: </span>
              <span className="tile-value">{row.allocatedPence > 0 ? formatMoneyShort(row.allocatedPence) : '£0'}</span>
            </li>
          );
        })}
      </ol>
      <div className="map-legend" aria-label="Key to the shading">
        <p className="legend-title">Allocated, all years</p>
        <ul>
          {scale.legend.map((item) => (
            <li key={item.label}>
              <span className="legend-swatch" aria-hidden="true" style={{ backgroundColor: MAP_CLASSES[item.index]?.fill }} />
              {item.label}
            </li>
          ))}
          {rows.some((r) => r.allocatedPence <= 0) && (
            <li>
              <span className="legend-swatch legend-none" aria-hidden="true" />
              None recorded
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}

export function BoroughSection({ budgets }: { budgets: Budgets }) {
  const rows = budgets.byBorough;
  const ranked = useMemo(() => rows.filter((r) => r.allocatedPence > 0).sort((a, b) => b.allocatedPence - a.allocatedPence || a.name.localeCompare(b.name)), [rows]);
  const labels = useMemo(() => ranked.map((r) => r.name), [ranked]);
  const series = useMemo(() => [{ label: 'Allocated', values: ranked.map((r) => r.allocatedPence), colourIndex: 0 }], [ranked]);
  const ends = useMemo(() => ranked.map((r) => r.allocatedPence), [ranked]);
  const origins = useMemo(() => mergeOrigins([...rows.map((r) => r.origins), budgets.notByBorough.origins]), [rows, budgets.notByBorough]);
  const total = useMemo(
    () => rows.reduce(
      (t, r) => ({ allocated: t.allocated + r.allocatedPence, spent: t.spent + r.spentPence, latest: t.latest + r.latestAllocatedPence, lines: t.lines + r.lineCount }),
      { allocated: 0, spent: 0, latest: 0, lines: 0 },
    ),
    [rows],
  );
  if (budgets.totals.lineCount === 0) {
    return (
      <Section id="by-borough" title="Funding by borough">
        <p className="empty-note">No funding lines are recorded yet, so no borough has any funding to show.</p>
      </Section>
    );
  }
  const title = boroughTitle(rows);
  const latest = budgets.latestYear?.label ?? 'the latest year';
  const not = budgets.notByBorough;
  const description = `Bar chart of allocations by borough, all years, largest first, boroughs with none left out: ${ranked.map((r) => `${r.name} ${formatMoneyShort(r.allocatedPence)}`).join('; ')}. The same figures are in the table “Funding by borough”.`;
  return (
    <Section
      id="by-borough"
      title="Funding by borough"
      intro="Funding lines that name a borough, added up for each of London’s 32 boroughs and the City. Lines for London-wide services, or not split by borough, are counted apart."
    >
      <figure className="chart-figure tile-figure" aria-labelledby="by-borough-title">
        <ChartCaption id="by-borough-title" title={title} subtitle="Allocated, all years. Each square is a borough, placed roughly where it lies in London, with its allocation written in it." />
        <TileMap rows={rows} labelledBy="by-borough-title" />
        <OriginLine origins={origins} batches={budgets.batches} sources={budgets.sources} what="The map of funding by borough" />
      </figure>
      <div className="figure-pair budgets-pair borough-pair">
        <figure className="chart-figure" aria-labelledby="by-borough-ranked-title">
          <ChartCaption
            id="by-borough-ranked-title"
            title={`The ${ranked.length === rows.length ? '' : `${ranked.length} `}boroughs with funding, ranked`}
            subtitle={ranked.length === rows.length ? 'Allocated, all years.' : `Allocated, all years. The ${rows.length - ranked.length} boroughs with none recorded are in the table, at £0.`}
          />
          <BarsChart labels={labels} series={series} ends={ends} description={description} height={ranked.length * 22 + 44} horizontal />
        </figure>
        <TableWrap label="Funding by borough">
          <table className="data figures compact budgets-table borough-table" id="by-borough-table">
            <caption>Funding by borough</caption>
            <thead>
              <tr>
                <th scope="col">Borough</th>
                <th scope="col" className="money">
                  Allocated
                </th>
                <th scope="col" className="money">
                  Spent
                </th>
                <th scope="col" className="money">
                  Allocated {latest}
                </th>
                <th scope="col" className="num">
                  Services
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.gss} data-gss={row.gss}>
                  <th scope="row">{row.name}</th>
                  <td className="money">{exact(row.allocatedPence)}</td>
                  <td className="money">{exact(row.spentPence)}</td>
                  <td className="money">{exact(row.latestAllocatedPence)}</td>
                  <td className="num">{row.serviceCount.toLocaleString('en-GB')}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="subtotal">
                <th scope="row">All 33 boroughs</th>
                <td className="money">{exact(total.allocated)}</td>
                <td className="money">{exact(total.spent)}</td>
                <td className="money">{exact(total.latest)}</td>
                <td className="num" />
              </tr>
              <tr className="subtotal">
                <th scope="row">Not split by borough</th>
                <td className="money">{exact(not.allocatedPence)}</td>
                <td className="money">{exact(not.spentPence)}</td>
                <td className="money">{exact(not.latestAllocatedPence)}</td>
                <td className="num" />
              </tr>
              <tr>
                <th scope="row">Total</th>
                <td className="money">{exact(total.allocated + not.allocatedPence)}</td>
                <td className="money">{exact(total.spent + not.spentPence)}</td>
                <td className="money">{exact(total.latest + not.latestAllocatedPence)}</td>
                <td className="num" />
              </tr>
            </tfoot>
          </table>
          <p className="table-note">Services: those recorded as serving the borough (London-wide services are not counted).</p>
        </TableWrap>
      </div>
    </Section>
  );
}
