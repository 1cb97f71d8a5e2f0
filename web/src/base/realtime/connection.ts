/**
 * The one WebSocket a tab keeps to the server (docs/protocol/realtime.md): it opens the socket,
 * answers each request's promise from the `ack` or `error` that carries its id, hands every
 * other frame to the listeners, and reconnects after a drop with a growing, jittered delay.
 * Close code 4001 means the session ended: it does not reconnect (signing in again will).
 *
 * A drop need not lose the stream. The server numbers every event of a connection (`event_seq`
 * 1, 2, 3 …, from `hello`; answers carry none) and names the connection in `hello`
 * (`connection_id`). The next socket asks to go on with it (`?resume=<id>&after=<last seq
 * handled>`): a server that still keeps it sends again each frame after that number, then a
 * `hello` with `resumed: true`, and the numbering goes on. Those replayed frames come before the
 * `hello` and reach the listeners like any others (they are what the tab missed); `resumed` tells
 * the status listeners, when they hear `open`, that nothing needs re-reading. A server that
 * cannot starts a new connection (`hello` first, `event_seq` 1, `resumed: false`): the
 * listeners re-read their state, as after any fresh open. Here, a frame numbered at or below the
 * last one handled is a duplicate and is dropped; one that skips a number means frames were lost,
 * which the protocol rules out: the socket is closed and the id forgotten, so the reconnect
 * starts a fresh connection and the listeners re-read. An `ack` or `error` for a request already
 * given up (failed as `offline` at the drop, or timed out) is dropped too: its caller has moved on.
 * Frames without `event_seq` (answers, and everything from a server before numbering) are handled
 * as they come.
 *
 * Framework-free so it can be tested with a fake socket; React reaches it through
 * features/chat/ChatContext.
 */

/** The part of the browser's WebSocket this uses; tests pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'stopped';

/** A frame from the server, parsed: `type` and whatever fields it has. */
export type ServerFrame = { type: string } & Record<string, unknown>;

/** A refused request: the server's `error` code and message, or `offline` / `timeout` here. */
export class RealtimeError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(code: string, message: string, field?: string, retryAfterMs?: number) {
    super(message);
    this.name = 'RealtimeError';
    this.code = code;
    this.field = field;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The close code of a connection whose session ended (docs/protocol/realtime.md). */
export const sessionEndedCode = 4001;
/** The first wait before reconnecting; it doubles on each failure up to `maxReconnectDelayMs`. */
export const firstReconnectDelayMs = 500;
export const maxReconnectDelayMs = 15_000;
/** How long a request waits for its answer before it is given up as `timeout`. */
export const requestTimeoutMs = 15_000;

export interface ConnectionOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Jitter source in [0, 1); fixed in tests. */
  random?: () => number;
}

interface Pending {
  resolve: (frame: ServerFrame) => void;
  reject: (error: RealtimeError) => void;
  timer: ReturnType<typeof setTimeout>;
}

type FrameListener = (frame: ServerFrame) => void;
type StatusListener = (status: ConnectionStatus) => void;

/** The delay before reconnect attempt `attempt` (0-based): doubling, capped, with ±25% jitter. */
export function reconnectDelay(attempt: number, random: () => number): number {
  const base = Math.min(maxReconnectDelayMs, firstReconnectDelayMs * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.75 + random() * 0.5));
}

export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private statusNow: ConnectionStatus = 'stopped';
  private attempts = 0;
  private nextId = 1;
  /** The server's name for the stream and the last frame number handled; null: start a fresh one. */
  private connectionId: string | null = null;
  private lastSeq = 0;
  private continuedStream = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly frameListeners = new Set<FrameListener>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;

  constructor(private readonly options: ConnectionOptions) {
    this.createSocket = options.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.random = options.random ?? Math.random;
  }

  get status(): ConnectionStatus {
    return this.statusNow;
  }

  /**
   * True while the socket open now continued the previous one's stream (the server replayed what
   * was missed and kept the room subscriptions); false on the first open and on any fresh one,
   * after which state must be read again. Set before the status listeners hear `open`.
   */
  get resumed(): boolean {
    return this.continuedStream;
  }

  start(): void {
    if (this.statusNow !== 'stopped' && this.statusNow !== 'ended') return;
    this.attempts = 0;
    this.open('connecting');
  }

  /**
   * Closes for good (signing out, leaving the app); pending requests fail as `offline`. The stream
   * is forgotten: a new start (a new sign-in) begins a fresh one.
   */
  stop(): void {
    this.clearRetry();
    this.forgetStream();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'leaving');
    }
    this.failPending('offline', 'the connection was closed');
    this.setStatus('stopped');
  }

  /** Reconnects now instead of waiting for the timer (say, the browser came back online). */
  retryNow(): void {
    if (this.statusNow !== 'reconnecting') return;
    this.clearRetry();
    this.open('reconnecting');
  }

  onFrame(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Sends a request and resolves with its `ack`; rejects with the server's `error`, or with
   * `offline` when the socket is not open or closes first (the request may or may not have run:
   * callers resend only what is safe to resend), or `timeout`.
   */
  request(type: string, fields: Record<string, unknown> = {}): Promise<ServerFrame> {
    const socket = this.socket;
    if (this.statusNow !== 'open' || socket === null) {
      return Promise.reject(new RealtimeError('offline', 'not connected'));
    }
    const id = this.nextId++;
    return new Promise<ServerFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new RealtimeError('timeout', 'the server did not answer in time'));
      }, requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      socket.send(JSON.stringify({ ...fields, type, id }));
    });
  }

  /**
   * Sends a request without an id, for which no answer is wanted (`typing`): nothing waits for it,
   * and an `error` the server may send back reaches the frame listeners. False when not connected.
   */
  notify(type: string, fields: Record<string, unknown> = {}): boolean {
    const socket = this.socket;
    if (this.statusNow !== 'open' || socket === null) return false;
    socket.send(JSON.stringify({ ...fields, type }));
    return true;
  }

  private open(status: ConnectionStatus): void {
    this.setStatus(status);
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.streamUrl());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(socket, event.data);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.continuedStream = false;
      this.failPending('offline', 'the connection dropped');
      if (event.code === sessionEndedCode) {
        this.forgetStream();
        this.setStatus('ended');
        return;
      }
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting is decided there.
    };
  }

  /** The base address, asking to continue the stream when there is one to continue. */
  private streamUrl(): string {
    if (this.connectionId === null) return this.options.url;
    const separator = this.options.url.includes('?') ? '&' : '?';
    return `${this.options.url}${separator}resume=${encodeURIComponent(this.connectionId)}&after=${this.lastSeq}`;
  }

  private receive(socket: SocketLike, data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      const parsed: unknown = JSON.parse(data);
      if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { type?: unknown }).type !== 'string') {
        return;
      }
      frame = parsed as ServerFrame;
    } catch {
      return;
    }
    if (!this.followsStream(socket, frame)) return;
    if (frame.type === 'hello') {
      // The server speaks first once the socket is ours: only now is it open for requests.
      this.attempts = 0;
      this.setStatus('open');
    }
    if ((frame.type === 'ack' || frame.type === 'error') && typeof frame.id === 'number') {
      const waiting = this.pending.get(frame.id);
      if (waiting) {
        this.pending.delete(frame.id);
        clearTimeout(waiting.timer);
        if (frame.type === 'ack') waiting.resolve(frame);
        else waiting.reject(errorOf(frame));
        return;
      }
      // Ids only grow: a lower one not waiting was given up (a drop, a time-out); its late answer is of no use.
      if (frame.id < this.nextId) return;
    }
    for (const listener of [...this.frameListeners]) listener(frame);
  }

  /**
   * Keeps count of the stream's frames: true for a frame to handle, false for a duplicate (a
   * frame heard before the drop and replayed) or after a gap, which closes this socket.
   */
  private followsStream(socket: SocketLike, frame: ServerFrame): boolean {
    const seq = frame.event_seq;
    const numbered = typeof seq === 'number';
    if (frame.type === 'hello') {
      const continued =
        numbered && frame.resumed === true && this.connectionId !== null && frame.connection_id === this.connectionId;
      if (continued && seq !== this.lastSeq + 1) {
        this.abandonStream(socket);
        return false;
      }
      this.continuedStream = continued;
      if (!continued) {
        const id = frame.connection_id;
        this.connectionId = numbered && typeof id === 'string' && id !== '' ? id : null;
      }
      this.lastSeq = numbered ? seq : 0;
      return true;
    }
    if (!numbered) return true;
    if (seq <= this.lastSeq) return false;
    if (seq > this.lastSeq + 1) {
      this.abandonStream(socket);
      return false;
    }
    this.lastSeq = seq;
    return true;
  }

  /**
   * Frames went missing, which the server's replay rules out: whatever they changed is unknown.
   * The socket closes, and the reconnect asks for a fresh stream, after which the listeners re-read.
   */
  private abandonStream(socket: SocketLike): void {
    this.forgetStream();
    this.socket = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.close(1000, 'frames missing');
    this.failPending('offline', 'the connection dropped');
    this.scheduleReconnect();
  }

  private forgetStream(): void {
    this.connectionId = null;
    this.lastSeq = 0;
    this.continuedStream = false;
  }

  private scheduleReconnect(): void {
    this.setStatus('reconnecting');
    const delay = reconnectDelay(this.attempts, this.random);
    this.attempts += 1;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open('reconnecting');
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private failPending(code: string, message: string): void {
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new RealtimeError(code, message));
    }
    this.pending.clear();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.statusNow === status) return;
    this.statusNow = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

function errorOf(frame: ServerFrame): RealtimeError {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return new RealtimeError(
    text(frame.code) ?? 'internal',
    text(frame.message) ?? 'the request was refused',
    text(frame.field),
    typeof frame.retry_after_ms === 'number' ? frame.retry_after_ms : undefined,
  );
}

/** The socket's address on this page's own origin (the server checks Origin). */
export function realtimeUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/ws`;
}
