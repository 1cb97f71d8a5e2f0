import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * What a section's last action came to, said the way the app's sections say it: a message under
 * the section's heading, or a problem in an alert. Focus moves to whichever was said (the heading
 * for a message, the alert for a problem) each time, the same words twice included, so that a
 * screen reader reads the outcome and a keyboard user continues from there.
 *
 * Put `heading` on the section's heading (with tabIndex -1) and `alert` on its FormAlert.
 */
export function useOutcome<Problem = string>() {
  const heading = useRef<HTMLHeadingElement>(null);
  const alert = useRef<HTMLDivElement>(null);
  const [outcome, setOutcome] = useState<{ message: string | null; problem: Problem | null; said: number }>({
    message: null,
    problem: null,
    said: 0,
  });

  useEffect(() => {
    if (outcome.problem !== null) alert.current?.focus();
    else if (outcome.message !== null) heading.current?.focus();
  }, [outcome]);

  /** The action's outcome: a message, or a problem. */
  const say = useCallback((next: { message?: string; problem?: Problem }) => {
    setOutcome((last) => ({ message: next.message ?? null, problem: next.problem ?? null, said: last.said + 1 }));
  }, []);
  /** A new attempt: what was said about the last one is out of date. */
  const clear = useCallback(() => {
    setOutcome((last) => (last.message === null && last.problem === null ? last : { ...last, message: null, problem: null }));
  }, []);

  return { heading, alert, message: outcome.message, problem: outcome.problem, say, clear };
}
