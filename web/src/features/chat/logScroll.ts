import { useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import type { RoomView } from './chatStore';

/**
 * Where a room's message log is scrolled to. New messages keep the newest in view unless the
 * reader scrolled up to read. Loading earlier messages at the top keeps one's place: the message
 * that was first before the load stays where it was on screen, however much arrives above it (or
 * below it, from others, meanwhile). The browser measures; the arithmetic is in the functions
 * below, which are tested on their own (jsdom has no layout).
 */
export function useLogScroll({
  roomId,
  view,
  pendingCount,
  load,
}: {
  roomId: string;
  view: RoomView | undefined;
  /** One's own messages still on their way, shown after the others. */
  pendingCount: number;
  load: () => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  // The message that was first, where it was, and whether the button had focus (for after).
  const kept = useRef<{ element: HTMLElement; offset: number; focused: boolean } | null>(null);
  // The room's oldest message number when the load was asked for: what came after is new.
  const [from, setFrom] = useState<{ roomId: string; seq: number } | null>(null);
  const messages = view?.messages ?? [];
  const oldest = messages[0]?.seq ?? 0;
  const newest = messages.at(-1)?.seq ?? 0;
  const loading = view?.loadingOlder === true;

  useLayoutEffect(() => {
    const box = scroller.current;
    if (box && atBottom.current) box.scrollTop = box.scrollHeight;
  }, [newest, pendingCount]);

  // Before paint, so the jump is never seen.
  useLayoutEffect(() => {
    const place = kept.current;
    const box = scroller.current;
    if (!place || !box || loading) return;
    kept.current = null;
    if (!place.element.isConnected) return;
    box.scrollTop = restoredScrollTop(box.scrollTop, place.offset, offsetIn(box, place.element));
    // With the start of the room in, the button is gone and focus with it. Reading from the button
    // went on to the first message, so focus goes there and a screen reader carries on from the
    // same place. (tabIndex -1: it takes focus from here but stays out of the tab order.)
    const first = list.current?.firstElementChild;
    if (place.focused && !box.contains(document.activeElement) && first instanceof HTMLElement) {
      first.tabIndex = -1;
      first.focus({ preventScroll: true });
    }
  }, [oldest, loading]);

  const onScroll = (event: UIEvent<HTMLElement>) => {
    const box = event.currentTarget;
    atBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  };

  const loadEarlier = (button: HTMLElement) => {
    if (loading) return;
    const box = scroller.current;
    const first = list.current?.firstElementChild;
    kept.current =
      box && first instanceof HTMLElement
        ? { element: first, offset: offsetIn(box, first), focused: document.activeElement === button }
        : null;
    setFrom({ roomId, seq: oldest });
    load();
  };

  const announcement =
    from?.roomId === roomId && !loading && !view?.loadError
      ? earlierLoadedText(messages.filter((message) => message.seq < from.seq).length, view?.hasMore === true)
      : '';
  return { scroller, list, onScroll, loadEarlier, announcement };
}

/** Where `element` sits from the top of the scrolling box's visible area, in pixels. */
export function offsetIn(scroller: Element, element: Element): number {
  return element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
}

/**
 * The scroll position that puts the kept message back where it was: it moved down by what was
 * added above it, so the box scrolls down by as much.
 */
export function restoredScrollTop(scrollTop: number, offsetBefore: number, offsetAfter: number): number {
  return Math.max(0, scrollTop + offsetAfter - offsetBefore);
}

/** What a screen reader hears once a page of earlier messages is in (the list is not live). */
export function earlierLoadedText(count: number, hasMore: boolean): string {
  const loaded =
    count === 0 ? 'No earlier messages.' : count === 1 ? 'Loaded 1 earlier message.' : `Loaded ${count} earlier messages.`;
  return hasMore ? loaded : `${loaded} This is the start of the conversation.`;
}
