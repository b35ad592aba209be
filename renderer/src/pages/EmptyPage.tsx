// Pages whose work is still to come. Each says what will be here, what the
// store holds for it now (counted, not assumed), and a next step that works.
import { useEffect, type ReactNode } from 'react';
import { PageTitle } from '../components/PageTitle.tsx';
import { routeHref, type PageId } from '../routes.ts';
import { useCountsStore } from '../state/counts.ts';
import { useDetailStore } from '../state/detail.ts';
import { useOverviewStore } from '../state/overview.ts';
import type { Overview } from '../../../shared/schemas.ts';

type Counts = Record<string, number>;

/** null while counting; undefined when the store does not count that kind of record. */
function count(counts: Counts | null, table: string): number | null | undefined {
  return counts === null ? null : counts[table];
}

function many(n: number, one: string, several: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : several}`;
}

/** "This store holds no commissioned services yet." or "This store holds 12 commissioned services." */
function holds(n: number | null | undefined, one: string, several: string): string {
  if (n === null) return `Counting the ${several} in this store…`;
  if (n === undefined) return `This version of Scrutiny Desk does not count ${several} yet.`;
  return n === 0 ? `This store holds no ${several} yet.` : `This store holds ${many(n, one, several)}.`;
}

interface NextStep {
  key: string;
  node: ReactNode;
}

interface EmptyPageSpec {
  title: string;
  /** What belongs on the page, in a sentence or two. */
  willHold: string;
  /** What the store holds for it now. */
  now: (counts: Counts | null, overview: Overview | null) => string[];
  next: NextStep[];
}

function OverviewLink({ section, children }: { section: string; children: ReactNode }) {
  return <a href={routeHref('overview', section)}>{children}</a>;
}

function OpenTermsOfReference() {
  const openSource = useDetailStore((s) => s.openSource);
  const source = useOverviewStore((s) => s.overview?.sources[0]);
  if (source === undefined) return <OverviewLink section="sources">See the sources on the Overview</OverviewLink>;
  return (
    <button
      type="button"
      className="link-button"
      onClick={(event) => void openSource({ sourceId: source.id, citedBy: 'the figures already in this store' }, event.currentTarget)}
    >
      Read the citation of “{source.title}”
    </button>
  );
}

const SPECS: Record<Exclude<PageId, 'overview'>, EmptyPageSpec> = {
  services: {
    title: 'Services',
    willHold:
      'The services MOPAC and the VRU commission, one row each: provider, commissioner, category, the boroughs served, funding by financial year and fund, aims, outcomes and evaluations. From here each service can be linked to the terms of reference and key questions it bears on.',
    now: (c) => {
      const boroughs = count(c, 'boroughs');
      const funds = count(c, 'funds');
      return [
        holds(count(c, 'services'), 'commissioned service', 'commissioned services'),
        ...(typeof boroughs === 'number' && typeof funds === 'number' && boroughs + funds > 0
          ? [`It already knows ${many(boroughs, 'borough', 'boroughs')} (with their GSS codes) and ${many(funds, 'fund', 'funds')}, ready for services to be linked to.`]
          : []),
      ];
    },
    next: [
      { key: 'terms', node: <><OverviewLink section="terms">Term of reference 1</OverviewLink> asks which services were commissioned over the last three years, and why.</> },
      { key: 'questions', node: <><OverviewLink section="questions">Key question 2</OverviewLink> asks whether Londoners receive high quality services where need is greatest.</> },
    ],
  },
  budgets: {
    title: 'Budgets',
    willHold:
      'Allocations and spending by fund, financial year and borough, and payments from published transparency files matched to the services they paid for, with totals you can check.',
    now: (c, overview) => [
      holds(count(c, 'funding_lines'), 'funding line', 'funding lines'),
      holds(count(c, 'payments'), 'payment', 'payments').replace('This store holds', 'It holds'),
      ...(overview !== null && overview.budgetHistory.length + overview.lcpfSplit.length > 0
        ? ['The budget figures stated in the terms of reference are already on the Overview, each with its source.']
        : []),
    ],
    next: [
      { key: 'budget', node: <><OverviewLink section="budget">The commissioning budget over time</OverviewLink>: chart and table.</> },
      { key: 'lcpf', node: <><OverviewLink section="lcpf">How the London Crime Prevention Fund is split</OverviewLink>: each part and its share of the total.</> },
      { key: 'checks', node: <><OverviewLink section="checks">Checks on the figures</OverviewLink>, including how the “30 per cent” transfer compares with the allocations.</> },
    ],
  },
  evidence: {
    title: 'Evidence',
    willHold:
      'Written submissions, oral evidence sessions with their witnesses, notes of meetings and site visits, and excerpts, each linked to the terms of reference and key questions it supports, challenges or gives context to.',
    now: (c) => [
      holds(count(c, 'evidence_sessions'), 'evidence session', 'evidence sessions'),
      holds(count(c, 'evidence_links'), 'link from evidence to a question', 'links from evidence to the questions').replace('This store holds', 'It holds'),
    ],
    next: [
      { key: 'terms', node: <>See which <OverviewLink section="terms">terms of reference</OverviewLink> and <OverviewLink section="questions">key questions</OverviewLink> still have no evidence.</> },
      { key: 'sources', node: <>The <OverviewLink section="sources">sources</OverviewLink> cited so far, with their citations.</> },
    ],
  },
  questions: {
    title: 'Questions',
    willHold:
      'Suggested questions for each guest at an evidence session, grouped under the key question each helps to answer, ready to go into a briefing.',
    now: (c) => [holds(count(c, 'suggested_questions'), 'suggested question', 'suggested questions')],
    next: [
      { key: 'questions', node: <>The <OverviewLink section="questions">four key questions</OverviewLink> the suggested questions will serve, with how much evidence each has.</> },
      { key: 'checks', node: <>The <OverviewLink section="checks">checks on the figures</OverviewLink>: a figure that differs from what was stated is often the first question to ask.</> },
    ],
  },
  imports: {
    title: 'Imports',
    willHold:
      'Spreadsheets from MOPAC, the VRU, boroughs and providers (CSV, XLSX, ODS and older XLS files): map their columns once, see every row that was turned away and why, and undo an import that went wrong.',
    now: (c) => [
      holds(count(c, 'import_batches'), 'import', 'imports'),
      ...(count(c, 'import_batches') === 0 ? ['What it holds so far was entered when the store was created, from the terms of reference.'] : []),
    ],
    next: [
      { key: 'tor', node: <OpenTermsOfReference /> },
      { key: 'overview', node: <>The figures taken from the terms of reference are on the <OverviewLink section="budget">Overview</OverviewLink>.</> },
    ],
  },
  briefing: {
    title: 'Briefing',
    willHold:
      'The briefing pack for members before each meeting, for paper or a tablet: the key questions, the key figures and charts with their sources, and suggested questions for each guest, with numbered paragraphs and references.',
    now: () => ['No briefing pack has been put together yet.'],
    next: [
      { key: 'overview', node: <>The <OverviewLink section="terms">Overview</OverviewLink> sets out what a pack would open with: the terms of reference, key questions, key figures and checks.</> },
      { key: 'sources', node: <>Its <OverviewLink section="sources">sources</OverviewLink> would form the pack’s sources annex.</> },
    ],
  },
};

export function EmptyPage({ page }: { page: Exclude<PageId, 'overview'> }) {
  const spec = SPECS[page];
  const counts = useCountsStore((s) => s.counts);
  const overview = useOverviewStore((s) => s.overview);
  const load = useCountsStore((s) => s.load);
  const status = useCountsStore((s) => s.status);

  useEffect(() => {
    void load();
  }, [load, page]);

  const nowLines = status === 'failed' && counts === null ? ['Scrutiny Desk could not count what this store holds (see the notice above).'] : spec.now(counts, overview);
  return (
    <div className="page empty-page">
      <PageTitle title={spec.title} />
      <div className="empty-state">
        <section aria-labelledby="will-hold">
          <h2 id="will-hold">What will be here</h2>
          <p>{spec.willHold}</p>
        </section>
        <section aria-labelledby="holds-now">
          <h2 id="holds-now">In this store now</h2>
          {nowLines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
        <section aria-labelledby="next-steps">
          <h2 id="next-steps">What you can do now</h2>
          <ul className="next-steps">
            {spec.next.map((step) => (
              <li key={step.key}>{step.node}</li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}
