import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

/**
 * After a refused submit, focus the first field marked invalid (WCAG 3.3.1: the person lands on
 * the problem and hears its message, which the field's aria-describedby carries), or the form's
 * alert when no field is to blame. Call the returned function after setting the errors; the
 * focus moves once they are on screen.
 */
export function useFocusFirstError<T extends HTMLElement>(): [RefObject<T | null>, () => void] {
  const container = useRef<T>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    const target =
      container.current?.querySelector<HTMLElement>(
        '[aria-invalid="true"], .field--invalid input, .field--invalid select, .field--invalid textarea',
      ) ??
      container.current?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [attempt]);
  const focusError = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  return [container, focusError];
}
