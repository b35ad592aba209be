// The questions page. Until it is built it shows the honest empty state.
import { EmptyPage } from './EmptyPage.tsx';

export function QuestionsPage() {
  return <EmptyPage page="questions" />;
}
