import { useEffect, useRef } from 'react';

/**
 * Focus for a screen that replaces another within the page (device check → waiting room → room):
 * its heading takes focus when it appears, so keyboard and screen-reader users land on it rather
 * than on the body. Not on the first screen, where the shell's page heading already has focus.
 */
export function useFocusOnMount<E extends HTMLElement>(enabled: boolean) {
  const element = useRef<E>(null);
  const wanted = useRef(enabled);
  useEffect(() => {
    if (wanted.current) element.current?.focus();
  }, []);
  return element;
}
