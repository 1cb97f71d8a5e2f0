import type { ReactNode } from 'react';

/**
 * A table that may scroll sideways at large text sizes (WCAG 1.4.10 Reflow allows it for data
 * tables). The scrolling box is a named region in the Tab order, so keyboard users can scroll
 * it with the arrow keys even when the table holds no link or button (axe scrollable-region-focusable).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable (see above)
    <div className="table-wrap" role="region" aria-label={`${label} (table)`} tabIndex={0}>
      {children}
    </div>
  );
}
