import { useLayoutEffect } from 'react';

export const productName = 'Hearth';

/**
 * Sets the tab title to "<page> · Hearth" (WCAG 2.4.2 Page Titled). A layout effect, so that the
 * title changes in the same commit as the page it names: with a passive effect, a page that
 * replaces another (a redirect) could be on screen, and read out, under the old page's title.
 */
export function useDocumentTitle(page: string): void {
  useLayoutEffect(() => {
    document.title = `${page} · ${productName}`;
  }, [page]);
}
