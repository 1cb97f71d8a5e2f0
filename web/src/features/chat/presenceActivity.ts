/**
 * Whether the person is using this tab, for `presence.set` (docs/protocol/realtime.md, "Typing
 * and presence"): away once the tab has been hidden for a minute or untouched (no pointer, no
 * key) for 5 minutes, online again at the first touch or when the tab is shown. A minute rather
 * than at once when hidden, so that glancing at another tab does not tell the room each time
 * (and the server limits `presence.set` to one a second). Only changes are reported.
 */

export const awayWhenHiddenMs = 60_000;
export const awayWhenIdleMs = 5 * 60_000;
/** A stream of pointer moves re-arms the idle timer at most this often. */
const rearmEveryMs = 1_000;
const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function watchPresence(
  onChange: (status: 'online' | 'away') => void,
  { doc = document, win = window }: { doc?: Document; win?: Window } = {},
): () => void {
  let status: 'online' | 'away' = 'online';
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = -Infinity;

  const set = (next: 'online' | 'away') => {
    if (next === status) return;
    status = next;
    onChange(next);
  };
  const armIdle = () => {
    clearTimeout(idleTimer);
    armedAt = Date.now();
    idleTimer = setTimeout(() => {
      set('away');
    }, awayWhenIdleMs);
  };
  const activity = () => {
    if (doc.visibilityState === 'hidden') return;
    if (status === 'online' && Date.now() - armedAt < rearmEveryMs) return;
    set('online');
    armIdle();
  };
  const visibility = () => {
    clearTimeout(hiddenTimer);
    if (doc.visibilityState === 'hidden') {
      hiddenTimer = setTimeout(() => {
        set('away');
      }, awayWhenHiddenMs);
    } else {
      armedAt = -Infinity;
      activity();
    }
  };

  armIdle();
  if (doc.visibilityState === 'hidden') visibility();
  for (const type of activityEvents) win.addEventListener(type, activity, { passive: true, capture: true });
  doc.addEventListener('visibilitychange', visibility);
  return () => {
    clearTimeout(idleTimer);
    clearTimeout(hiddenTimer);
    for (const type of activityEvents) win.removeEventListener(type, activity, { capture: true });
    doc.removeEventListener('visibilitychange', visibility);
  };
}
