// The checklist: every term of reference and key question with its status,
// its links by stance, its coverage and its gaps, in one table.
import type { QuestionSummary } from '../../../../shared/evidence-schemas.ts';
import { QUESTION_FOCUS, useQuestionsStore } from '../../state/questions.ts';
import { n, shortQuote, STANCE_WORDS, STANCES } from '../evidence/lib.ts';
import { StanceIcon, onRowArrows } from '../evidence/parts.tsx';
import { coverageWords } from './lib.ts';
import { GapList, StatusControl } from './parts.tsx';

function Row({ item }: { item: QuestionSummary }) {
  const openItem = useQuestionsStore((s) => s.openItem);
  return (
    <tr className="checklist-row">
      <td className="num item-number">{item.number}</td>
      <th scope="row" className="checklist-item">
        <button
          type="button"
          id={QUESTION_FOCUS.row(item.id)}
          className="row-open item-open"
          data-row-nav="open"
          aria-label={`${item.label}: ${item.text}`}
          onClick={() => void openItem({ kind: item.kind, id: item.id })}
        >
          {item.text}
        </button>
        {item.draftFinding !== null && (
          <span className="cell-sub draft-preview" title={item.draftFinding}>
            <span className="label">Draft finding:</span> {shortQuote(item.draftFinding, 140)}
          </span>
        )}
      </th>
      <td className="col-status">
        <StatusControl item={item} idPrefix="checklist" />
      </td>
      {STANCES.map((stance) => (
        <td key={stance} className={item.links[stance] === 0 ? 'num stance-count is-zero' : 'num stance-count'}>
          {n(item.links[stance])}
        </td>
      ))}
      <td className="col-coverage">{coverageWords(item.coverage, item.links.total)}</td>
      <td className="col-gaps">
        <GapList gaps={item.gaps} compact />
      </td>
    </tr>
  );
}

function Group({ title, items }: { title: string; items: QuestionSummary[] }) {
  if (items.length === 0) return null;
  return (
    <tbody>
      <tr className="group-row">
        <th scope="colgroup" colSpan={8}>
          {title}
        </th>
      </tr>
      {items.map((item) => (
        <Row key={item.id} item={item} />
      ))}
    </tbody>
  );
}

export function Checklist() {
  const items = useQuestionsStore((s) => s.items);
  const status = useQuestionsStore((s) => s.itemsStatus);
  if (items === null) {
    return <p className="muted">{status === 'failed' ? 'The questions could not be read (see the notice above).' : 'Reading the questions…'}</p>;
  }
  if (items.length === 0) {
    return (
      <div className="ev-empty">
        <p className="label">This store has no terms of reference or key questions.</p>
        <p>They come with the investigation when a store is created with it: open or create another store (Ctrl+O).</p>
      </div>
    );
  }
  const terms = items.filter((i) => i.kind === 'term');
  const questions = items.filter((i) => i.kind === 'keyQuestion');
  const linked = items.filter((i) => i.links.total > 0).length;
  return (
    <>
      <p className="ev-count">
        {linked} of {items.length} items have evidence linked. Up and Down move between items; Enter opens one.
      </p>
      <div className="table-wrap">
        <table className="data ev-table checklist" onKeyDown={onRowArrows}>
          <caption className="sr-only">Terms of reference and key questions: status, evidence by stance, coverage and gaps</caption>
          <colgroup>
            <col className="c-number" />
            <col className="c-item" />
            <col className="c-status" />
            <col className="c-stance" />
            <col className="c-stance" />
            <col className="c-stance" />
            <col className="c-coverage" />
            <col className="c-gaps" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="num">
                No.
              </th>
              <th scope="col">Term of reference or key question</th>
              <th scope="col">Status</th>
              {STANCES.map((stance) => (
                <th key={stance} scope="col" className="num stance-head">
                  <span className={`stance stance-${stance}`}>
                    <StanceIcon stance={stance} />
                    {STANCE_WORDS[stance]}
                  </span>
                </th>
              ))}
              <th scope="col">Coverage</th>
              <th scope="col">Gaps</th>
            </tr>
          </thead>
          <Group title="Terms of reference" items={terms} />
          <Group title="Key questions" items={questions} />
        </table>
      </div>
    </>
  );
}
