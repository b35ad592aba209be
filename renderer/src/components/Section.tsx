// A titled section of a page. Its heading can take focus, so a link such as
// "#/overview/budget" lands the reader (and a screen reader) on it.
import type { ReactNode } from 'react';

export function sectionHeadingId(id: string): string {
  return `section-${id}`;
}

export function Section({ id, title, intro, children, className }: { id: string; title: ReactNode; intro?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`section ${className ?? ''}`} aria-labelledby={sectionHeadingId(id)}>
      <h2 id={sectionHeadingId(id)} tabIndex={-1}>
        {title}
      </h2>
      {intro !== undefined && <p className="section-intro">{intro}</p>}
      {children}
    </section>
  );
}
