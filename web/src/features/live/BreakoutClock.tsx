import { useNow } from '../../base/ui/useNow';
import { breakoutMsLeft, countdownText, countdownWords } from './breakouts';
import type { RoomView } from './sessionState';

/**
 * The open breakout rooms' countdown, on the server's clock (`clockOffsetMs`, sessionState.ts),
 * redrawn every second. A timer is not read out as it ticks (role=timer is not live): what is
 * said aloud is the warning and any change of the end, from the state (changesToAnnounce).
 */
export function BreakoutClock({ view, clockOffsetMs }: { view: RoomView; clockOffsetMs: number }) {
  const now = useNow(1_000);
  const left = breakoutMsLeft(view, clockOffsetMs, now);
  if (left === null) return null;
  return (
    <p role="timer" className="live-clock">
      Time left: <strong aria-hidden="true">{countdownText(left)}</strong>
      <span className="visually-hidden">{countdownWords(left)}</span>
    </p>
  );
}
