import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { awayWhenHiddenMs, awayWhenIdleMs, watchPresence } from './presenceActivity';

describe('watchPresence', () => {
  let visibility: DocumentVisibilityState;
  let reports: string[];
  let stop: () => void;

  const setVisibility = (state: DocumentVisibilityState) => {
    visibility = state;
    document.dispatchEvent(new Event('visibilitychange'));
  };

  beforeEach(() => {
    vi.useFakeTimers();
    visibility = 'visible';
    vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
    reports = [];
    stop = watchPresence((status) => reports.push(status));
  });
  afterEach(() => {
    stop();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('reports away after 5 minutes untouched, and online at the next key or pointer', async () => {
    await vi.advanceTimersByTimeAsync(awayWhenIdleMs - 1);
    expect(reports).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(reports).toEqual(['away']);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    window.dispatchEvent(new Event('pointermove'));
    expect(reports).toEqual(['away', 'online']);
  });

  it('keeps online while touched, without reporting anything', async () => {
    for (let minute = 0; minute < 12; minute += 1) {
      await vi.advanceTimersByTimeAsync(60_000);
      window.dispatchEvent(new Event('pointerdown'));
    }
    expect(reports).toEqual([]);
  });

  it('reports away after a minute hidden, not at a glance away, and online when shown again', async () => {
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(10_000);
    setVisibility('visible');
    expect(reports).toEqual([]);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(awayWhenHiddenMs);
    expect(reports).toEqual(['away']);
    setVisibility('visible');
    expect(reports).toEqual(['away', 'online']);
  });

  it('stops listening when stopped', async () => {
    stop();
    await vi.advanceTimersByTimeAsync(awayWhenIdleMs * 2);
    expect(reports).toEqual([]);
  });
});
