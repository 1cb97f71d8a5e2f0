import { act, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLiveRefresh } from './useLiveRefresh';

describe('useLiveRefresh', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes on every tick while the person is about, pauses when they are away, resumes on input', () => {
    const refresh = vi.fn();
    const { result } = renderHook(() => useLiveRefresh(refresh, { intervalMs: 15_000, pauseAfterMs: 60_000 }));
    act(() => {
      vi.advanceTimersByTime(45_000);
    });
    expect(refresh).toHaveBeenCalledTimes(3);
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    // 60 s and 75 s: the 75 s tick is past the pause, so it does not ask the server.
    expect(refresh).toHaveBeenCalledTimes(4);
    expect(result.current.paused).toBe(true);
    act(() => {
      vi.advanceTimersByTime(120_000);
    });
    expect(refresh).toHaveBeenCalledTimes(4);

    act(() => {
      fireEvent.keyDown(window, { key: 'Tab' });
    });
    expect(result.current.paused).toBe(false);
    expect(refresh).toHaveBeenCalledTimes(5);
  });

  it('refreshes at once when the window regains focus', () => {
    const refresh = vi.fn();
    renderHook(() => useLiveRefresh(refresh, { intervalMs: 15_000, pauseAfterMs: 60_000 }));
    act(() => {
      fireEvent.focus(window);
    });
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
