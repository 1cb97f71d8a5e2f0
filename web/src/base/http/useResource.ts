import { useCallback, useEffect, useState } from 'react';
import { asApiError, type ApiError } from './client';

export type ResourceState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/**
 * Loads a resource when the component mounts and again on `retry()` (which shows the loading
 * state) or `reload()` (which keeps showing the current data until the new data arrives, so
 * the controls a person is using stay in place). The request is aborted
 * when the component unmounts or a newer attempt starts, so a late answer never overwrites a
 * newer one. `load` must be stable (a module function or a useCallback).
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>): {
  state: ResourceState<T>;
  retry: () => void;
  reload: () => void;
} {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: asApiError(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [load, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry, reload };
}
