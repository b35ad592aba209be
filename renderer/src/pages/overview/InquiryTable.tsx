// The terms of reference or the key questions, numbered, each with how much
// evidence is linked to it and its status in words.
import type { InquiryItem } from '../../../../shared/schemas.ts';
import { CheckIcon, CircleIcon, InfoIcon } from '../../components/Icons.tsx';
import { linkSummary, statusWords } from '../../lib/format.ts';

function StatusMark({ item }: { item: InquiryItem }) {
  const Icon = item.status === 'not_started' ? CircleIcon : item.status === 'gathering' ? InfoIcon : CheckIcon;
  return (
    <span className={`status status-${item.status}`}>
      <Icon />
      {statusWords(item.status)}
    </span>
  );
}

export function InquiryTable({ caption, itemHeading, items }: { caption: string; itemHeading: string; items: InquiryItem[] }) {
  return (
    <table className="data inquiry">
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        <col className="col-number" />
        <col />
        <col className="col-evidence" />
        <col className="col-status" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className="num">
            No.
          </th>
          <th scope="col">{itemHeading}</th>
          <th scope="col">Evidence</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td className="num item-number">{item.number}</td>
            <th scope="row" className="item-text">
              {item.text}
              {item.draftFinding !== null && (
                <p className="draft-finding">
                  <span className="label">Draft finding:</span> {item.draftFinding}
                </p>
              )}
            </th>
            <td className={item.links.total === 0 ? 'evidence evidence-none' : 'evidence'}>{linkSummary(item.links)}</td>
            <td>
              <StatusMark item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
