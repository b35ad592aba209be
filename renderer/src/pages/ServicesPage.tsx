// The services page. Until it is built it shows the honest empty state.
import { EmptyPage } from './EmptyPage.tsx';

export function ServicesPage() {
  return <EmptyPage page="services" />;
}
