import { describe, expect, it } from 'vitest';
import { decodeMessage, type ChatMessage } from './chat';
import { firstWords, rootPreview } from './threads';

function root(text: string, extra: Record<string, unknown> = {}): ChatMessage {
  const message = decodeMessage({
    id: 'm1',
    room_id: 'r',
    seq: 1,
    author_id: 'a',
    author_name: 'Blake T.',
    client_message_id: 'c',
    text,
    created_at: '2026-11-24T10:00:00.000Z',
    ...extra,
  });
  if (!message) throw new Error('bad message');
  return message;
}

describe('the line above a reply', () => {
  it('quotes the first words of the thread’s first message, without its marks', () => {
    expect(firstWords('**How** is _everyone_ doing tonight after the long week we had')).toBe(
      'How is everyone doing tonight after the long…',
    );
    expect(rootPreview(root('How is everyone?'))).toBe('Replied to Blake T.: How is everyone?');
  });

  it('says less when the first message is not here, deleted or hidden', () => {
    expect(rootPreview(undefined)).toBe('Replied in a thread');
    expect(rootPreview(root('', { deleted: true }))).toBe('Replied to a deleted message');
    expect(rootPreview(root('', { hidden: true, hidden_reason: 'spam' }))).toBe('Replied to Blake T.');
  });
});
