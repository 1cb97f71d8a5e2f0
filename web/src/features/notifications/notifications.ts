/** In-app notifications (docs/api.md, `/api/v1/me/notifications*`). */
import { noContent, type HttpClient } from '../../base/http/client';
import { array, boolean, integer, nullableString, object, string } from '../../base/http/decode';

export interface Notification {
  id: string;
  kind: string;
  text: string;
  occurrenceId: string | null;
  groupId: string | null;
  createdAt: string;
  read: boolean;
}

export function decodeNotification(value: unknown, where: string): Notification {
  const record = object(value, where);
  return {
    id: string(record, 'id', where),
    kind: string(record, 'kind', where),
    text: string(record, 'text', where),
    occurrenceId: nullableString(record, 'occurrence_id', where),
    groupId: nullableString(record, 'group_id', where),
    createdAt: string(record, 'created_at', where),
    read: boolean(record, 'read', where),
  };
}

export const unreadCountPath = '/api/v1/me/notifications/unread-count';

export function fetchUnreadCount(client: HttpClient, signal?: AbortSignal): Promise<number> {
  return client.getJson(unreadCountPath, (json) => integer(object(json, 'body'), 'unread', 'body'), signal);
}

export function fetchNotifications(
  client: HttpClient,
  limit: number,
  signal?: AbortSignal,
): Promise<{ notifications: Notification[]; unread: number }> {
  return client.getJson(
    `/api/v1/me/notifications?limit=${limit}`,
    (json) => {
      const record = object(json, 'body');
      const notifications = array(record, 'notifications', 'body', decodeNotification);
      // Newest first, whatever order arrives.
      notifications.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
      return { notifications, unread: integer(record, 'unread', 'body') };
    },
    signal,
  );
}

export function markRead(client: HttpClient, id: string): Promise<undefined> {
  return client.postJson(`/api/v1/me/notifications/${encodeURIComponent(id)}/read`, {}, noContent);
}

export function markAllRead(client: HttpClient): Promise<number> {
  return client.postJson('/api/v1/me/notifications/read-all', {}, (json) =>
    integer(object(json, 'body'), 'marked', 'body'),
  );
}

/** "Notifications, 3 unread", the button's accessible name. */
export function notificationsLabel(unread: number | null): string {
  if (unread === null || unread === 0) return unread === 0 ? 'Notifications, none unread' : 'Notifications';
  return `Notifications, ${unread} unread`;
}

/** What the live region says when more notifications arrive. */
export function arrivalAnnouncement(unread: number): string {
  return unread === 1 ? 'You have 1 unread notification.' : `You have ${unread} unread notifications.`;
}
