/**
 * Reactions to chat messages (docs/protocol/realtime.md, "Threads, reactions and mentions"): a
 * small set of supportive ones, not a picker of every emoji, as suits a therapy group. Each has
 * words as well as its emoji, since a screen reader's name for an emoji ("flexed biceps") is not
 * what the group means by it ("strength").
 */

export const reactionCodes = ['heart', 'hug', 'strength', 'clap', 'sunflower', 'thanks'] as const;

export type ReactionCode = (typeof reactionCodes)[number];

/** One reaction of a message and who gave it. */
export interface MessageReaction {
  reaction: ReactionCode;
  userIds: string[];
}

/** The reactions in the protocol's order, each with its emoji and the words that name it. */
export const reactionKinds: readonly { code: ReactionCode; emoji: string; label: string }[] = [
  { code: 'heart', emoji: '❤️', label: 'Love' },
  { code: 'hug', emoji: '🤗', label: 'Hug' },
  { code: 'strength', emoji: '💪', label: 'Strength' },
  { code: 'clap', emoji: '👏', label: 'Applause' },
  { code: 'sunflower', emoji: '🌻', label: 'Hope' },
  { code: 'thanks', emoji: '🙏', label: 'Thank you' },
];

export function isReactionCode(value: unknown): value is ReactionCode {
  return typeof value === 'string' && (reactionCodes as readonly string[]).includes(value);
}

/**
 * A message's `reactions`: known codes with at least one person, each person once, in the
 * protocol's order whatever order they came in. A code this app does not know is left out.
 */
export function decodeReactions(value: unknown): MessageReaction[] {
  if (!Array.isArray(value)) return [];
  const byCode = new Map<ReactionCode, string[]>();
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const { reaction, user_ids: userIds } = item as Record<string, unknown>;
    if (!isReactionCode(reaction) || !Array.isArray(userIds)) continue;
    const ids = [...new Set(userIds.filter((id): id is string => typeof id === 'string' && id !== ''))];
    if (ids.length > 0) byCode.set(reaction, ids);
  }
  return reactionCodes.flatMap((code) => {
    const userIds = byCode.get(code);
    return userIds ? [{ reaction: code, userIds }] : [];
  });
}

export function hasReacted(reactions: readonly MessageReaction[], code: ReactionCode, userId: string): boolean {
  return reactions.some((r) => r.reaction === code && r.userIds.includes(userId));
}

/** What clicking a reaction asks of the server: take it back if it is one's own, else add it. */
export function toggleRequest(
  reactions: readonly MessageReaction[],
  code: ReactionCode,
  userId: string,
): 'reaction.add' | 'reaction.remove' {
  return hasReacted(reactions, code, userId) ? 'reaction.remove' : 'reaction.add';
}

/**
 * The reactions as they will be once the server has the toggle: shown at once, so a click answers
 * without waiting for the round trip; the server's copy replaces it when it comes.
 */
export function toggled(reactions: readonly MessageReaction[], code: ReactionCode, userId: string): MessageReaction[] {
  const adding = !hasReacted(reactions, code, userId);
  const found = reactions.some((r) => r.reaction === code);
  const next = found
    ? reactions.map((r) =>
        r.reaction !== code ? r : { reaction: code, userIds: adding ? [...r.userIds, userId] : r.userIds.filter((id) => id !== userId) },
      )
    : [...reactions, { reaction: code, userIds: [userId] }];
  return reactionCodes.flatMap((c) => next.filter((r) => r.reaction === c && r.userIds.length > 0));
}

/** "Love, 3 people, including you"; "Hug, 1 person". */
export function reactionLabel(reaction: MessageReaction, userId: string): string {
  const label = reactionKinds.find((kind) => kind.code === reaction.reaction)?.label ?? reaction.reaction;
  const count = reaction.userIds.length;
  const people = count === 1 ? '1 person' : `${count} people`;
  const mine = reaction.userIds.includes(userId);
  if (mine && count === 1) return `${label}, you`;
  return mine ? `${label}, ${people}, including you` : `${label}, ${people}`;
}

/**
 * Who gave a reaction, for its tooltip: "Blake T., Dr. Priya Shah and you"; people whose names
 * are not known here are counted ("Blake T. and 2 others").
 */
export function reactorNames(userIds: readonly string[], userId: string, nameOf: (id: string) => string | null): string {
  const names: string[] = [];
  let unknown = 0;
  for (const id of userIds) {
    if (id === userId) continue;
    const name = nameOf(id);
    if (name === null) unknown += 1;
    else names.push(name);
  }
  if (unknown > 0) {
    const others = names.length === 0 ? (unknown === 1 ? 'someone' : `${unknown} people`) : unknown === 1 ? '1 other' : `${unknown} others`;
    names.push(others);
  }
  if (userIds.includes(userId)) names.push('you');
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}
