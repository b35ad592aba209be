// The evidence page. Until it is built it shows the honest empty state.
import { EmptyPage } from './EmptyPage.tsx';

export function EvidencePage() {
  return <EmptyPage page="evidence" />;
}
