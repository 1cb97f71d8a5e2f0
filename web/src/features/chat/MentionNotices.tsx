import { useState } from 'react';
import { useChat } from './ChatContext';
import { parseMentioned, totalMentions } from './mentions';
import { useRealtimeEvents } from './useRealtimeEvents';

/**
 * "Blake T. mentioned you in Evening group", read out politely wherever one is in the app when
 * someone names one in a message (`mentioned`: never the text, so neither is this).
 */
export function MentionAnnouncer() {
  const rooms = useChat()?.rooms;
  const [said, setSaid] = useState<{ text: string; count: number } | null>(null);
  useRealtimeEvents(parseMentioned, (mentioned) => {
    const room = rooms?.find((r) => r.id === mentioned.roomId);
    const text = `${mentioned.authorName} mentioned you${room ? ` in ${room.name}` : ''}`;
    setSaid((before) => ({ text, count: (before?.count ?? 0) + 1 }));
  });
  // A new node for each, so that the same words twice are read twice.
  return (
    <p className="visually-hidden" aria-live="polite" aria-atomic="true">
      {said && <span key={said.count}>{said.text}</span>}
    </p>
  );
}

/** "@2" beside a room or the navigation's Chat link: unread messages that name one. */
export function MentionBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="badge badge--mention">
      <span aria-hidden="true">@</span>
      {count > 99 ? '99+' : count}
      <span className="visually-hidden">{count === 1 ? ' mention of you' : ' mentions of you'}</span>
    </span>
  );
}

/** Unread messages naming one across one's rooms, for the navigation. */
export function useTotalMentions(): number {
  return totalMentions(useChat()?.rooms ?? []);
}
