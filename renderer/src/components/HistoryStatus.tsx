// What the last undo or redo did, said in a live region and shown for a while
// above the status bar: "Undone: Delete note “Site visit, Croydon”".
import { useEffect, useState } from 'react';
import { useAppStore } from '../state/app.ts';
import { UndoIcon } from './Icons.tsx';

const SHOWN_FOR_MS = 5000;

export function HistoryStatus() {
  const notice = useAppStore((s) => s.historyNotice);
  const [hidden, setHidden] = useState<number | null>(null);

  useEffect(() => {
    if (notice === null) return;
    const timer = window.setTimeout(() => setHidden(notice.serial), SHOWN_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const showing = notice !== null && hidden !== notice.serial;
  return (
    <div className="history-status" role="status" aria-label="Undo and redo">
      {showing && (
        <p key={notice.serial} className="history-notice">
          <UndoIcon /> {notice.text}
        </p>
      )}
    </div>
  );
}
