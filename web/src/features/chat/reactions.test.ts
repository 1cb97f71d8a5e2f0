import { describe, expect, it } from 'vitest';
import { decodeMessage } from './chat';
import { decodeReactions, hasReacted, reactionLabel, reactorNames, toggled, toggleRequest } from './reactions';

const me = 'u-me';

describe('reactions', () => {
  it('are decoded in the protocol’s order, each person once, unknown codes and empty ones left out', () => {
    expect(
      decodeReactions([
        { reaction: 'thanks', user_ids: ['a'] },
        { reaction: 'heart', user_ids: ['a', 'b', 'a', 7] },
        { reaction: 'thumbs_up', user_ids: ['a'] },
        { reaction: 'hug', user_ids: [] },
        'junk',
      ]),
    ).toEqual([
      { reaction: 'heart', userIds: ['a', 'b'] },
      { reaction: 'thanks', userIds: ['a'] },
    ]);
    expect(decodeReactions(undefined)).toEqual([]);
  });

  it('come with a message, with its thread and mentions', () => {
    const message = decodeMessage({
      id: 'm2',
      room_id: 'r',
      seq: 2,
      author_id: 'a',
      author_name: 'A',
      client_message_id: 'c',
      text: 'hi @B',
      created_at: '2026-11-24T10:00:00.000Z',
      thread_root_id: 'm1',
      reactions: [{ reaction: 'clap', user_ids: ['b'] }],
      mentions: ['b', 3],
    });
    expect(message).toMatchObject({
      threadRootId: 'm1',
      replyCount: 0,
      lastReplyAt: null,
      reactions: [{ reaction: 'clap', userIds: ['b'] }],
      mentions: ['b'],
    });
  });

  it('toggle: one’s own is taken back, another is added, and the order stays the protocol’s', () => {
    const given = [{ reaction: 'heart' as const, userIds: ['a', me] }];
    expect(hasReacted(given, 'heart', me)).toBe(true);
    expect(toggleRequest(given, 'heart', me)).toBe('reaction.remove');
    expect(toggleRequest(given, 'hug', me)).toBe('reaction.add');
    expect(toggled(given, 'heart', me)).toEqual([{ reaction: 'heart', userIds: ['a'] }]);
    expect(toggled([{ reaction: 'heart', userIds: [me] }], 'heart', me)).toEqual([]);
    expect(toggled([{ reaction: 'thanks', userIds: ['a'] }], 'heart', me)).toEqual([
      { reaction: 'heart', userIds: [me] },
      { reaction: 'thanks', userIds: ['a'] },
    ]);
    expect(toggled(given, 'heart', 'a')).toEqual([{ reaction: 'heart', userIds: [me] }]);
  });

  it('are labelled in words, saying whether one is among them', () => {
    expect(reactionLabel({ reaction: 'heart', userIds: ['a', 'b', me] }, me)).toBe('Love, 3 people, including you');
    expect(reactionLabel({ reaction: 'sunflower', userIds: ['a'] }, me)).toBe('Hope, 1 person');
    expect(reactionLabel({ reaction: 'thanks', userIds: [me] }, me)).toBe('Thank you, you');
    expect(reactionLabel({ reaction: 'clap', userIds: ['a', 'b'] }, me)).toBe('Applause, 2 people');
  });

  it('name who gave them where the names are known', () => {
    const names: Record<string, string> = { a: 'Blake T.', b: 'Dr. Priya Shah' };
    const nameOf = (id: string) => names[id] ?? null;
    expect(reactorNames(['a', 'b', me], me, nameOf)).toBe('Blake T., Dr. Priya Shah and you');
    expect(reactorNames(['a', 'x', 'y'], me, nameOf)).toBe('Blake T. and 2 others');
    expect(reactorNames(['x'], me, nameOf)).toBe('someone');
    expect(reactorNames(['x', 'y', me], me, nameOf)).toBe('2 people and you');
    expect(reactorNames([me], me, nameOf)).toBe('you');
  });
});
