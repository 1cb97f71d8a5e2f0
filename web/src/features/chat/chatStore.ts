import { RealtimeError, type RealtimeConnection, type ServerFrame } from '../../base/realtime/connection';
import {
  decodeAlert,
  decodeMessage,
  decodePeople,
  decodePresence,
  isPresenceStatus,
  decodeResources,
  decodeRoom,
  decodeVersions,
  newClientMessageId,
  type ChatMessage,
  type ChatRoom,
  type PresenceStatus,
  type MessageVersion,
  type HideReason,
  type Person,
} from './chat';
import type { ChatSnapshot, Outgoing, RoomView, SearchPage, SendOptions } from './chatSnapshot';
import { parseMentioned, withMention } from './mentions';
import { MuteClock, unmuted, withoutRoom } from './muteClock';
import type { ReactionCode } from './reactions';
import { refusalText } from './refusals';

export type { ChatSnapshot, Outgoing, RoomView, SearchPage, SendOptions } from './chatSnapshot';

/** How long "… is typing" stays after each `typing_started` (docs/protocol/realtime.md). */
export const typingShownMs = 5_000;
/** While someone goes on typing, `typing` is sent at most this often. */
export const typingEveryMs = 3_000;
/** The server relays at most one `typing` per person and room in this time. */
const typingRelayMs = 2_000;
/** How many results a page of search asks for. */
export const searchPage = 20;

/** How many messages a page of history asks for. */
export const historyPage = 50;
/** Resume rounds after a reconnect: each brings at most 100 missed messages a room. */
const maxResumeRounds = 20;

const emptyView: RoomView = {
  messages: [],
  loaded: false,
  hasMore: false,
  loadingOlder: false,
  loadError: null,
  lastChangeSeq: 0,
};

/**
 * Everything the chat shows, kept for this tab. It lists the rooms when the connection opens (which
 * subscribes it to them), loads a room's history when a panel opens it, and merges live
 * `message_posted` events by number, so a message heard both live and replayed appears once. After a
 * reconnect to a fresh stream it lists the rooms again and asks the server for what the open rooms
 * missed (`resume`); after one that continued the stream (RealtimeConnection.resumed) the server
 * already replayed the missed frames and kept the subscriptions, so it reads nothing again. Either
 * way it sends again the messages that had no acknowledgement, under their first client id, so
 * none is stored twice.
 */
export class ChatStore {
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private arrivals = 0;
  /** When `typing` last went out, by room, and how long until it may go again. */
  private readonly typingSent = new Map<string, { at: number; wait: number }>();
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The status the person's use of this tab calls for, and the one this connection last told. */
  private presenceWanted: 'online' | 'away' = 'online';
  private presenceTold: 'online' | 'away' = 'online';
  /** Messages this tab is hiding: the ack brings the moderator's copy, so none is fetched for them. */
  private readonly hiding = new Set<string>();
  /**
   * The rooms and open rooms are as the stream's events left them: set when a catch-up finishes,
   * cleared when one starts or a re-list fails. A resumed stream skips the catch-up only then, since
   * a request the drop cut off (its answer given up) may have left something unread.
   */
  private caughtUp = false;
  private readonly mutes = new MuteClock((roomIds) => {
    if (this.snapshot.rooms) this.update({ rooms: unmuted(this.snapshot.rooms, roomIds) });
  });

  constructor(
    private readonly connection: RealtimeConnection,
    private readonly userId: string,
  ) {
    this.snapshot = {
      status: connection.status,
      rooms: null,
      views: {},
      outgoing: [],
      crisis: null,
      alerts: [],
      arrival: null,
      presence: {},
      typing: {},
      removed: [],
    };
    // For the connection's life: a new sign-in makes a new connection and a new store.
    connection.onStatus((status) => {
      this.update({ status });
      if (status === 'open') {
        // A new connection starts out online (the protocol's rule), and so does a resumed one.
        this.presenceTold = 'online';
        if (connection.resumed && this.caughtUp) {
          // The server replayed what the drop missed and kept the subscriptions: nothing to re-read.
          this.tellPresence();
          this.resendWaiting();
        } else {
          void this.catchUp();
        }
      } else {
        // Nothing is heard while away from the server: whoever was typing is not known to be.
        this.clearTyping();
      }
    });
    connection.onFrame((frame) => {
      this.receive(frame);
    });
  }

  getSnapshot = (): ChatSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Loads the newest page of the room once; later messages arrive live. */
  async openRoom(roomId: string): Promise<void> {
    const view = this.snapshot.views[roomId];
    if (view?.loaded || this.snapshot.status !== 'open') return;
    await this.loadPage(roomId, 0);
  }

  async loadOlder(roomId: string): Promise<void> {
    const view = this.snapshot.views[roomId];
    if (!view?.loaded || !view.hasMore || view.loadingOlder) return;
    await this.loadPage(roomId, view.messages[0]?.seq ?? 0);
  }

  send(roomId: string, text: string, options: SendOptions = {}): void {
    // The message is what they were typing; the next keystrokes start a new one, told as soon as
    // the server would relay it (it drops a second `typing` within 2 s of the last).
    const sent = this.typingSent.get(roomId);
    if (sent) this.typingSent.set(roomId, { at: sent.at, wait: typingRelayMs });
    const outgoing: Outgoing = {
      clientMessageId: newClientMessageId(),
      roomId,
      text,
      files: options.files ?? [],
      state: 'sending',
      problem: null,
      threadRootId: options.threadRootId ?? null,
      mentions: options.mentions ?? [],
    };
    this.update({ outgoing: [...this.snapshot.outgoing, outgoing] });
    void this.deliver(outgoing.clientMessageId);
  }

  /** Sends a refused message again, under the same id. */
  retry(clientMessageId: string): void {
    void this.deliver(clientMessageId);
  }

  discard(clientMessageId: string): void {
    this.update({ outgoing: this.snapshot.outgoing.filter((o) => o.clientMessageId !== clientMessageId) });
  }

  dismissCrisis(): void {
    this.update({ crisis: null });
  }

  dismissAlert(alertId: string): void {
    this.update({ alerts: this.snapshot.alerts.filter((alert) => alert.id !== alertId) });
  }

  /**
   * The person is typing in a room: `typing` goes out at once, then at most every 3 s while they
   * go on (the server relays one every 2 s at most and the others show it for 5 s after each).
   */
  noteTyping(roomId: string): void {
    const now = Date.now();
    const sent = this.typingSent.get(roomId);
    if (sent !== undefined && now - sent.at < sent.wait) return;
    if (this.connection.notify('typing', { room_id: roomId })) this.typingSent.set(roomId, { at: now, wait: typingEveryMs });
  }

  /** The tab is in use (online) or hidden or idle (away); told to the server only when it changes. */
  setPresence(status: 'online' | 'away'): void {
    this.presenceWanted = status;
    this.tellPresence();
  }

  private tellPresence(): void {
    if (this.snapshot.status !== 'open' || this.presenceWanted === this.presenceTold) return;
    const status = this.presenceWanted;
    this.presenceTold = status;
    this.connection.request('presence.set', { status }).catch(() => {
      // Not told after all (rate limit, drop): the next change, or the reconnect, tells it.
      if (this.presenceTold === status) this.presenceTold = status === 'away' ? 'online' : 'away';
    });
  }

  /**
   * One page of the messages of one's rooms (or of `roomId`) holding every word of `query`, newest
   * first; rejects with a RealtimeError. The query goes only to the server, over the socket: never
   * into an address or a log here.
   */
  async search(query: string, options: { roomId?: string; cursor?: string } = {}): Promise<SearchPage> {
    const ack = await this.connection.request('search', {
      query,
      limit: searchPage,
      ...(options.roomId ? { room_id: options.roomId } : {}),
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    const messages = Array.isArray(ack.messages) ? ack.messages.flatMap((m) => decodeMessage(m) ?? []) : [];
    const nextCursor = typeof ack.next_cursor === 'string' && ack.next_cursor !== '' ? ack.next_cursor : null;
    return { messages, nextCursor };
  }

  /** The people one may write to privately. */
  async reachable(): Promise<Person[]> {
    const ack = await this.connection.request('people.reachable');
    return decodePeople(ack.people);
  }

  /** Opens (or finds) the private conversation with these people; rejects with a RealtimeError. */
  async startConversation(userIds: string[]): Promise<ChatRoom> {
    const ack = await this.connection.request('private.start', { user_ids: userIds });
    const room = decodeRoom(ack.room);
    if (!room) throw new RealtimeError('internal', 'the server answered without a room');
    this.addRoom(room);
    this.mergePresence([room], ack.presence);
    return room;
  }

  /**
   * Replaces the text of one's own message (and, when given, the people it names); resolves with
   * why not, or null when done.
   */
  editMessage(roomId: string, messageId: string, text: string, mentions?: readonly string[]): Promise<string | null> {
    return this.changeMessage('message.edit', {
      room_id: roomId,
      message_id: messageId,
      text,
      ...(mentions === undefined ? {} : { mentions }),
    });
  }

  /** Adds one's reaction to a message, or takes it back; resolves with why not, or null. */
  react(roomId: string, messageId: string, reaction: ReactionCode, add: boolean): Promise<string | null> {
    return this.changeMessage(add ? 'reaction.add' : 'reaction.remove', { room_id: roomId, message_id: messageId, reaction });
  }

  /** Deletes a message (one's own, or any as a moderator); resolves with why not, or null. */
  deleteMessage(roomId: string, messageId: string): Promise<string | null> {
    return this.changeMessage('message.delete', { room_id: roomId, message_id: messageId });
  }

  /**
   * Hides a message from the room (moderators), with a reason and an optional note for the other
   * moderators; resolves with why not, or null.
   */
  async hideMessage(roomId: string, messageId: string, reason: HideReason, note: string): Promise<string | null> {
    const trimmed = note.trim();
    this.hiding.add(messageId);
    try {
      return await this.changeMessage('message.hide', {
        room_id: roomId,
        message_id: messageId,
        reason,
        ...(trimmed === '' ? {} : { note: trimmed }),
      });
    } finally {
      this.hiding.delete(messageId);
    }
  }

  /** Shows a hidden message to the room again (moderators); resolves with why not, or null. */
  unhideMessage(roomId: string, messageId: string): Promise<string | null> {
    return this.changeMessage('message.unhide', { room_id: roomId, message_id: messageId });
  }

  /** A message's earlier versions, for moderators. */
  async versions(roomId: string, messageId: string): Promise<MessageVersion[]> {
    const ack = await this.connection.request('message.versions', { room_id: roomId, message_id: messageId });
    return decodeVersions(ack.versions);
  }

  private async changeMessage(type: string, fields: Record<string, unknown>): Promise<string | null> {
    try {
      const ack = await this.connection.request(type, fields);
      const message = decodeMessage(ack.message);
      if (message) this.applyChange(message);
      return null;
    } catch (cause) {
      const error = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
      if (error.code === 'muted') void this.relist();
      return refusalText(error);
    }
  }

  /** Marks the room read up to its newest message, if it is not already. */
  async markRead(roomId: string): Promise<void> {
    const room = this.snapshot.rooms?.find((r) => r.id === roomId);
    if (!room || room.lastReadSeq >= room.lastSeq || this.snapshot.status !== 'open') return;
    const seq = room.lastSeq;
    this.setReadPosition(roomId, seq);
    try {
      const ack = await this.connection.request('read.mark', { room_id: roomId, seq });
      if (typeof ack.last_read_seq === 'number') this.setReadPosition(roomId, ack.last_read_seq);
    } catch {
      // Kept locally; the next mark or the next rooms.list puts it right.
    }
  }

  private async deliver(clientMessageId: string): Promise<void> {
    const outgoing = this.snapshot.outgoing.find((o) => o.clientMessageId === clientMessageId);
    if (!outgoing) return;
    if (this.snapshot.status !== 'open') {
      this.setOutgoing(clientMessageId, { state: 'waiting', problem: null });
      return;
    }
    this.setOutgoing(clientMessageId, { state: 'sending', problem: null });
    try {
      const ack = await this.connection.request('message.send', {
        room_id: outgoing.roomId,
        client_message_id: clientMessageId,
        text: outgoing.text,
        ...(outgoing.files.length > 0 ? { file_ids: outgoing.files.map((file) => file.id) } : {}),
        ...(outgoing.threadRootId === null ? {} : { thread_root_id: outgoing.threadRootId }),
        ...(outgoing.mentions.length === 0 ? {} : { mentions: outgoing.mentions }),
      });
      const message = decodeMessage(ack.message);
      if (message) this.addMessage(message);
      this.discard(clientMessageId);
    } catch (cause) {
      const error = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
      if (error.code === 'offline' || error.code === 'timeout') {
        // Sent again after the reconnect, under the same id: stored once whatever happened.
        this.setOutgoing(clientMessageId, { state: 'waiting', problem: null });
      } else {
        this.setOutgoing(clientMessageId, { state: 'failed', problem: refusalText(error) });
        // Muted without this tab having heard of it (say, while it was away): rooms.list says until when.
        if (error.code === 'muted') void this.relist();
      }
    }
  }

  private async catchUp(): Promise<void> {
    this.caughtUp = false;
    try {
      const rooms = await this.listRooms();
      this.tellPresence();
      const open = Object.keys(this.snapshot.views).filter(
        (roomId) => this.snapshot.views[roomId]?.loaded && rooms.some((r) => r.id === roomId),
      );
      let missed = this.positions(open, 'messages');
      let changes = this.positions(open, 'changes');
      for (let round = 0; round < maxResumeRounds && (Object.keys(missed).length > 0 || Object.keys(changes).length > 0); round += 1) {
        const done = await this.connection.request('resume', { rooms: missed, changes });
        missed = this.positions(idsIn(done.more), 'messages');
        changes = this.positions(idsIn(done.more_changes), 'changes');
      }
    } catch {
      // The connection dropped again; the next open starts over.
      return;
    }
    this.caughtUp = true;
    this.resendWaiting();
  }

  /** Sends again, under their first ids, the messages a drop left without an answer. */
  private resendWaiting(): void {
    for (const outgoing of this.snapshot.outgoing) {
      if (outgoing.state === 'waiting') void this.deliver(outgoing.clientMessageId);
    }
  }

  /** Asks for one's rooms (which subscribes this connection to them) and takes them as they are now. */
  private async listRooms(): Promise<ChatRoom[]> {
    const listed = await this.connection.request('rooms.list');
    const rooms = Array.isArray(listed.rooms) ? listed.rooms.flatMap((r) => decodeRoom(r) ?? []) : [];
    this.update({ rooms, presence: {}, removed: this.snapshot.removed.filter((gone) => !rooms.some((r) => r.id === gone.id)) });
    this.mergePresence(rooms, listed.presence);
    this.followMutes();
    return rooms;
  }

  /** Lists the rooms again outside a reconnect: after a restore, or a `muted` this tab had not heard of. */
  private async relist(): Promise<void> {
    try {
      await this.listRooms();
    } catch {
      // Not now; the next open lists them, resumed or not.
      this.caughtUp = false;
    }
  }

  /** For each room, the last message number (or change number) this tab has. */
  private positions(roomIds: string[], of: 'messages' | 'changes'): Record<string, number> {
    return Object.fromEntries(
      roomIds.map((id) => {
        const view = this.snapshot.views[id];
        return [id, of === 'messages' ? (view?.messages.at(-1)?.seq ?? 0) : (view?.lastChangeSeq ?? 0)];
      }),
    );
  }

  private async loadPage(roomId: string, beforeSeq: number): Promise<void> {
    this.setView(roomId, { loadingOlder: beforeSeq > 0, loadError: null });
    try {
      const page = await this.connection.request('history', {
        room_id: roomId,
        limit: historyPage,
        ...(beforeSeq > 0 ? { before_seq: beforeSeq } : {}),
      });
      const messages = Array.isArray(page.messages) ? page.messages.flatMap((m) => decodeMessage(m) ?? []) : [];
      const view = this.snapshot.views[roomId] ?? emptyView;
      this.setView(roomId, {
        messages: merged(view.messages, messages),
        loaded: true,
        hasMore: page.has_more === true,
        loadingOlder: false,
        ...(typeof page.last_change_seq === 'number'
          ? { lastChangeSeq: Math.max(view.lastChangeSeq, page.last_change_seq) }
          : {}),
      });
    } catch (cause) {
      const error = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
      this.setView(roomId, { loadingOlder: false, loadError: refusalText(error) });
    }
  }

  private receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message_posted': {
        const message = decodeMessage(frame.message);
        if (!message) return;
        this.stopTyping(message.roomId, message.authorId);
        this.addMessage(message);
        if (message.authorId !== this.userId) {
          this.arrivals += 1;
          this.update({ arrival: { message, count: this.arrivals } });
        }
        return;
      }
      case 'message_changed': {
        const message = decodeMessage(frame.message);
        if (!message) return;
        const shown = this.isShown(message);
        this.applyChange(message);
        if (shown && this.mayReadHidden(message)) void this.fetchOwnView(message);
        return;
      }
      case 'mentioned': {
        const mentioned = parseMentioned(frame);
        const rooms = mentioned && this.snapshot.rooms ? withMention(this.snapshot.rooms, mentioned) : null;
        if (rooms) this.update({ rooms });
        return;
      }
      case 'read_moved':
        if (typeof frame.room_id !== 'string' || typeof frame.last_read_seq !== 'number') return;
        if (frame.user_id === undefined || frame.user_id === this.userId) {
          this.setReadPosition(frame.room_id, frame.last_read_seq);
        } else if (typeof frame.user_id === 'string') {
          this.setMemberRead(frame.room_id, frame.user_id, frame.last_read_seq);
        }
        return;
      case 'room_added': {
        const room = decodeRoom(frame.room);
        if (room) {
          this.addRoom(room);
          this.mergePresence([room], frame.presence);
        }
        return;
      }
      case 'typing_started':
        if (typeof frame.room_id === 'string' && typeof frame.user_id === 'string' && frame.user_id !== this.userId) {
          this.startTyping(frame.room_id, frame.user_id);
        }
        return;
      case 'presence_changed':
        if (typeof frame.user_id !== 'string' || !isPresenceStatus(frame.status)) return;
        if (frame.status === 'offline') {
          for (const roomId of Object.keys(this.snapshot.typing)) this.stopTyping(roomId, frame.user_id);
        }
        this.update({ presence: { ...this.snapshot.presence, [frame.user_id]: frame.status } });
        return;
      case 'crisis_resources_offered':
        if (typeof frame.message_id === 'string') {
          this.update({ crisis: { messageId: frame.message_id, resources: decodeResources(frame.resources) } });
        }
        return;
      case 'safety_alert_raised': {
        const alert = decodeAlert(frame.alert);
        if (alert) this.update({ alerts: [alert, ...this.snapshot.alerts] });
        return;
      }
      case 'member_restricted':
        if (typeof frame.room_id !== 'string') return;
        if (frame.kind === 'removed') this.leaveRoom(frame.room_id);
        else if (frame.kind === 'muted' && typeof frame.until === 'string') this.setMutedUntil(frame.room_id, frame.until);
        return;
      case 'member_restored':
        if (typeof frame.room_id !== 'string') return;
        this.setMutedUntil(frame.room_id, null);
        // After a removal the room is one's own again, but only rooms.list subscribes this connection to it.
        void this.relist();
        return;
      case 'safety_alert_acknowledged':
        // Someone on the care team has it in hand: every banner for it clears.
        if (typeof frame.alert_id === 'string') this.dismissAlert(frame.alert_id);
        return;
      default:
    }
  }

  private addMessage(message: ChatMessage): void {
    const rooms = this.snapshot.rooms?.map((room) => {
      if (room.id !== message.roomId) return room;
      const lastSeq = Math.max(room.lastSeq, message.seq);
      const lastReadSeq = message.authorId === this.userId ? Math.max(room.lastReadSeq, message.seq) : room.lastReadSeq;
      return { ...room, lastSeq, lastReadSeq };
    });
    const view = this.snapshot.views[message.roomId];
    const views = view?.loaded
      ? { ...this.snapshot.views, [message.roomId]: { ...view, messages: merged(view.messages, [message]) } }
      : this.snapshot.views;
    // Heard live before its ack: the pending copy goes.
    const outgoing =
      message.authorId === this.userId
        ? this.snapshot.outgoing.filter((o) => o.clientMessageId !== message.clientMessageId || o.roomId !== message.roomId)
        : this.snapshot.outgoing;
    this.update({ rooms: rooms ?? null, views, outgoing });
  }

  /** An edited or deleted message: replaces the copy shown, and moves the room's change number. */
  private applyChange(message: ChatMessage): void {
    const view = this.snapshot.views[message.roomId];
    if (!view?.loaded) return;
    this.setView(message.roomId, {
      messages: view.messages.some((m) => m.seq === message.seq) ? merged(view.messages, [message]) : view.messages,
      lastChangeSeq: Math.max(view.lastChangeSeq, message.changeSeq),
    });
  }

  private isShown(message: ChatMessage): boolean {
    const view = this.snapshot.views[message.roomId];
    return view?.loaded === true && view.messages.some((m) => m.seq === message.seq);
  }

  /**
   * A room event carries a hidden message as everyone else reads it, without its text
   * (docs/protocol/realtime.md, "Hidden messages"); its author and the room's moderators may read
   * more, which only `message.get` answers them.
   */
  private mayReadHidden(message: ChatMessage): boolean {
    if (message.hiddenReason === null || message.deleted || message.text !== '' || this.hiding.has(message.id)) return false;
    if (message.authorId === this.userId) return true;
    return this.snapshot.rooms?.some((room) => room.id === message.roomId && room.canModerate) === true;
  }

  private async fetchOwnView(placeholder: ChatMessage): Promise<void> {
    try {
      const ack = await this.connection.request('message.get', { room_id: placeholder.roomId, message_id: placeholder.id });
      const message = decodeMessage(ack.message);
      // By change number, as any copy: a reply that an unhide or a deletion overtook changes nothing.
      if (message) this.applyChange(message);
    } catch {
      // The placeholder stays; the next history page or reload brings the full copy.
    }
  }

  /**
   * Adds the statuses of a frame that subscribed this connection to `rooms`. Its map names everyone
   * present there; a private room's member it leaves out is offline (the protocol's rule). Of a
   * group's or program's room the people are not listed here, so of them only those named are known.
   */
  private mergePresence(rooms: readonly ChatRoom[], value: unknown): void {
    const named = decodePresence(value);
    const presence: Record<string, PresenceStatus> = { ...this.snapshot.presence };
    for (const room of rooms) {
      for (const member of room.members) presence[member.id] = 'offline';
    }
    this.update({ presence: { ...presence, ...named } });
  }

  private startTyping(roomId: string, userId: string): void {
    const key = `${roomId}\n${userId}`;
    const running = this.typingTimers.get(key);
    if (running !== undefined) clearTimeout(running);
    this.typingTimers.set(
      key,
      setTimeout(() => {
        this.stopTyping(roomId, userId);
      }, typingShownMs),
    );
    const typists = this.snapshot.typing[roomId] ?? [];
    if (!typists.includes(userId)) this.update({ typing: { ...this.snapshot.typing, [roomId]: [...typists, userId] } });
  }

  private stopTyping(roomId: string, userId: string): void {
    const key = `${roomId}\n${userId}`;
    const running = this.typingTimers.get(key);
    if (running !== undefined) clearTimeout(running);
    this.typingTimers.delete(key);
    const typists = this.snapshot.typing[roomId];
    if (!typists?.includes(userId)) return;
    const left = typists.filter((id) => id !== userId);
    const others = Object.entries(this.snapshot.typing).filter(([id]) => id !== roomId);
    this.update({ typing: Object.fromEntries(left.length > 0 ? [...others, [roomId, left]] : others) });
  }

  private clearTyping(): void {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
    if (Object.keys(this.snapshot.typing).length > 0) this.update({ typing: {} });
  }

  private addRoom(room: ChatRoom): void {
    const rooms = this.snapshot.rooms ?? [];
    this.update({
      rooms: rooms.some((r) => r.id === room.id) ? rooms.map((r) => (r.id === room.id ? room : r)) : [...rooms, room],
    });
    this.followMutes();
  }

  private leaveRoom(roomId: string): void {
    const change = withoutRoom(this.snapshot, roomId);
    if (change) this.update(change);
    this.followMutes();
  }

  private setMutedUntil(roomId: string, until: string | null): void {
    const rooms = this.snapshot.rooms?.map((room) => (room.id === roomId ? { ...room, mutedUntil: until } : room));
    if (rooms) this.update({ rooms });
    this.followMutes();
  }

  private followMutes(): void {
    this.mutes.follow(this.snapshot.rooms ?? []);
  }

  private setMemberRead(roomId: string, userId: string, seq: number): void {
    const rooms = this.snapshot.rooms?.map((room) =>
      room.id === roomId
        ? {
            ...room,
            members: room.members.map((m) => (m.id === userId && seq > m.lastReadSeq ? { ...m, lastReadSeq: seq } : m)),
          }
        : room,
    );
    if (rooms) this.update({ rooms });
  }

  private setReadPosition(roomId: string, seq: number): void {
    // Read to the newest message, one has read every message that named one too.
    const rooms = this.snapshot.rooms?.map((room) =>
      room.id === roomId && seq > room.lastReadSeq
        ? { ...room, lastReadSeq: Math.min(seq, room.lastSeq), mentions: seq >= room.lastSeq ? 0 : room.mentions }
        : room,
    );
    if (rooms) this.update({ rooms });
  }

  private setView(roomId: string, change: Partial<RoomView>): void {
    const view = this.snapshot.views[roomId] ?? emptyView;
    this.update({ views: { ...this.snapshot.views, [roomId]: { ...view, ...change } } });
  }

  private setOutgoing(clientMessageId: string, change: Partial<Outgoing>): void {
    this.update({
      outgoing: this.snapshot.outgoing.map((o) => (o.clientMessageId === clientMessageId ? { ...o, ...change } : o)),
    });
  }

  private update(change: Partial<ChatSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * `current` and `incoming` by number, each once, oldest first. Of two copies of one message the
 * later-changed wins, so a history page read just before an edit cannot undo it.
 */
function merged(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  for (const message of [...current, ...incoming]) {
    const known = bySeq.get(message.seq);
    if (!known || message.changeSeq >= known.changeSeq) bySeq.set(message.seq, message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function idsIn(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}
