// The left column: the investigation's name with the way to open or create
// another, then the pages, each with its keyboard shortcut shown beside it.
import { PAGES, routeHref, shortcutFor } from '../routes.ts';
import { STORES_SHORTCUT } from '../shortcuts.ts';
import { useAppStore, type AppState } from '../state/app.ts';
import { useDetailStore } from '../state/detail.ts';
import { useOverviewStore } from '../state/overview.ts';
import { useSearchStore } from '../state/search.ts';
import { useRouter } from '../state/router.ts';

function headText(title: string | null, info: AppState['info'], infoStatus: AppState['infoStatus']): string {
  if (title !== null) return title;
  if (infoStatus !== 'ready') return infoStatus === 'failed' ? 'Evidence store not known' : 'Opening the evidence store…';
  const store = info?.store ?? null;
  if (store === null) return 'No evidence store open';
  return `${store.fileName} (no investigation yet)`;
}

export function Sidebar() {
  const current = useRouter((s) => s.route.page);
  const investigation = useOverviewStore((s) => s.overview?.investigation);
  const info = useAppStore((s) => s.info);
  const infoStatus = useAppStore((s) => s.infoStatus);
  const storesOpen = useDetailStore((s) => s.request?.kind === 'store');
  const openStores = useDetailStore((s) => s.openStore);
  const close = useDetailStore((s) => s.close);
  const title = investigation?.title ?? info?.store?.investigationTitle ?? null;
  return (
    <div className="sidebar">
      <div className="sidebar-inner">
        <header className="sidebar-head">
          <p className="app-name">Scrutiny Desk</p>
          <p className="investigation-name">{headText(title, info, infoStatus)}</p>
          {investigation !== undefined && <p className="committee-name">{investigation.committee}</p>}
          <button
            type="button"
            className="button button-quiet button-small stores-button"
            aria-expanded={storesOpen}
            aria-controls={storesOpen ? 'detail-pane' : undefined}
            aria-keyshortcuts={STORES_SHORTCUT.aria}
            title={`Open a recent or another investigation, create one, or see backups (${STORES_SHORTCUT.label})`}
            onClick={(event) => (storesOpen ? close() : openStores(event.currentTarget))}
          >
            Open or create…
            <kbd aria-hidden="true">{STORES_SHORTCUT.label}</kbd>
          </button>
          <button
            type="button"
            className="button button-quiet button-small stores-button"
            aria-keyshortcuts="Control+K"
            title="Search services, notes, sources and figures (Ctrl+K)"
            onClick={() => useSearchStore.getState().show()}
          >
            Search…
            <kbd aria-hidden="true">Ctrl+K</kbd>
          </button>
        </header>
        <nav aria-label="Pages">
          <ul className="nav-list">
            {PAGES.map((page) => {
              const shortcut = shortcutFor(page.id);
              const isCurrent = page.id === current;
              return (
                <li key={page.id}>
                  <a
                    href={routeHref(page.id)}
                    className={isCurrent ? 'nav-link is-current' : 'nav-link'}
                    aria-current={isCurrent ? 'page' : undefined}
                    aria-keyshortcuts={shortcut}
                    title={`${page.label} (${shortcut})`}
                  >
                    <span className="nav-label">{page.label}</span>
                    <kbd className="nav-key" aria-hidden="true">
                      {shortcut}
                    </kbd>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </div>
  );
}
