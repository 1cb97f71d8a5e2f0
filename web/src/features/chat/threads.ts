/**
 * Threads as the room's list shows them (docs/protocol/realtime.md, "Threads, reactions and
 * mentions"): a reply appears in the room like any message, with a line saying what it answers.
 */
import type { ChatMessage } from './chat';
import { plainText } from './messageFormat';

/** How many words of a thread's first message the line above a reply quotes. */
const previewWords = 8;

/**
 * The words of a message as one short line: its first `previewWords` words without formatting,
 * "…" when there were more.
 */
export function firstWords(text: string, words = previewWords): string {
  const all = plainText(text).split(/\s+/).filter((word) => word !== '');
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}

/**
 * The line above a reply in the room's list: "Replied to Blake T.: How is everyone doing…", or,
 * when the first message is not loaded here (or has nothing to quote), less.
 */
export function rootPreview(root: ChatMessage | undefined): string {
  if (!root) return 'Replied in a thread';
  if (root.deleted) return 'Replied to a deleted message';
  const words = firstWords(root.text);
  return words === '' ? `Replied to ${root.authorName}` : `Replied to ${root.authorName}: ${words}`;
}
