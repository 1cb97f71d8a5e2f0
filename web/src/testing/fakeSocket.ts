import type { SocketLike } from '../base/realtime/connection';

/**
 * A WebSocket stand-in for unit tests: it records what the app sends and lets the test play the
 * server (open, frames, close). Nothing leaves the process.
 */
export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  /** The `event_seq` the next frame gets; null: frames go unnumbered (a server before numbering). */
  private nextSeq: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  /** The socket opens; the server has not spoken yet (a resumed stream replays before its hello). */
  open(): void {
    if (this.readyState === 1) return;
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server accepts: open, then its hello (with `fields`: `connection_id`, `resumed`). */
  accept(userId = 'usr_me', fields: Record<string, unknown> = {}): void {
    this.open();
    this.frame({ type: 'hello', protocol: 1, server_version: 'test', user_id: userId, ...fields });
  }

  /** From now on each frame carries the next `event_seq`, from `first`, as the server numbers its stream. */
  numberFrom(first: number): this {
    this.nextSeq = first;
    return this;
  }

  /**
   * Sends `value`, numbered when numbering is on, `value` has no `event_seq` of its own and it is an
   * event: the server numbers no answer (`ack`, `error`, `pong`).
   */
  frame(value: Record<string, unknown>): void {
    const answer = value.type === 'ack' || value.type === 'error' || value.type === 'pong';
    const numbered =
      this.nextSeq !== null && value.event_seq === undefined && !answer ? { ...value, event_seq: this.nextSeq++ } : value;
    this.onmessage?.({ data: JSON.stringify(numbered) });
  }

  /** The server closes (or the network drops: 1006). */
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }

  /** The last request of `type` the app sent. */
  lastOf(type: string): Record<string, unknown> | undefined {
    return [...this.sent].reverse().find((frame) => frame.type === type);
  }

  /** Answers the last request of `type` with an ack carrying `fields`. */
  ack(type: string, fields: Record<string, unknown> = {}): void {
    const request = this.lastOf(type);
    if (!request) throw new Error(`no ${type} request was sent`);
    this.frame({ type: 'ack', id: request.id, ...fields });
  }

  /** Refuses the last request of `type` with an error. */
  refuse(type: string, code: string, extra: Record<string, unknown> = {}): void {
    const request = this.lastOf(type);
    if (!request) throw new Error(`no ${type} request was sent`);
    this.frame({ type: 'error', id: request.id, code, message: code, ...extra });
  }
}

/** A socket factory that keeps every socket it made, newest last. */
export function fakeSockets(): {
  create: (url: string) => SocketLike;
  made: FakeSocket[];
  /** The socket made `index`-th (negative: from the newest); throws when there is none. */
  at: (index: number) => FakeSocket;
} {
  const made: FakeSocket[] = [];
  return {
    made,
    at: (index) => {
      const socket = made.at(index);
      if (!socket) throw new Error(`no socket ${index} was made (${made.length} were)`);
      return socket;
    },
    create: (url) => {
      const socket = new FakeSocket(url);
      made.push(socket);
      return socket;
    },
  };
}
