import { useEffect, useRef, useState } from 'react';

interface Options {
  intervalMs: number;
  /**
   * Without keyboard, pointer or focus activity on the page for this long, refreshing pauses.
   * A page left open with nobody at it has no one to show news to, and every refresh is work
   * for the server; the first touch of the page resumes it. (The server does not count these
   * polls as activity, so they never hold an idle session open: docs/api.md.)
   */
  pauseAfterMs: number;
}

/**
 * Calls `refresh` every `intervalMs` while the page is visible and the person is about, and at
 * once when the window regains focus or the tab becomes visible. `refresh` should be stable.
 */
export function useLiveRefresh(refresh: () => void, { intervalMs, pauseAfterMs }: Options): { paused: boolean } {
  const [paused, setPaused] = useState(false);
  const lastInput = useRef(0);
  const pausedRef = useRef(false);

  useEffect(() => {
    lastInput.current = Date.now();
    const setPause = (value: boolean) => {
      pausedRef.current = value;
      setPaused(value);
    };
    const onInput = () => {
      lastInput.current = Date.now();
      if (pausedRef.current) {
        setPause(false);
        refresh();
      }
    };
    const onReturn = () => {
      if (document.visibilityState !== 'visible') return;
      lastInput.current = Date.now();
      setPause(false);
      refresh();
    };
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      if (Date.now() - lastInput.current > pauseAfterMs) {
        if (!pausedRef.current) setPause(true);
        return;
      }
      refresh();
    }, intervalMs);
    const inputs = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const name of inputs) window.addEventListener(name, onInput, { passive: true });
    window.addEventListener('focus', onReturn);
    document.addEventListener('visibilitychange', onReturn);
    return () => {
      clearInterval(timer);
      for (const name of inputs) window.removeEventListener(name, onInput);
      window.removeEventListener('focus', onReturn);
      document.removeEventListener('visibilitychange', onReturn);
    };
  }, [refresh, intervalMs, pauseAfterMs]);

  return { paused };
}
