// The page's one h1. It takes focus after a navigation (not on first load, so
// the skip link stays the first thing Tab reaches) and names the window.
import { useEffect, useRef } from 'react';
import { useRouter } from '../state/router.ts';
import { sectionHeadingId } from './Section.tsx';

export function PageTitle({ title, documentTitle }: { title: string; documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const navigations = useRouter((s) => s.navigations);
  const section = useRouter((s) => s.route.section);

  useEffect(() => {
    document.title = `${documentTitle ?? title} – Scrutiny Desk`;
  }, [title, documentTitle]);

  useEffect(() => {
    if (navigations === 0 && section === null) return;
    const target = section !== null ? document.getElementById(sectionHeadingId(section)) : null;
    if (target !== null) {
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: 'start' });
    } else if (navigations > 0) {
      ref.current?.focus({ preventScroll: true });
      window.scrollTo({ top: 0 });
    }
  }, [navigations, section]);

  return (
    <h1 id="page-title" ref={ref} tabIndex={-1}>
      {title}
    </h1>
  );
}
