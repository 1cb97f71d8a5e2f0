/**
 * The client-side idle clock. The server ends a session after `idle_timeout_seconds` without
 * activity (docs/api.md, "Session cookie"); the app warns before that happens (WCAG 2.2
 * SC 2.2.1 Timing Adjustable, SC 2.2.6 Timeouts) and offers to extend it.
 */

/** How long before the deadline the warning appears: a minute, or half of a short time-out. */
export function warningLeadMs(idleTimeoutSeconds: number): number {
  const timeoutMs = idleTimeoutSeconds * 1000;
  return idleTimeoutSeconds <= 120 ? timeoutMs / 2 : 60_000;
}

/**
 * The deadline on this browser's clock for a server deadline, given the estimated difference
 * between the server's clock and ours (`skewMs`, server minus local). It never lies further
 * ahead than one whole time-out, whatever the clocks say.
 */
export function localDeadline(idleExpiresAt: string, idleTimeoutSeconds: number, skewMs: number, now: number): number {
  const serverDeadline = Date.parse(idleExpiresAt);
  const latest = now + idleTimeoutSeconds * 1000;
  if (Number.isNaN(serverDeadline)) return latest;
  return Math.min(serverDeadline - skewMs, latest);
}

/**
 * Server minus local clock, from an answer to a request the server counted as activity: right
 * after it, the server's deadline is its own "now" plus one whole time-out.
 */
export function estimateSkew(idleExpiresAt: string, idleTimeoutSeconds: number, now: number): number {
  const serverDeadline = Date.parse(idleExpiresAt);
  if (Number.isNaN(serverDeadline)) return 0;
  const skew = serverDeadline - idleTimeoutSeconds * 1000 - now;
  // The server moves the deadline at most every 5 s (server/src/domain/identity/session_service.cpp,
  // kTouchEveryMs), so an answer may carry a deadline a few seconds old: that is not skew.
  return Math.abs(skew) < skewThresholdMs ? 0 : skew;
}

/** Clock differences below this are taken as none (see {@link estimateSkew}). */
export const skewThresholdMs = 10_000;

/** "1 minute 5 seconds", "45 seconds": time left, for people and screen readers alike. */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (seconds > 0 || minutes === 0) parts.push(`${seconds} ${seconds === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}
