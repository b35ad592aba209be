// Reconciliation checks: each stated total or share set beside what the
// figures give, its outcome in words and icon, and the arithmetic written out.
import type { ReconciliationCheck } from '../../../../shared/schemas.ts';
import { CheckIcon, InfoIcon, WarningIcon } from '../../components/Icons.tsx';
import { Section } from '../../components/Section.tsx';
import { SourceRef } from '../../components/SourceRef.tsx';
import { OUTCOME_WORDS } from '../../lib/format.ts';

function Outcome({ outcome }: { outcome: ReconciliationCheck['outcome'] }) {
  const Icon = outcome === 'agrees' ? CheckIcon : outcome === 'differs' ? WarningIcon : InfoIcon;
  return (
    <span className={`outcome outcome-${outcome}`}>
      <Icon />
      {OUTCOME_WORDS[outcome]}
    </span>
  );
}

function Check({ check }: { check: ReconciliationCheck }) {
  const headingId = `check-${check.id}`;
  return (
    <article className={`check check-${check.outcome}`} aria-labelledby={headingId}>
      <header className="check-head">
        <Outcome outcome={check.outcome} />
        <h3 id={headingId}>{check.title}</h3>
      </header>
      <p className="check-summary">{check.summary}</p>
      <div className="check-body">
        <table className="data check-lines">
          <caption className="sr-only">Figures for: {check.title}</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="money">
                Value
              </th>
            </tr>
          </thead>
          <tbody>
            {check.lines.map((line, index) => (
              <tr key={index} className={line.label === 'Total' || line.label === 'Stated' ? 'emphasis' : undefined}>
                <th scope="row">{line.label}</th>
                <td className="money">{line.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="arithmetic">
          <h4>Working</h4>
          <ol>
            {check.arithmetic.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ol>
          <p className="check-sources">
            <span className="label">{check.sourceIds.length === 1 ? 'Source' : 'Sources'}:</span>{' '}
            {check.sourceIds.map((id) => (
              <SourceRef key={id} sourceId={id} citedBy={check.title} locator={check.sourceLocator} about={`the check “${check.title}”`} />
            ))}
          </p>
        </div>
      </div>
    </article>
  );
}

export function ChecksSection({ checks }: { checks: ReconciliationCheck[] }) {
  const differing = checks.filter((c) => c.outcome === 'differs').length;
  const intro = checks.length === 0
    ? 'No checks yet: checks appear when the store holds figures that can be added up or set against a stated share.'
    : `Stated totals and shares set beside what the figures give. ${differing === 0 ? 'None differs.' : `${differing} of ${checks.length} ${differing === 1 ? 'differs' : 'differ'}.`}`;
  return (
    <Section id="checks" title="Checks on the figures" intro={intro}>
      <div className="checks">
        {checks.map((check) => (
          <Check key={check.id} check={check} />
        ))}
      </div>
    </Section>
  );
}
