// The investigation at a glance: what it examines, how far each question has
// got, the key figures with their sources, and the checks on those figures.
import { routeHref } from '../routes.ts';
import { STORES_SHORTCUT } from '../shortcuts.ts';
import { useAppStore } from '../state/app.ts';
import { useDetailStore } from '../state/detail.ts';
import { useOverviewStore } from '../state/overview.ts';
import { ErrorIcon } from '../components/Icons.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Section } from '../components/Section.tsx';
import { BudgetSection } from './overview/BudgetSection.tsx';
import { ChecksSection } from './overview/ChecksSection.tsx';
import { InquiryTable } from './overview/InquiryTable.tsx';
import { SourcesSection } from './overview/SourcesSection.tsx';
import { SplitSection } from './overview/SplitSection.tsx';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function thinCount(items: { links: { total: number } }[]): number {
  return items.filter((i) => i.links.total === 0).length;
}

/** A store created without the inquiry: say what belongs here and how to get it. */
function NoInvestigation({ fileName }: { fileName: string }) {
  const openStores = useDetailStore((s) => s.openStore);
  return (
    <div className="page">
      <PageTitle title="Overview" />
      <div className="empty-state">
        <p className="lede">{fileName} holds no investigation yet: it was created empty.</p>
        <section aria-labelledby="no-investigation-what">
          <h2 id="no-investigation-what">What will be here</h2>
          <p>
            The investigation at a glance: its terms of reference and key questions with the evidence linked to each, the key budget
            figures with their sources, and the checks on those figures.
          </p>
        </section>
        <section aria-labelledby="no-investigation-next">
          <h2 id="no-investigation-next">What you can do now</h2>
          <ul className="next-steps">
            <li>
              <button
                type="button"
                className="link-button"
                aria-keyshortcuts={STORES_SHORTCUT.aria}
                onClick={(event) => openStores(event.currentTarget)}
              >
                Open or create another store
              </button>{' '}
              (<kbd>{STORES_SHORTCUT.label}</kbd>): a new store can start with the MOPAC and VRU Commissioning inquiry.
            </li>
            <li>
              See what this store holds for each kind of record on the other pages, such as <a href={routeHref('imports')}>Imports</a>.
            </li>
          </ul>
        </section>
      </div>
    </div>
  );
}

export function OverviewPage() {
  const { overview, status, failure, load } = useOverviewStore();
  const emptyStore = useAppStore((s) => (s.info?.store?.investigationTitle === null ? s.info.store : null));

  if (overview === null && emptyStore !== null && status !== 'loading') return <NoInvestigation fileName={emptyStore.fileName} />;

  if (overview === null) {
    if (status === 'failed' && failure !== null) {
      return (
        <div className="page">
          <PageTitle title="Overview" />
          <div className="problem" role="region" aria-labelledby="overview-problem">
            <h2 id="overview-problem">
              <ErrorIcon /> The overview could not be loaded
            </h2>
            <p>{failure.message}</p>
            {failure.where !== undefined && (
              <p>
                <span className="label">Where:</span> {failure.where}
              </p>
            )}
            {failure.hint !== undefined && (
              <p>
                <span className="label">What you can do:</span> {failure.hint}
              </p>
            )}
            <button type="button" className="button" onClick={() => void load()}>
              Try again
            </button>
          </div>
        </div>
      );
    }
    return (
      <div className="page" aria-busy="true">
        <PageTitle title="Overview" />
        <p className="loading">Loading the investigation…</p>
      </div>
    );
  }

  const { investigation, terms, questions } = overview;
  const withoutEvidence = thinCount(terms) + thinCount(questions);
  const itemCount = terms.length + questions.length;
  return (
    <div className="page overview">
      <header className="page-head">
        <p className="eyebrow">
          {investigation.body} · {investigation.committee}
        </p>
        <PageTitle title={investigation.title} documentTitle="Overview" />
        {investigation.summary !== null && <p className="lede">{investigation.summary}</p>}
        <p className="at-a-glance">
          {overview.evidenceCount === 0
            ? `No evidence is linked to the ${plural(terms.length, 'term', 'terms')} of reference or the ${plural(questions.length, 'key question', 'key questions')} yet.`
            : `${plural(overview.evidenceCount, 'link', 'links')} to evidence so far; ${withoutEvidence} of ${itemCount} items still have none.`}
        </p>
      </header>

      <Section id="terms" title="Terms of reference" intro={`What the committee will examine (${terms.length}).`}>
        <InquiryTable caption="Terms of reference" itemHeading="The committee will examine" items={terms} />
      </Section>

      <Section id="questions" title="Key questions" intro={`What the committee wants answered (${questions.length}).`}>
        <InquiryTable caption="Key questions" itemHeading="Question" items={questions} />
      </Section>

      <BudgetSection figures={overview.budgetHistory} />
      <SplitSection figures={overview.lcpfSplit} />
      <ChecksSection checks={overview.checks} />
      <SourcesSection sources={overview.sources} />
    </div>
  );
}
