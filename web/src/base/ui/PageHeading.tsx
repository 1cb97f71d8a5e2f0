import type { ReactNode } from 'react';

/**
 * The page's one h1. It takes focus programmatically after a client-side navigation (see
 * AppShell), hence tabIndex -1: focusable by script, not a stop in the Tab order.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 className="page-heading" tabIndex={-1}>
      {children}
    </h1>
  );
}
