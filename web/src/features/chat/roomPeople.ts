import { useEffect, useSyncExternalStore } from 'react';
import type { RealtimeConnection } from '../../base/realtime/connection';
import { decodePeople, type Person } from './chat';
import { useChat, useRealtimeConnection } from './ChatContext';

/**
 * Each room's people as `room.people` names them (pseudonyms where chosen), asked for once per
 * room and connection and kept: for the `@` suggestions, for showing which names in a message are
 * mentions, and for who gave a reaction. A failed request is asked again the next time it is wanted.
 */
export class RoomPeople {
  private readonly people = new Map<string, Person[]>();
  private readonly asking = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly connection: RealtimeConnection) {}

  get(roomId: string): Person[] | null {
    return this.people.get(roomId) ?? null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  load(roomId: string): void {
    if (this.people.has(roomId) || this.asking.has(roomId) || this.connection.status !== 'open') return;
    this.asking.add(roomId);
    this.connection.request('room.people', { room_id: roomId }).then(
      (ack) => {
        this.asking.delete(roomId);
        this.people.set(roomId, decodePeople(ack.people));
        for (const listener of [...this.listeners]) listener();
      },
      () => {
        // Not now (a drop, a rate limit): asked again when next wanted.
        this.asking.delete(roomId);
      },
    );
  }
}

const caches = new WeakMap<RealtimeConnection, RoomPeople>();

function roomPeopleOf(connection: RealtimeConnection): RoomPeople {
  let cache = caches.get(connection);
  if (!cache) {
    cache = new RoomPeople(connection);
    caches.set(connection, cache);
  }
  return cache;
}

const noSubscription = () => () => undefined;

/**
 * The room's people, or null until they are known; asked for only once `wanted` (a message that
 * names someone or has reactions, or an `@` typed), so a room with neither costs no request.
 */
export function useRoomPeople(roomId: string, wanted: boolean): Person[] | null {
  const connection = useRealtimeConnection();
  const status = useChat()?.status;
  const cache = connection ? roomPeopleOf(connection) : null;
  const people = useSyncExternalStore(cache?.subscribe ?? noSubscription, () => cache?.get(roomId) ?? null);
  useEffect(() => {
    if (wanted && status === 'open') cache?.load(roomId);
  }, [cache, roomId, wanted, status]);
  return people;
}
