// The status bar: which store is open (full path in its details), when it was
// last backed up, any warning about where it lives, and work that is running.
import { useEffect, useState } from 'react';
import { backupText, firstSentence } from '../lib/format.ts';
import { STORES_SHORTCUT } from '../shortcuts.ts';
import { useAppStore } from '../state/app.ts';
import { useDetailStore } from '../state/detail.ts';
import { ClockIcon, DatabaseIcon, WarningIcon } from './Icons.tsx';

/** The current time, refreshed each minute, so "today" stays true past midnight. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

export function StatusBar() {
  const info = useAppStore((s) => s.info);
  const infoStatus = useAppStore((s) => s.infoStatus);
  const running = useAppStore((s) => s.running);
  const openStore = useDetailStore((s) => s.openStore);
  const storeOpen = useDetailStore((s) => s.request?.kind === 'store');
  const close = useDetailStore((s) => s.close);
  const now = useMinute();
  const store = info?.store ?? null;

  return (
    <footer className="statusbar">
      <div className="status-item">
        <DatabaseIcon />
        {store !== null ? (
          <button
            type="button"
            className="status-button"
            title={`Details, backups and other stores (${STORES_SHORTCUT.label}). File: ${store.path}`}
            aria-label={`Evidence store: ${store.fileName}. Show its details, backups and other stores`}
            aria-keyshortcuts={STORES_SHORTCUT.aria}
            aria-controls={storeOpen ? 'detail-pane' : undefined}
            aria-expanded={storeOpen}
            onClick={(event) => (storeOpen ? close() : openStore(event.currentTarget))}
          >
            {store.fileName}
          </button>
        ) : infoStatus === 'ready' ? (
          <button
            type="button"
            className="status-button"
            title={`Open or create an evidence store (${STORES_SHORTCUT.label})`}
            aria-keyshortcuts={STORES_SHORTCUT.aria}
            aria-controls={storeOpen ? 'detail-pane' : undefined}
            aria-expanded={storeOpen}
            onClick={(event) => (storeOpen ? close() : openStore(event.currentTarget))}
          >
            No evidence store open
          </button>
        ) : (
          <span>{infoStatus === 'failed' ? 'Store not known' : 'Opening…'}</span>
        )}
      </div>
      {store !== null && (
        <div className="status-item">
          <ClockIcon />
          <span title={store.lastBackup?.path}>{backupText(store.lastBackup?.takenAt ?? null, now)}</span>
        </div>
      )}
      {store !== null && store.locationWarning !== null && (
        <div className="status-item status-warning">
          <button
            type="button"
            className="status-button status-warning-button"
            title={store.locationWarning}
            aria-label={`Warning: ${store.locationWarning} Show the store's details`}
            onClick={(event) => (storeOpen ? close() : openStore(event.currentTarget))}
          >
            <WarningIcon />
            <span className="label">Warning:</span>
            <span className="status-warning-text">{firstSentence(store.locationWarning)}</span>
          </button>
        </div>
      )}
      <div className="status-item status-running" role="status" aria-label="Running work">
        {running.length === 0 ? (
          <span className="muted">Nothing running</span>
        ) : (
          running.map((task) => (
            <span key={task.id} className="task" title={task.detail ?? undefined}>
              <span className="spinner" aria-hidden="true" />
              {task.label}…
              {/* The detail changes often: shown, but not read out at each change. */}
              {task.detail !== undefined && task.detail !== null && (
                <span className="task-detail" aria-hidden="true">
                  {task.detail}
                </span>
              )}
              {task.progress !== null ? (
                <progress max={1} value={task.progress} aria-label={task.label} />
              ) : (
                task.measured === true && <progress aria-label={task.label} />
              )}
            </span>
          ))
        )}
      </div>
    </footer>
  );
}
