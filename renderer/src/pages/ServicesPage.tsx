// Services: every commissioned service in one table. Filter across all columns
// or by column, sort, group with subtotals, choose and order the columns, edit in
// place, add and delete (each one step of undo), and open a service beside the
// list to see its funding, boroughs, evaluations, payments and evidence.
import { useEffect, useMemo, useState } from 'react';
import { formatMoneyShort } from '../../../shared/money.ts';
import { UndoIcon } from '../components/Icons.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { routeHref } from '../routes.ts';
import { useAppStore } from '../state/app.ts';
import { useDetailStore } from '../state/detail.ts';
import { useOpenRequest } from '../state/search.ts';
import { useServicesStore } from '../state/services.ts';
import { AddServiceForm } from './services/AddServiceForm.tsx';
import { ColumnsMenu } from './services/ColumnsMenu.tsx';
import type { ColumnContext } from './services/columns.ts';
import { GROUP_WORDS, plural, type GroupBy } from './services/model.ts';
import { ServicesGrid } from './services/ServicesGrid.tsx';
import '../styles/services.css';

function Announcer() {
  const announcement = useServicesStore((s) => s.announcement);
  return (
    <div className="sr-only" role="status" aria-label="Services updates">
      {announcement.serial > 0 && <span key={announcement.serial}>{announcement.text}</span>}
    </div>
  );
}

function ChangeBar() {
  const change = useServicesStore((s) => s.change);
  const undo = useServicesStore((s) => s.undo);
  const busy = useServicesStore((s) => s.busy);
  const [dismissed, setDismissed] = useState(0);
  if (change === null || dismissed === change.serial) return null;
  return (
    <div className="change-bar">
      <p>{change.text}</p>
      {change.undoable && (
        <button type="button" className="button button-quiet button-small" aria-keyshortcuts="Control+Z" aria-disabled={busy ? true : undefined} onClick={() => !busy && void undo()}>
          <UndoIcon /> Undo <kbd>Ctrl+Z</kbd>
        </button>
      )}
      <button type="button" className="link-button" onClick={() => setDismissed(change.serial)}>
        Dismiss<span className="sr-only"> this message</span>
      </button>
    </div>
  );
}

function EmptyServices({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="empty-state">
      <section aria-labelledby="services-will-hold">
        <h2 id="services-will-hold">What will be here</h2>
        <p>
          The services MOPAC and the VRU commission, one row each: provider, commissioner, category, the boroughs served, funding by financial year and
          fund, payments, and the evidence linked to each.
        </p>
      </section>
      <section aria-labelledby="services-next">
        <h2 id="services-next">What you can do now</h2>
        <ul className="next-steps">
          <li>
            <a href={routeHref('imports')}>Import a services register</a> (a CSV, Excel or ODS file from MOPAC, the VRU or a borough), then a funding
            spreadsheet that names the services.
          </li>
          <li>
            <button type="button" className="link-button" onClick={onAdd}>
              Add a service by hand
            </button>
            .
          </li>
        </ul>
      </section>
    </div>
  );
}

export function ServicesPage() {
  const list = useServicesStore((s) => s.list);
  const status = useServicesStore((s) => s.status);
  const failure = useServicesStore((s) => s.failure);
  const load = useServicesStore((s) => s.load);
  const globalFilter = useServicesStore((s) => s.globalFilter);
  const setGlobalFilter = useServicesStore((s) => s.setGlobalFilter);
  const groupBy = useServicesStore((s) => s.groupBy);
  const setGroupBy = useServicesStore((s) => s.setGroupBy);
  const undo = useServicesStore((s) => s.undo);
  const busy = useServicesStore((s) => s.busy);
  const requestGridFocus = useServicesStore((s) => s.requestGridFocus);
  const historySerial = useAppStore((s) => s.historySerial);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  // Ctrl+Z (the app's shortcut, from anywhere but a text field) undoes the last change: show the list as it now is.
  useEffect(() => {
    void useServicesStore.getState().followHistory();
  }, [historySerial]);

  // A service chosen in the search (Ctrl+K): shown in the table, focused, and opened beside it.
  const openRequest = useOpenRequest((s) => s.request);
  useEffect(() => {
    if (openRequest?.kind !== 'service' || list === null) return;
    useOpenRequest.getState().clear();
    const { globalFilter: text, columnFilters } = useServicesStore.getState();
    if (text !== '' || columnFilters.length > 0) useServicesStore.getState().clearFilters();
    requestGridFocus(openRequest.id);
    // Once the table shows it (and the search has put focus back where it was), its row is what Escape returns to.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const row = document.querySelector(`#services-grid-scroll tr[data-service-id="${CSS.escape(openRequest.id)}"]`);
      const cell = row?.querySelector<HTMLElement>('td[tabindex="0"]') ?? row?.querySelector<HTMLElement>('td') ?? null;
      cell?.focus();
      useDetailStore.getState().openService(openRequest.id, cell);
    }));
  }, [openRequest, list, requestGridFocus]);

  const latestYear = list?.latestYear?.label ?? null;
  const context: ColumnContext = useMemo(() => ({ latestYear }), [latestYear]);
  const lede = useMemo(() => {
    if (list === null || list.rows.length === 0) return null;
    let allocated = 0;
    let latest = 0;
    for (const row of list.rows) {
      allocated += row.allocatedPence;
      latest += row.latestAllocatedPence;
    }
    const latestPart = list.latestYear !== null ? `, ${formatMoneyShort(latest)} of it in ${list.latestYear.label}` : '';
    return `${plural(list.rows.length, 'commissioned service', 'commissioned services')}, with ${formatMoneyShort(allocated)} allocated to them across all years${latestPart}.`;
  }, [list]);

  if (list === null) {
    return <PageLoading title="Services" className="page services-page" what="the services" idPrefix="services" status={status} failure={failure} retry={() => void load()} />;
  }

  const closeForm = (added: string | null) => {
    setAdding(false);
    if (added !== null) requestGridFocus(added);
    else requestAnimationFrame(() => document.getElementById('add-service-button')?.focus());
  };

  return (
    <div className="page services-page">
      <header className="page-head services-head">
        <PageTitle title="Services" />
        {lede !== null && <p className="lede">{lede}</p>}
      </header>

      {list.rows.length > 0 && (
        <div className="services-toolbar">
          <div className="toolbar-field search-field">
            <label htmlFor="services-search">Filter all columns</label>
            <input
              id="services-search"
              className="text-input plain"
              type="search"
              autoComplete="off"
              spellCheck={false}
              placeholder="Provider, borough, reference…"
              value={globalFilter}
              onChange={(event) => setGlobalFilter(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape' && globalFilter !== '') {
                  event.preventDefault();
                  setGlobalFilter('');
                } else if (event.key === 'ArrowDown') {
                  event.preventDefault();
                  requestGridFocus();
                }
              }}
            />
          </div>
          <div className="toolbar-field">
            <label htmlFor="services-group">Group by</label>
            <select id="services-group" className="field-select" value={groupBy} onChange={(event) => setGroupBy(event.target.value as GroupBy)}>
              {(Object.keys(GROUP_WORDS) as GroupBy[]).map((by) => (
                <option key={by} value={by}>
                  {GROUP_WORDS[by]}
                </option>
              ))}
            </select>
          </div>
          <ColumnsMenu context={context} />
          <span className="toolbar-spacer" />
          <button type="button" className="button button-quiet" aria-keyshortcuts="Control+Z" title="Undo the last change (Ctrl+Z)" aria-disabled={busy ? true : undefined} onClick={() => !busy && void undo()}>
            <UndoIcon /> Undo <kbd>Ctrl+Z</kbd>
          </button>
          <button id="add-service-button" type="button" className="button" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            Add a service
          </button>
        </div>
      )}

      {adding && <AddServiceForm onClose={closeForm} />}
      <ChangeBar />
      {list.rows.length === 0 ? (
        !adding && <EmptyServices onAdd={() => setAdding(true)} />
      ) : (
        <ServicesGrid list={list} context={context} />
      )}
      <Announcer />
    </div>
  );
}
