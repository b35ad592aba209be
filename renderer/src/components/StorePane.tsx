// The evidence stores pane (status bar's store button, the sidebar's "Open or
// create", Ctrl+O): the store open now and its backups, the recent stores, and
// forms to open a store by its path or create a new one. A refusal is shown
// beside the field that caused it, and focus moves to it.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { BackupInfo, RecentStore, StoreStatus } from '../../../shared/schemas.ts';
import { backupText, fileNameOf, fileSize, fullPathOrNull, ukDateTime, whenText } from '../lib/format.ts';
import { BACKUP_TASK, useAppStore } from '../state/app.ts';
import { useStoresStore, type StoreProblem } from '../state/stores.ts';
import { CheckIcon, ErrorIcon, WarningIcon } from './Icons.tsx';

const SEED_LABEL = 'Seed with the MOPAC and VRU Commissioning inquiry';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Whether two paths name the same file (Windows paths compared without regard to case). */
function samePath(a: string, b: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(a) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut > 0 ? path.slice(0, cut + 1) : '';
}

function onWindows(): boolean {
  return /Windows/i.test(navigator.userAgent);
}

/** A refusal beside its field. It takes focus when it appears, so it is read at once. */
function ProblemMessage({ id, problem }: { id: string; problem: StoreProblem }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [problem.serial]);
  return (
    <div id={id} ref={ref} tabIndex={-1} className="field-error">
      <p>
        <ErrorIcon /> <span className="sr-only">Error: </span>
        {problem.message}
      </p>
      {problem.hint !== undefined && (
        <p>
          <span className="label">What you can do:</span> {problem.hint}
        </p>
      )}
    </div>
  );
}

function CurrentStore({ store }: { store: StoreStatus }) {
  const backupNow = useAppStore((s) => s.backupNow);
  const backingUp = useAppStore((s) => s.running.some((task) => task.label === BACKUP_TASK));
  const working = useAppStore((s) => s.running.length > 0);
  return (
    <section className="pane-section" aria-labelledby="pane-current">
      <h3 id="pane-current">Open now</h3>
      {store.locationWarning !== null && (
        <p className="location-warning">
          <WarningIcon /> <span className="label">Warning:</span> {store.locationWarning}
        </p>
      )}
      <dl className="fields">
        <Field label="File">
          <span className="path">{store.fileName}</span>
        </Field>
        <Field label="Investigation">{store.investigationTitle ?? 'None yet (the store was created empty)'}</Field>
        <Field label="Full path">
          <span className="path">{store.path}</span>
        </Field>
        <Field label="Last backup">
          {store.lastBackup === null ? 'No backup yet' : `${backupText(store.lastBackup.takenAt, new Date())} (${store.lastBackup.reason})`}
        </Field>
        <Field label="Backups folder">
          <span className="path">{store.backupDir}</span>
        </Field>
        <Field label="Format version">{store.schemaVersion}</Field>
      </dl>
      <p>
        {/* aria-disabled rather than disabled, so the button keeps keyboard focus while it works. */}
        <button
          type="button"
          className="button"
          aria-disabled={working ? true : undefined}
          onClick={() => {
            if (!working) void backupNow();
          }}
        >
          {backingUp ? 'Backing up…' : 'Back up now'}
        </button>
      </p>
    </section>
  );
}

function BackupsSection({ store }: { store: StoreStatus }) {
  const backups = useStoresStore((s) => (s.backupsOf === store.path ? s.backups : null));
  const status = useStoresStore((s) => s.backupsStatus);
  const putInOpenForm = useStoresStore((s) => s.putInOpenForm);
  return (
    <section className="pane-section" aria-labelledby="pane-backups">
      <h3 id="pane-backups">Backups of this store</h3>
      <p className="pane-note" id="pane-backups-note">
        A backup is a complete store and opens like any other: <span className="label">Open…</span> puts its path in “Open a store by
        its path” below, to check before you open it. While a backup is open, your work goes into the backup, not into {store.fileName}.
      </p>
      {backups === null ? (
        <p className="muted">{status === 'failed' ? 'The list of backups could not be read (see the notice on the left).' : 'Reading the list of backups…'}</p>
      ) : backups.length === 0 ? (
        <p className="muted">
          No backups yet. “Back up now” takes one; Scrutiny Desk also takes one when a store opens and every 15 minutes after edits.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data compact backups">
            <caption>
              {backups.length} {backups.length === 1 ? 'backup' : 'backups'}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Size
                </th>
                <th scope="col">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => (
                <BackupRow key={backup.path} backup={backup} onOpen={() => putInOpenForm(backup.path)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function BackupRow({ backup, onOpen }: { backup: BackupInfo; onOpen: () => void }) {
  const when = ukDateTime(new Date(backup.takenAt), true);
  return (
    <tr title={backup.path}>
      <td className="nowrap">
        <time dateTime={backup.takenAt}>{when}</time>
      </td>
      <td>{backup.reason}</td>
      <td className="num">{fileSize(backup.bytes)}</td>
      <td className="action">
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Open… the backup taken ${when}`}
          aria-describedby="pane-backups-note"
          onClick={onOpen}
        >
          Open…
        </button>
      </td>
    </tr>
  );
}

function RecentEntry({ entry, current }: { entry: RecentStore; current: boolean }) {
  const openStore = useStoresStore((s) => s.openStore);
  const busy = useStoresStore((s) => s.busy);
  const problem = useStoresStore((s) => (s.problem?.place === 'recent' && samePath(s.problem.path, entry.path) ? s.problem : null));
  const problemId = useId();
  const fileName = fileNameOf(entry.path);
  const title = entry.title ?? 'No investigation yet';
  const opening = busy?.place === 'recent' && samePath(busy.path, entry.path);
  return (
    <li className={`recent-item${current ? ' is-current' : ''}${entry.exists ? '' : ' is-missing'}`} aria-current={current ? 'true' : undefined}>
      <div className="recent-text">
        <p className="recent-title">{title}</p>
        <p className="path">{entry.path}</p>
        <p className="recent-meta">
          Opened <time dateTime={entry.openedAt}>{whenText(new Date(entry.openedAt), new Date())}</time>
        </p>
      </div>
      <div className="recent-action">
        {current ? (
          <span className="recent-state state-current">
            <CheckIcon /> Open now
          </span>
        ) : !entry.exists ? (
          <span className="recent-state state-missing">
            <WarningIcon /> Missing
          </span>
        ) : (
          <button
            type="button"
            className="button button-quiet"
            aria-label={`Open ${fileName}: ${title}`}
            aria-describedby={problem !== null ? problemId : undefined}
            onClick={() => void openStore(entry.path, 'recent')}
          >
            {opening ? 'Opening…' : 'Open'}
          </button>
        )}
      </div>
      {!entry.exists && !current && <p className="recent-missing-note">The file is no longer at this path: it was moved, renamed or deleted.</p>}
      {problem !== null && <ProblemMessage id={problemId} problem={problem} />}
    </li>
  );
}

function RecentSection({ store }: { store: StoreStatus | null }) {
  const recent = useStoresStore((s) => s.recent);
  const status = useStoresStore((s) => s.recentStatus);
  return (
    <section className="pane-section" aria-labelledby="pane-recent">
      <h3 id="pane-recent">Recent stores</h3>
      {recent === null ? (
        <p className="muted">{status === 'failed' ? 'The list of recent stores could not be read (see the notice on the left).' : 'Reading the list of recent stores…'}</p>
      ) : recent.length === 0 ? (
        <p className="muted">No store has been opened in Scrutiny Desk yet. Open one by its path, or create one, below.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((entry) => (
            <RecentEntry key={entry.path} entry={entry} current={store !== null && samePath(entry.path, store.path)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function pathExample(store: StoreStatus | null): string {
  if (store !== null) return store.path;
  return onWindows() ? 'C:\\Users\\you\\Documents\\Investigation.sqlite' : '/home/you/Documents/Investigation.sqlite';
}

function notFullPath(typed: string): { message: string; hint: string } {
  const trimmed = typed.trim();
  const start = onWindows() ? 'a drive letter, as in C:\\Users\\…' : '/, as in /home/…';
  if (trimmed === '') return { message: 'Enter the full path of the store file.', hint: `Start it with ${start}` };
  return { message: `“${trimmed}” is not a full path.`, hint: `Start it with ${start}, so it names one file wherever Scrutiny Desk was started.` };
}

function OpenForm({ store }: { store: StoreStatus | null }) {
  const openStore = useStoresStore((s) => s.openStore);
  const showProblem = useStoresStore((s) => s.showProblem);
  const busy = useStoresStore((s) => s.busy?.place === 'open');
  const problem = useStoresStore((s) => (s.problem?.place === 'open' ? s.problem : null));
  const fromElsewhere = useStoresStore((s) => s.openFormPath);
  const [path, setPath] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const [takenSerial, setTakenSerial] = useState<number | null>(null);

  // A backup's "Open…" puts its path here and brings the reader to the field.
  if (fromElsewhere !== null && fromElsewhere.serial !== takenSerial) {
    setTakenSerial(fromElsewhere.serial);
    setPath(fromElsewhere.path);
  }
  useEffect(() => {
    if (fromElsewhere === null) return;
    inputRef.current?.focus();
    inputRef.current?.scrollIntoView({ block: 'nearest' });
  }, [fromElsewhere]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const full = fullPathOrNull(path);
    if (full === null) {
      const { message, hint } = notFullPath(path);
      showProblem('open', path, message, hint);
      return;
    }
    void openStore(full, 'open');
  };

  return (
    <section className="pane-section" aria-labelledby="pane-open">
      <h3 id="pane-open">Open a store by its path</h3>
      <form className="store-form" onSubmit={onSubmit} noValidate>
        <div className={`form-field${problem !== null ? ' has-error' : ''}`}>
          <label htmlFor="open-path">Full path of the store file</label>
          <p className="field-hint" id="open-path-hint">
            A store or one of its backups, for example <span className="path">{pathExample(store)}</span>
          </p>
          {problem !== null && <ProblemMessage id="open-path-error" problem={problem} />}
          <input
            ref={inputRef}
            id="open-path"
            className="text-input"
            type="text"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            aria-describedby={problem !== null ? 'open-path-hint open-path-error' : 'open-path-hint'}
            aria-invalid={problem !== null ? true : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="button">
          {busy ? 'Opening…' : 'Open'}
        </button>
      </form>
    </section>
  );
}

function CreateForm({ store }: { store: StoreStatus | null }) {
  const createStore = useStoresStore((s) => s.createStore);
  const showProblem = useStoresStore((s) => s.showProblem);
  const busy = useStoresStore((s) => s.busy?.place === 'create');
  const problem = useStoresStore((s) => (s.problem?.place === 'create' ? s.problem : null));
  // Starts in the folder of the store open now: type a name after it.
  const [path, setPath] = useState(() => (store !== null ? folderOf(store.path) : ''));
  const [seed, setSeed] = useState(true);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const full = fullPathOrNull(path);
    if (full === null) {
      const { message, hint } = notFullPath(path);
      showProblem('create', path, message, hint);
      return;
    }
    if (/[\\/]$/.test(full)) {
      showProblem('create', path, `${full} is a folder: the path needs a file name at the end.`, 'Add a name ending in .sqlite, such as “Youth services 2025.sqlite”.');
      return;
    }
    void createStore(full, seed);
  };

  return (
    <section className="pane-section" aria-labelledby="pane-create">
      <h3 id="pane-create">Create a new store</h3>
      <form className="store-form" onSubmit={onSubmit} noValidate>
        <div className={`form-field${problem !== null ? ' has-error' : ''}`}>
          <label htmlFor="create-path">Full path for the new store file</label>
          <p className="field-hint" id="create-path-hint">
            The file must not exist yet; its folder must. End the name with .sqlite.
          </p>
          {problem !== null && <ProblemMessage id="create-path-error" problem={problem} />}
          <input
            id="create-path"
            className="text-input"
            type="text"
            value={path}
            onChange={(event) => setPath(event.target.value)}
            aria-describedby={problem !== null ? 'create-path-hint create-path-error' : 'create-path-hint'}
            aria-invalid={problem !== null ? true : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="form-field checkbox-field">
          <input id="create-seed" type="checkbox" checked={seed} onChange={(event) => setSeed(event.target.checked)} aria-describedby="create-seed-hint" />
          <div>
            <label htmlFor="create-seed">{SEED_LABEL}</label>
            <p className="field-hint" id="create-seed-hint">
              Its terms of reference, key questions, budget figures and sources. Untick for an empty store.
            </p>
          </div>
        </div>
        <button type="submit" className="button">
          {busy ? 'Creating…' : 'Create store'}
        </button>
      </form>
    </section>
  );
}

export function StorePane() {
  const store = useAppStore((s) => s.info?.store ?? null);
  const loadRecent = useStoresStore((s) => s.loadRecent);
  const loadBackups = useStoresStore((s) => s.loadBackups);
  const storePath = store?.path ?? null;
  const lastBackup = store?.lastBackup?.path ?? null;

  useEffect(() => {
    void loadRecent();
  }, [loadRecent, storePath]);

  // Again after each backup, so "Back up now" shows in the list at once.
  useEffect(() => {
    if (storePath !== null) void loadBackups();
  }, [loadBackups, storePath, lastBackup]);

  // A problem or a backup's path left from an earlier visit must not take focus when the pane opens again.
  useEffect(() => () => useStoresStore.setState({ problem: null, openFormPath: null }), []);

  return (
    <>
      <h2 id="detail-title" tabIndex={-1}>
        Evidence stores
      </h2>
      <p className="pane-note">Each investigation is kept in one file, its evidence store. Open one, or create one, here.</p>
      {store === null ? (
        <p>No evidence store is open in this window. Open a recent one, open one by its path, or create a new one.</p>
      ) : (
        <>
          <CurrentStore store={store} />
          <BackupsSection store={store} />
        </>
      )}
      <RecentSection store={store} />
      <OpenForm store={store} />
      <CreateForm key={storePath ?? 'none'} store={store} />
    </>
  );
}
