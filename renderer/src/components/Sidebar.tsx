// The left column: the investigation's name, then the pages, each with its
// keyboard shortcut shown beside it.
import { PAGES, routeHref, shortcutFor } from '../routes.ts';
import { useAppStore } from '../state/app.ts';
import { useOverviewStore } from '../state/overview.ts';
import { useRouter } from '../state/router.ts';

export function Sidebar() {
  const current = useRouter((s) => s.route.page);
  const investigation = useOverviewStore((s) => s.overview?.investigation);
  const storeTitle = useAppStore((s) => s.info?.store?.investigationTitle ?? null);
  const noStore = useAppStore((s) => s.infoStatus === 'ready' && s.info?.store === null);
  const title = investigation?.title ?? storeTitle;
  return (
    <div className="sidebar">
      <div className="sidebar-inner">
        <header className="sidebar-head">
          <p className="app-name">Scrutiny Desk</p>
          <p className="investigation-name">{title ?? (noStore ? 'No evidence store open' : 'Opening the evidence store…')}</p>
          {investigation !== undefined && <p className="committee-name">{investigation.committee}</p>}
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
