/**
 * WebRTC stand-ins for unit tests (jsdom has none): tracks, streams and an RTCPeerConnection that
 * negotiates for real with another fake through whatever carries the signals. Its "SDP" is JSON
 * of the media lines (mid, kind, direction), enough for the rules the mesh depends on:
 * - an offer from `setLocalDescription()` gives every transceiver without a mid the next one;
 * - applying a remote offer takes up, by kind, a transceiver `addTrack` made that has no mid yet
 *   (JSEP §5.10), or makes a receive-only one; an answer's directions are the intersections;
 * - `ontrack` fires when a line starts carrying the other side's media to this one;
 * - `negotiationneeded` fires (in a task) when a transceiver is added or its direction
 *   changes while stable, and again on return to stable if something is still unsent;
 * - a remote offer while this side has one out rolls this side back (implicit rollback).
 */

let nextTrackId = 1;

export class FakeTrack {
  readonly id = `track-${nextTrackId++}`;
  enabled = true;
  readyState: 'live' | 'ended' = 'live';
  private readonly listeners = new Map<string, (() => void)[]>();
  constructor(
    readonly kind: 'audio' | 'video',
    readonly label: string = kind,
  ) {}
  stop(): void {
    this.readyState = 'ended';
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((l) => l !== listener),
    );
  }
  /** As the browser does when sharing ends from its own bar, say. */
  end(): void {
    this.readyState = 'ended';
    for (const listener of this.listeners.get('ended') ?? []) listener();
  }
}

export const asTrack = (track: FakeTrack) => track as unknown as MediaStreamTrack;

export class FakeStream {
  readonly id = `stream-${nextTrackId++}`;
  constructor(readonly tracks: FakeTrack[]) {}
  getTracks() {
    return this.tracks as unknown as MediaStreamTrack[];
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio') as unknown as MediaStreamTrack[];
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video') as unknown as MediaStreamTrack[];
  }
}

export const asStream = (stream: FakeStream) => stream as unknown as MediaStream;

type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
interface Line {
  mid: string;
  kind: 'audio' | 'video';
  direction: Direction;
}

const sends = (d: Direction) => d === 'sendrecv' || d === 'sendonly';
const receives = (d: Direction) => d === 'sendrecv' || d === 'recvonly';
const directionOf = (send: boolean, receive: boolean): Direction =>
  send && receive ? 'sendrecv' : send ? 'sendonly' : receive ? 'recvonly' : 'inactive';

class FakeSender {
  constructor(public track: FakeTrack | null) {}
  replaceTrack(track: FakeTrack | null): Promise<void> {
    this.track = track;
    return Promise.resolve();
  }
}

class FakeTransceiver {
  mid: string | null = null;
  currentDirection: Direction | null = null;
  /** Made by addTrack and not yet on a line: a remote offer of its kind takes it up. */
  fromAddTrack = false;
  /** The direction the last completed exchange settled; a change since needs negotiation. */
  settledDirection: Direction | null = null;
  /** The remote side sent on this line in the last exchange (ontrack fired). */
  receiving = false;
  readonly sender: FakeSender;
  readonly receiver: { track: FakeTrack };
  private directionNow: Direction;

  constructor(
    private readonly pc: FakePeerConnection,
    readonly kind: 'audio' | 'video',
    track: FakeTrack | null,
    direction: Direction,
  ) {
    this.sender = new FakeSender(track);
    this.receiver = { track: new FakeTrack(kind, `remote ${kind}`) };
    this.directionNow = direction;
  }

  get direction(): Direction {
    return this.directionNow;
  }

  set direction(value: Direction) {
    if (value === this.directionNow) return;
    this.directionNow = value;
    this.pc.markNegotiationNeeded();
  }
}

export class FakePeerConnection {
  /** Every fake made, oldest first. */
  static made: FakePeerConnection[] = [];

  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  onnegotiationneeded: (() => void) | null = null;
  onicecandidate: ((event: { candidate: RTCIceCandidate | null }) => void) | null = null;
  ontrack: ((event: { track: FakeTrack; transceiver: FakeTransceiver }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  closed = false;
  restarts = 0;
  readonly candidates: RTCIceCandidateInit[] = [];
  /** What getStats() answers. */
  stats: Record<string, unknown>[] = [];
  private readonly transceivers: FakeTransceiver[] = [];
  private nextMid = 0;
  /** Transceivers whose mid the outstanding local offer gave them. */
  private offeredMids: FakeTransceiver[] = [];
  private negotiationNeeded = false;
  private firePending = false;

  constructor(readonly configuration: RTCConfiguration) {
    FakePeerConnection.made.push(this);
  }

  static factory = (configuration: RTCConfiguration) =>
    new FakePeerConnection(configuration) as unknown as RTCPeerConnection;

  addTransceiver(trackOrKind: FakeTrack | 'audio' | 'video', init: { direction?: Direction } = {}): FakeTransceiver {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
    const transceiver = new FakeTransceiver(this, kind, track, init.direction ?? 'sendrecv');
    this.transceivers.push(transceiver);
    this.markNegotiationNeeded();
    return transceiver;
  }

  addTrack(track: FakeTrack): FakeSender {
    const reusable = this.transceivers.find(
      (t) => t.kind === track.kind && t.sender.track === null && !t.fromAddTrack && t.mid !== null && !sends(t.direction),
    );
    if (reusable) {
      reusable.sender.track = track;
      reusable.direction = 'sendrecv';
      return reusable.sender;
    }
    const transceiver = new FakeTransceiver(this, track.kind, track, 'sendrecv');
    transceiver.fromAddTrack = true;
    this.transceivers.push(transceiver);
    this.markNegotiationNeeded();
    return transceiver.sender;
  }

  getTransceivers(): FakeTransceiver[] {
    return [...this.transceivers];
  }

  setLocalDescription(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('closed'));
    if (this.signalingState === 'have-remote-offer') {
      const offer = JSON.parse(this.remoteDescription?.sdp ?? '[]') as Line[];
      const lines = offer.map((line) => {
        const transceiver = this.transceivers.find((t) => t.mid === line.mid);
        const mine = transceiver?.direction ?? 'inactive';
        return { ...line, direction: directionOf(sends(mine) && receives(line.direction), receives(mine) && sends(line.direction)) };
      });
      this.localDescription = { type: 'answer', sdp: JSON.stringify(lines) };
      for (const line of lines) this.settle(line.mid, line.direction);
      this.becomeStable();
      return Promise.resolve();
    }
    this.offeredMids = [];
    for (const transceiver of this.transceivers) {
      if (transceiver.mid === null) {
        transceiver.mid = String(this.nextMid++);
        this.offeredMids.push(transceiver);
      }
    }
    const lines: Line[] = this.transceivers.map((t) => ({ mid: t.mid ?? '', kind: t.kind, direction: t.direction }));
    this.localDescription = { type: 'offer', sdp: JSON.stringify(lines) };
    this.signalingState = 'have-local-offer';
    this.negotiationNeeded = false;
    return Promise.resolve();
  }

  setRemoteDescription(description: { type: RTCSdpType; sdp: string }): Promise<void> {
    if (this.closed) return Promise.reject(new Error('closed'));
    const lines = JSON.parse(description.sdp) as Line[];
    if (description.type === 'offer') {
      if (this.signalingState === 'have-local-offer') {
        // Implicit rollback: the lines this side's own offer opened are unassigned again.
        for (const transceiver of this.offeredMids) transceiver.mid = null;
        this.nextMid -= this.offeredMids.length;
        this.signalingState = 'stable';
      }
      this.offeredMids = [];
      for (const line of lines) {
        let transceiver = this.transceivers.find((t) => t.mid === line.mid);
        if (!transceiver) {
          transceiver = this.transceivers.find((t) => t.fromAddTrack && t.mid === null && t.kind === line.kind);
          if (transceiver) transceiver.fromAddTrack = false;
        }
        if (!transceiver) {
          transceiver = new FakeTransceiver(this, line.kind, null, 'recvonly');
          this.transceivers.push(transceiver);
        }
        transceiver.mid = line.mid;
        this.nextMid = Math.max(this.nextMid, Number(line.mid) + 1);
      }
      this.remoteDescription = { ...description };
      this.signalingState = 'have-remote-offer';
      return Promise.resolve();
    }
    if (this.signalingState !== 'have-local-offer') return Promise.reject(new Error('InvalidStateError: no offer out'));
    this.remoteDescription = { ...description };
    for (const transceiver of this.offeredMids) transceiver.fromAddTrack = false;
    this.offeredMids = [];
    for (const line of lines) {
      // The answer's direction is the answerer's; this side's is its mirror.
      this.settle(line.mid, directionOf(receives(line.direction), sends(line.direction)));
    }
    this.becomeStable();
    return Promise.resolve();
  }

  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    if (!this.remoteDescription) return Promise.reject(new Error('InvalidStateError: no remote description'));
    this.candidates.push(candidate);
    return Promise.resolve();
  }

  getStats(): Promise<Map<string, Record<string, unknown>>> {
    return Promise.resolve(new Map(this.stats.map((entry, index) => [typeof entry.id === 'string' ? entry.id : String(index), entry])));
  }

  restartIce(): void {
    this.restarts += 1;
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }

  /** Plays the browser's ICE agent: a candidate for the other side. */
  gather(candidate = 'candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host'): void {
    this.onicecandidate?.({ candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } as RTCIceCandidate });
  }

  setConnectionState(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.onconnectionstatechange?.();
  }

  markNegotiationNeeded(): void {
    this.negotiationNeeded = true;
    if (this.signalingState === 'stable') this.fireNegotiationNeeded();
  }

  private fireNegotiationNeeded(): void {
    if (this.firePending) return;
    this.firePending = true;
    // A task, not a microtask, as in browsers (W3C WebRTC 1.0 §4.7.3 queues it).
    setTimeout(() => {
      this.firePending = false;
      if (!this.closed && this.negotiationNeeded && this.signalingState === 'stable') this.onnegotiationneeded?.();
    }, 0);
  }

  /** `mine`: this side's resulting direction; fires ontrack for lines that now bring media here. */
  private settle(mid: string, mine: Direction): void {
    const transceiver = this.transceivers.find((t) => t.mid === mid);
    if (!transceiver) return;
    transceiver.currentDirection = mine;
    transceiver.settledDirection = transceiver.direction;
    const receiving = receives(mine);
    if (receiving && !transceiver.receiving) this.ontrack?.({ track: transceiver.receiver.track, transceiver });
    transceiver.receiving = receiving;
  }

  private becomeStable(): void {
    this.signalingState = 'stable';
    this.negotiationNeeded = this.transceivers.some((t) => t.mid === null || t.settledDirection !== t.direction);
    if (this.negotiationNeeded) this.fireNegotiationNeeded();
  }
}

/** Lets every queued signal and negotiation step run (a few macrotask turns). */
export async function drain(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
