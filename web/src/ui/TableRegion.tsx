import type { ReactNode } from 'react';

/**
 * The scrolling frame of a wide table: a region named by the table's caption and a tab stop, so keyboard users
 * can scroll it (WCAG 2.1.1; axe "scrollable-region-focusable"). Every table of the app sits in one.
 */
export function TableRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be keyboard-reachable (WCAG 2.1.1)
    <div className="table-wrap" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
