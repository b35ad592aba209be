// The budgets page. Until it is built it shows the honest empty state.
import { EmptyPage } from './EmptyPage.tsx';

export function BudgetsPage() {
  return <EmptyPage page="budgets" />;
}
