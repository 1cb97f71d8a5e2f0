import { useEffect } from 'react';

export const productName = 'Hearth';

/** Sets the tab title to "<page> · Hearth" (WCAG 2.4.2 Page Titled). */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · ${productName}`;
  }, [page]);
}
