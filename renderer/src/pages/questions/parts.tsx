// Small pieces of the Questions page: a status as word and icon, editable; the
// gaps in words; coverage by perspective at a glance.
import type { Coverage, Gap, QuestionSummary } from '../../../../shared/evidence-schemas.ts';
import type { ProgressStatus } from '../../../../shared/schemas.ts';
import { CheckIcon, CircleIcon, FileIcon, InfoIcon, WarningIcon } from '../../components/Icons.tsx';
import { statusWords } from '../../lib/format.ts';
import { useQuestionsStore } from '../../state/questions.ts';
import { n } from '../evidence/lib.ts';
import { gapLines } from './lib.ts';

export const STATUSES: readonly ProgressStatus[] = ['not_started', 'gathering', 'enough_evidence', 'finding_drafted'];

export function StatusIcon({ status }: { status: ProgressStatus }) {
  const Icon = status === 'not_started' ? CircleIcon : status === 'gathering' ? InfoIcon : status === 'enough_evidence' ? CheckIcon : FileIcon;
  return <Icon className="status-icon" />;
}

/** The status, changed from a list of its words; the icon beside it says the same. */
export function StatusControl({ item, idPrefix }: { item: QuestionSummary; idPrefix: string }) {
  const setStatus = useQuestionsStore((s) => s.setStatus);
  const id = `${idPrefix}-status-${item.id}`;
  return (
    <span className={`status-control status status-${item.status}`}>
      <StatusIcon status={item.status} />
      <select
        id={id}
        className="ev-input status-select"
        value={item.status}
        aria-label={`Status of ${item.label.toLowerCase()}`}
        onChange={(event) => void setStatus({ kind: item.kind, id: item.id }, event.target.value as ProgressStatus)}
      >
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {statusWords(status)}
          </option>
        ))}
      </select>
    </span>
  );
}

export function GapList({ gaps, compact = false }: { gaps: readonly Gap[]; compact?: boolean }) {
  if (gaps.length === 0) {
    return (
      <p className="gaps-none">
        <CheckIcon /> No gaps: every kind of witness has been heard, with evidence both ways.
      </p>
    );
  }
  return (
    <ul className={compact ? 'gap-list is-compact' : 'gap-list'}>
      {gapLines(gaps).map((line) => (
        <li key={line} className="gap">
          <WarningIcon /> {line}
        </li>
      ))}
    </ul>
  );
}

/** Each perspective with the witnesses and sources heard from it; none is plain to see. */
export function PerspectiveStrip({ coverage }: { coverage: Coverage }) {
  const shown = coverage.perspectives.filter((p) => p.perspective !== 'committee' || p.witnesses + p.sources > 0);
  return (
    <ul className="perspective-strip" aria-label="Coverage by whom the evidence speaks for">
      {shown.map((p) => {
        const total = p.witnesses + p.sources;
        return (
          <li key={p.perspective} className={total === 0 ? 'perspective is-none' : 'perspective'}>
            <span className="perspective-label">{p.label}</span>
            <span className="perspective-count">
              {total === 0 ? (
                <>
                  <span aria-hidden="true">—</span>
                  <span className="sr-only">none</span>
                </>
              ) : (
                <>
                  {p.witnesses > 0 && `${n(p.witnesses)} ${p.witnesses === 1 ? 'witness' : 'witnesses'}`}
                  {p.witnesses > 0 && p.sources > 0 && ', '}
                  {p.sources > 0 && `${n(p.sources)} ${p.sources === 1 ? 'source' : 'sources'}`}
                </>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
