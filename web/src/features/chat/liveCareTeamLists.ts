import { useCallback, useEffect, useRef, useState } from 'react';
import { useResource } from '../../base/http/useResource';
import { asApiError, type ApiError, type HttpClient } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import type { ServerFrame } from '../../base/realtime/connection';
import { useRealtimeEvents } from './useRealtimeEvents';

export type OpenListState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; items: T[] };

export type ListFilter = 'open' | 'all';

/** What a care-team list (safety alerts, chat reports) needs to know of its kind of item. */
export interface LiveListKind<T extends { id: string }, E> {
  /** The open items, or all of them, newest first. */
  fetch: (client: HttpClient, filter: ListFilter, signal: AbortSignal) => Promise<T[]>;
  /** The list's event in a frame of the real-time connection, or null. */
  eventOf: (frame: ServerFrame) => E | null;
  /** The new item an event brings, or null for an event that settles one. */
  arrived: (event: E) => T | null;
  /** Whether a settling event takes this item off the open list. */
  settles: (event: E, item: T) => boolean;
  /** The list after the event. */
  apply: (items: readonly T[], event: E, filter: ListFilter) => T[];
  /** A re-read list with the items heard since it was asked for, newest first. */
  mergeReread: (reread: T[], heardSinceRequest: T[]) => T[];
}

const loadingState = { status: 'loading' } as const;

/**
 * The signed-in member of the care team's open items of one kind, for the whole app (the
 * navigation's count and the kind's page share them): read once when signed in, then kept by the
 * live events; read again after a reconnect (events may have been missed) and after a new item (its
 * event carries fewer names than the list does). `kind` should be a module-level object.
 */
export function useLiveOpenList<T extends { id: string }, E>(kind: LiveListKind<T, E>, userId: string | null) {
  const client = useHttpClient();
  // Tagged with whose list it is, so a new sign-in in this tab never sees the last person's.
  const [listed, setListed] = useState<{ userId: string | null; open: OpenListState<T> }>({
    userId: null,
    open: loadingState,
  });
  const enabled = userId !== null;
  const userRef = useRef(userId);
  useEffect(() => {
    userRef.current = userId;
  }, [userId]);
  const setOpen = useCallback((change: (current: OpenListState<T>) => OpenListState<T>) => {
    setListed((current) => {
      const mine = current.userId === userRef.current ? current.open : loadingState;
      return { userId: userRef.current, open: change(mine) };
    });
  }, []);
  const open: OpenListState<T> = listed.userId === userId ? listed.open : loadingState;
  // Items heard live, with the number of the read that was current when each arrived, so that a
  // read answered after them does not drop them (its answer may predate them).
  const heardLive = useRef<{ item: T; afterRead: number }[]>([]);
  const reads = useRef(0);
  const controller = useRef<AbortController | null>(null);

  const read = useCallback(
    (showLoading: boolean) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const readNumber = ++reads.current;
      if (showLoading) setOpen(() => loadingState);
      kind.fetch(client, 'open', abort.signal).then(
        (items) => {
          if (abort.signal.aborted) return;
          heardLive.current = heardLive.current.filter((heard) => heard.afterRead >= readNumber);
          const since = heardLive.current.map((heard) => heard.item);
          setOpen(() => ({ status: 'ready', items: kind.mergeReread(items, since) }));
        },
        (cause: unknown) => {
          if (abort.signal.aborted) return;
          // A failed re-read keeps the list on screen; only a first load shows the error.
          setOpen((current) => (current.status === 'ready' ? current : { status: 'error', error: asApiError(cause) }));
        },
      );
    },
    [client, kind, setOpen],
  );

  useEffect(() => {
    if (!enabled) return;
    heardLive.current = [];
    read(false);
    return () => {
      controller.current?.abort();
    };
  }, [enabled, userId, read]);

  /** Applies an event to the open list: one heard live, or this tab's own answer. */
  const apply = useCallback(
    (event: E) => {
      const item = kind.arrived(event);
      if (item) heardLive.current.push({ item, afterRead: reads.current });
      else heardLive.current = heardLive.current.filter((heard) => !kind.settles(event, heard.item));
      setOpen((current) => (current.status === 'ready' ? { status: 'ready', items: kind.apply(current.items, event, 'open') } : current));
    },
    [kind, setOpen],
  );

  useRealtimeEvents(
    kind.eventOf,
    (event) => {
      if (!enabled) return;
      apply(event);
      if (kind.arrived(event)) read(false);
    },
    () => {
      if (enabled) read(false);
    },
  );

  const retry = useCallback(() => {
    read(true);
  }, [read]);

  return { enabled, open, retry, apply };
}

/**
 * Every item of a kind, decided or not, read for one view only: live events are applied on top
 * of what was read (applying one twice changes nothing), and a new item's event reads the list
 * again for the names its event lacks. `record` applies this tab's own answers the same way.
 */
export function useLiveFullList<T extends { id: string }, E>(kind: LiveListKind<T, E>) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => kind.fetch(client, 'all', signal), [client, kind]);
  const { state, retry, reload } = useResource(load);
  const [events, setEvents] = useState<E[]>([]);
  const record = useCallback((event: E) => {
    setEvents((known) => [...known, event]);
  }, []);

  useRealtimeEvents(
    kind.eventOf,
    (event) => {
      record(event);
      if (kind.arrived(event)) reload();
    },
    reload,
  );

  const list: OpenListState<T> =
    state.status === 'ready'
      ? { status: 'ready', items: events.reduce((items, event) => kind.apply(items, event, 'all'), state.data) }
      : state;
  return { list, retry, record };
}
