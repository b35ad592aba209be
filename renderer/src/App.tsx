// The window: a skip link, the navigation on the left, the work in the middle,
// the detail pane on the right when open, and the status bar along the bottom.
import { useEffect, type MouseEvent } from 'react';
import { IMPORT_OFFERED_EVENT } from '../../shared/contract/imports.ts';
import { DetailPane } from './components/DetailPane.tsx';
import { FileDrop } from './components/FileDrop.tsx';
import { HistoryStatus } from './components/HistoryStatus.tsx';
import { Notifications } from './components/Notifications.tsx';
import { Sidebar } from './components/Sidebar.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { BudgetsPage } from './pages/BudgetsPage.tsx';
import { EmptyPage } from './pages/EmptyPage.tsx';
import { EvidencePage } from './pages/EvidencePage.tsx';
import { QuestionsPage } from './pages/QuestionsPage.tsx';
import { ServicesPage } from './pages/ServicesPage.tsx';
import { ImportsPage } from './pages/ImportsPage.tsx';
import { useImportsStore } from './state/imports.ts';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { pageForShortcut, type PageId } from './routes.ts';
import { historyShortcut, isStoresShortcut, isTextEntry } from './shortcuts.ts';
import { useAppStore } from './state/app.ts';
import { useDetailStore } from './state/detail.ts';
import { useSearchStore } from './state/search.ts';
import { SearchPalette } from './components/SearchPalette.tsx';
import './styles/search.css';
import { useOverviewStore } from './state/overview.ts';
import { useRouter } from './state/router.ts';

function useKeyboardShortcuts(): void {
  const go = useRouter((s) => s.go);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const page = pageForShortcut(event);
      if (page !== null) {
        event.preventDefault();
        go(page);
        return;
      }
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        event.preventDefault(); // not the browser's own address-bar search
        useSearchStore.getState().show();
        return;
      }
      const step = historyShortcut(event);
      if (step !== null && !isTextEntry(event.target)) {
        event.preventDefault(); // a text field keeps its own undo; everywhere else Ctrl+Z undoes the last change to the store
        void useAppStore.getState().stepHistory(step);
        return;
      }
      if (isStoresShortcut(event)) {
        event.preventDefault(); // not the browser's own "open file"
        useDetailStore.getState().openStore();
        return;
      }
      if (event.key === 'Escape' && !event.defaultPrevented && useDetailStore.getState().request !== null) {
        event.preventDefault();
        useDetailStore.getState().close();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [go]);
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  // The address's hash holds the route, so the skip link moves focus itself.
  event.preventDefault();
  const main = document.getElementById('main');
  main?.focus();
  main?.scrollIntoView({ block: 'start' });
}

export function App() {
  const route = useRouter((s) => s.route);
  const pane = useDetailStore((s) => s.request?.kind ?? null);
  const loadInfo = useAppStore((s) => s.loadInfo);
  const loadOverview = useOverviewStore((s) => s.load);
  const historySerial = useAppStore((s) => s.historySerial);

  useKeyboardShortcuts();
  useEffect(() => {
    void loadInfo();
    void loadOverview();
  }, [loadInfo, loadOverview]);
  // After an undo or redo the overview's counts may have changed; each page reloads its own view.
  useEffect(() => {
    if (historySerial > 0) void loadOverview();
  }, [historySerial, loadOverview]);

  // The desktop File menu's "Import a spreadsheet…" leaves the file with main and says so with this event.
  useEffect(() => {
    const onOffered = () => {
      if (useRouter.getState().route.page === 'imports') void useImportsStore.getState().startOffered();
      else useRouter.getState().go('imports'); // the Imports page takes the file as it opens
    };
    window.addEventListener(IMPORT_OFFERED_EVENT, onOffered);
    return () => window.removeEventListener(IMPORT_OFFERED_EVENT, onOffered);
  }, []);

  return (
    <div className={pane === null ? 'app' : pane === 'store' ? 'app has-pane has-stores-pane' : pane === 'batch' ? 'app has-pane has-batch-pane' : 'app has-pane'}>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <Sidebar />
      <main id="main" className="work" tabIndex={-1}>
        <Notifications />
        <CurrentPage page={route.page} />
      </main>
      <DetailPane />
      <StatusBar />
      <HistoryStatus />
      <FileDrop />
      <SearchPalette />
    </div>
  );
}

/** One component per page; each page owns its own folder under pages/. */
function CurrentPage({ page }: { page: PageId }) {
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'services':
      return <ServicesPage />;
    case 'budgets':
      return <BudgetsPage />;
    case 'evidence':
      return <EvidencePage />;
    case 'questions':
      return <QuestionsPage />;
    case 'imports':
      return <ImportsPage />;
    default:
      return <EmptyPage page={page} />;
  }
}
