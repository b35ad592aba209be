// Budgets: the commissioning budget over time and the LCPF split as stated (each
// figure a click from its source), the funding lines added up by fund and year, by
// category and by borough (with a tile map of London), each chart with the same
// figures in a table beside it and the files they came from; and the checks of
// stated totals and shares against what the figures give, with the arithmetic.
import { useEffect } from 'react';
import { formatMoneyShort } from '../../../shared/money.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { routeHref } from '../routes.ts';
import { useAppStore } from '../state/app.ts';
import { useBudgetsStore } from '../state/budgets.ts';
import { BoroughSection } from './budgets/BoroughSection.tsx';
import { CategorySection } from './budgets/CategorySection.tsx';
import { FundSection } from './budgets/FundSection.tsx';
import { BudgetSection } from './overview/BudgetSection.tsx';
import { ChecksSection } from './overview/ChecksSection.tsx';
import { SplitSection } from './overview/SplitSection.tsx';
import '../styles/services.css';

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

export function BudgetsPage() {
  const budgets = useBudgetsStore((s) => s.budgets);
  const status = useBudgetsStore((s) => s.status);
  const failure = useBudgetsStore((s) => s.failure);
  const load = useBudgetsStore((s) => s.load);
  const historySerial = useAppStore((s) => s.historySerial);

  // Read afresh each time the page is shown, and after an undo or redo.
  useEffect(() => {
    void load();
  }, [load, historySerial]);

  if (budgets === null) {
    return <PageLoading title="Budgets" className="page budgets-page" what="the budgets" idPrefix="budgets" status={status} failure={failure} retry={() => void load()} />;
  }

  const { totals } = budgets;
  const differing = budgets.checks.filter((c) => c.outcome === 'differs').length;
  const empty = totals.lineCount === 0;
  const checksLink = <a href={routeHref('budgets', 'checks')}>Checks on the figures</a>;
  return (
    <div className="page budgets-page">
      <header className="page-head">
        <PageTitle title="Budgets" />
        {!empty && (
          <p className="lede">
            {formatMoneyShort(totals.allocatedPence)} allocated and {formatMoneyShort(totals.spentPence)} spent on {plural(totals.lineCount, 'funding line', 'funding lines')} for{' '}
            {plural(totals.serviceCount, 'service', 'services')}
            {budgets.batches.length > 0 ? `, from ${plural(budgets.batches.length, 'imported file', 'imported files')}` : ''}.
          </p>
        )}
        {budgets.checks.length > 0 && (
          <p className="at-a-glance">
            {plural(budgets.checks.length, 'check', 'checks')} on the figures: {differing === 0 ? 'none differs' : `${differing} ${differing === 1 ? 'differs' : 'differ'}`} (see {checksLink}).
          </p>
        )}
      </header>
      {empty && (
        <div className="empty-state budgets-empty">
          <p className="lede">This store holds no funding lines yet, so there is no funding to add up by fund, category or borough. The figures the terms of reference state are below.</p>
          <section aria-labelledby="budgets-will-hold">
            <h2 id="budgets-will-hold">What will be here</h2>
            <p>
              Allocations and spending from imported funding spreadsheets, added up by fund and financial year, by category of service and by borough
              (with a map of London), each chart with its figures in a table and the files they came from; and checks of the stated totals against them.
            </p>
          </section>
          <section aria-labelledby="budgets-next">
            <h2 id="budgets-next">What you can do now</h2>
            <ul className="next-steps">
              <li>
                <a href={routeHref('imports')}>Import a funding spreadsheet</a>: allocations or spending by fund, financial year and borough, such as MOPAC’s
                LCPF allocations.
              </li>
              <li>
                <a href={routeHref('overview', 'budget')}>The commissioning budget over time</a> and{' '}
                <a href={routeHref('overview', 'lcpf')}>the LCPF split</a> are on the Overview with the inquiry’s questions; the same charts follow here.
              </li>
              <li>{checksLink}, including how the “30 per cent” transfer compares with the allocations.</li>
            </ul>
          </section>
        </div>
      )}
      <BudgetSection figures={budgets.commissioningBudget} />
      <SplitSection figures={budgets.lcpfSplit} />
      <FundSection budgets={budgets} />
      <CategorySection budgets={budgets} />
      <BoroughSection budgets={budgets} />
      <ChecksSection checks={budgets.checks} />
    </div>
  );
}
