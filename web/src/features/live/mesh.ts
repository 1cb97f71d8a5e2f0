/**
 * The WebRTC mesh of a live session: one RTCPeerConnection per other person in one's place (the
 * main room, a breakout room, a private word), made when they appear there in
 * `session_state.participants` and closed when they leave it or come back with a new participant
 * id (docs/protocol/realtime.md, "Live sessions (video)").
 *
 * Negotiation follows the "perfect negotiation" pattern (W3C WebRTC 1.0, §10.7 example; MDN
 * "Establishing a connection: The WebRTC perfect negotiation pattern"), so either side may
 * renegotiate later (a screen share, a camera turned on for the first time). The protocol says the
 * person with the higher `joined_seq` makes the first offer; so the other side, the polite one,
 * holds back its own offers until that first offer has been answered, and gives way whenever two
 * offers cross.
 *
 * Media travels in fixed slots, so the receiving side can tell a camera from a screen without any
 * extra signalling: the offerer opens an audio and a video transceiver first, whatever it has; the
 * first video transceiver on each side is therefore the camera, and any later one a shared screen.
 *
 * Framework-free: the browser's RTCPeerConnection comes from a factory, so the unit tests pass a
 * fake one (jsdom has no WebRTC).
 */

export type Signal =
  | { type: 'offer' | 'answer'; sdp: string }
  | { type: 'candidate'; candidate: { candidate: string; sdpMid: string | null; sdpMLineIndex: number | null } };

export type Slot = 'audio' | 'camera' | 'screen';

/** What one person sends this tab, by slot; a slot without a track is null. */
export interface RemoteMedia {
  audio: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

export interface MeshMember {
  participantId: string;
  joinedSeq: number;
  /** A hard-muted person's audio is silenced here too (the protocol's second enforcement). */
  hardMuted: boolean;
}

/**
 * Oneself as the media sees one: a new participant id or a new `joined_seq` is a new entry into
 * the room, and `place` (docs/protocol/realtime.md, "Breakout rooms and the pull-aside") where
 * one's media goes now (0 if left out).
 */
export interface MediaSelf {
  participantId: string;
  joinedSeq: number;
  place?: number;
}

export interface MeshOptions {
  createPeerConnection: (configuration: RTCConfiguration) => RTCPeerConnection;
  iceServers: RTCIceServer[];
  send: (to: string, signal: Signal) => void;
  /** Something others can see changed: a track arrived, a connection's state moved, a peer went. */
  onChange?: () => void;
  /** A negotiation step failed; the connection may recover on the next one. For diagnostics. */
  onError?: (participantId: string, error: unknown) => void;
  /**
   * Janus mode: the connection receiving this person failed and was closed. Janus is the side
   * that offers, so only it can start a new one (`session.receive_again`).
   */
  receiveAgain?: (participantId: string) => void;
}

/**
 * What the live session's controller asks of the media, whichever way it travels: the mesh here,
 * or Janus (sfu.ts). Both keep a hard-muted person's audio silent on this side too.
 */
export interface RoomMedia {
  /** For connections made from now on (a new join answers new, time-limited TURN credentials). */
  setIceServers(iceServers: RTCIceServer[]): void;
  /**
   * Brings the connections in line with the room (`session_state` in the room): `others` are the
   * people in one's own place, and only they are connected.
   */
  sync(self: MediaSelf, others: readonly MeshMember[]): void;
  /** A `session_signal`, by its `from`. */
  receive(from: string, signal: Signal): void;
  /** Sends `track` in `slot` to everyone (null: nothing in that slot). */
  setLocal(slot: Slot, track: MediaStreamTrack | null): void;
  remote(participantId: string): RemoteMedia;
  /** The connections bringing others' media, by their participant id (statistics and tests). */
  connections(): ReadonlyMap<string, RTCPeerConnection>;
  /** Closes every connection; the object stays usable (a rejoin after a dropped socket). */
  closeAll(): void;
  /** Closes every connection for good. */
  close(): void;
}

/** A signal as received, checked against the protocol's shapes; null for anything else. */
export function signalOf(value: unknown): Signal | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if ((record.type === 'offer' || record.type === 'answer') && typeof record.sdp === 'string') {
    return { type: record.type, sdp: record.sdp };
  }
  if (record.type !== 'candidate' || typeof record.candidate !== 'object' || record.candidate === null) return null;
  const candidate = record.candidate as Record<string, unknown>;
  if (typeof candidate.candidate !== 'string') return null;
  return {
    type: 'candidate',
    candidate: {
      candidate: candidate.candidate,
      sdpMid: typeof candidate.sdpMid === 'string' ? candidate.sdpMid : null,
      sdpMLineIndex: typeof candidate.sdpMLineIndex === 'number' ? candidate.sdpMLineIndex : null,
    },
  };
}

/** Signals from someone this tab does not know yet are kept this many `sync`s, then dropped. */
const pendingSyncs = 2;
const pendingLimit = 200;

export class Mesh implements RoomMedia {
  private readonly peers = new Map<string, Peer>();
  private readonly local: Record<Slot, MediaStreamTrack | null> = { audio: null, camera: null, screen: null };
  private readonly pending = new Map<string, { signals: Signal[]; syncs: number }>();
  private iceServers: RTCIceServer[];
  private self: { participantId: string; joinedSeq: number } | null = null;
  private closed = false;

  constructor(private readonly options: MeshOptions) {
    this.iceServers = options.iceServers;
  }

  /** For connections made from now on (a new join answers new, time-limited TURN credentials). */
  setIceServers(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
  }

  /**
   * Brings the connections in line with the room: one per other member, as they entered it. A
   * change of place needs nothing more: the browsers talk to each other, so people who move
   * together (called back from a breakout room) keep their connection, and whoever is no longer
   * among `others` is closed.
   */
  sync(self: MediaSelf, others: readonly MeshMember[]): void {
    if (this.closed) return;
    // A new participant id (a new join) or a new entry into the room (sent back and let in again)
    // means every earlier connection is dead on the other side too.
    if (this.self && (this.self.participantId !== self.participantId || this.self.joinedSeq !== self.joinedSeq)) {
      this.closeAll();
    }
    this.self = { participantId: self.participantId, joinedSeq: self.joinedSeq };
    const wanted = new Map(
      others.filter((o) => o.participantId !== self.participantId).map((o) => [o.participantId, o]),
    );
    let changed = false;
    for (const [id, peer] of this.peers) {
      if (wanted.get(id)?.joinedSeq !== peer.joinedSeq) {
        peer.close();
        this.peers.delete(id);
        changed = true;
      }
    }
    for (const member of wanted.values()) {
      let peer = this.peers.get(member.participantId);
      if (!peer) {
        try {
          const offerer = self.joinedSeq > member.joinedSeq;
          peer = new Peer(member, offerer, this.local, this.iceServers, this.options);
        } catch (error) {
          // No WebRTC here (switched off, or an old browser): the room works without media.
          this.options.onError?.(member.participantId, error);
          continue;
        }
        this.peers.set(member.participantId, peer);
        changed = true;
        const waiting = this.pending.get(member.participantId);
        this.pending.delete(member.participantId);
        for (const signal of waiting?.signals ?? []) peer.receive(signal);
      }
      peer.setSilenced(member.hardMuted);
    }
    for (const [id, waiting] of this.pending) {
      waiting.syncs += 1;
      if (waiting.syncs >= pendingSyncs) this.pending.delete(id);
    }
    if (changed) this.options.onChange?.();
  }

  /** A `session_signal` from `from`. One from someone not (yet) in the room waits for the next sync. */
  receive(from: string, signal: Signal): void {
    if (this.closed) return;
    const peer = this.peers.get(from);
    if (peer) {
      peer.receive(signal);
      return;
    }
    const waiting = this.pending.get(from) ?? { signals: [], syncs: 0 };
    if (waiting.signals.length < pendingLimit) waiting.signals.push(signal);
    this.pending.set(from, waiting);
  }

  /** Sends `track` in `slot` to everyone (null: nothing in that slot). */
  setLocal(slot: Slot, track: MediaStreamTrack | null): void {
    this.local[slot] = track;
    for (const peer of this.peers.values()) peer.setLocal(slot, track);
  }

  remote(participantId: string): RemoteMedia {
    return this.peers.get(participantId)?.remote ?? { audio: null, camera: null, screen: null };
  }

  /** The live connections by participant id: for statistics (quality, who is speaking) and tests. */
  connections(): ReadonlyMap<string, RTCPeerConnection> {
    return new Map([...this.peers].map(([id, peer]) => [id, peer.connection]));
  }

  /** Closes every connection; the mesh stays usable (a rejoin after a dropped socket). */
  closeAll(): void {
    if (this.peers.size === 0) return;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.pending.clear();
    this.options.onChange?.();
  }

  /** Closes every connection for good. */
  close(): void {
    this.closeAll();
    this.closed = true;
  }
}

/** One person's connection and its side of perfect negotiation. */
class Peer {
  readonly connection: RTCPeerConnection;
  readonly remote: RemoteMedia = { audio: null, camera: null, screen: null };
  /** The lower `joined_seq` gives way when offers cross, and waits for the first offer. */
  private readonly polite: boolean;
  private readonly slots: Record<Slot, RTCRtpTransceiver | null> = { audio: null, camera: null, screen: null };
  private makingOffer = false;
  private ignoreOffer = false;
  /** An offer and answer went through once: from now on either side may offer. */
  private negotiated = false;
  /** A screen shared before the first offer was answered: it goes out with the next negotiation. */
  private pendingScreen: MediaStreamTrack | null = null;
  private silenced = false;
  private closed = false;
  /** Signals are handled one after another, so a candidate never overtakes its description. */
  private queue: Promise<void> = Promise.resolve();

  /** The other person's entry into the room this connection is for. */
  readonly joinedSeq: number;
  private readonly participantId: string;

  constructor(
    member: MeshMember,
    offerer: boolean,
    local: Readonly<Record<Slot, MediaStreamTrack | null>>,
    iceServers: RTCIceServer[],
    private readonly options: MeshOptions,
  ) {
    this.participantId = member.participantId;
    this.joinedSeq = member.joinedSeq;
    this.polite = !offerer;
    const pc = options.createPeerConnection({ iceServers });
    this.connection = pc;
    pc.onnegotiationneeded = () => {
      void this.negotiate();
    };
    pc.onicecandidate = (event) => {
      const candidate = event.candidate;
      if (!candidate || this.closed) return;
      this.options.send(this.participantId, {
        type: 'candidate',
        candidate: { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex },
      });
    };
    pc.ontrack = (event) => {
      this.onTrack(event.track, event.transceiver);
    };
    pc.onconnectionstatechange = () => {
      // The offerer restarts ICE after a failure (a network change); the restart renegotiates.
      if (pc.connectionState === 'failed' && !this.polite) pc.restartIce();
      this.options.onChange?.();
    };
    if (offerer) {
      // Audio, then video, whatever one has: the fixed order tells the other side which is which.
      this.slots.audio = pc.addTransceiver(local.audio ?? 'audio', { direction: 'sendrecv' });
      this.slots.camera = pc.addTransceiver(local.camera ?? 'video', { direction: 'sendrecv' });
      if (local.screen) this.slots.screen = pc.addTransceiver(local.screen, { direction: 'sendonly' });
    } else {
      // addTrack, so the first offer's audio and video lines take these tracks up (JSEP §5.10).
      if (local.audio) this.slots.audio = this.transceiverOf(pc.addTrack(local.audio));
      if (local.camera) this.slots.camera = this.transceiverOf(pc.addTrack(local.camera));
      this.pendingScreen = local.screen;
    }
  }

  receive(signal: Signal): void {
    this.queue = this.queue.then(() => this.handle(signal)).catch((error: unknown) => {
      this.options.onError?.(this.participantId, error);
    });
  }

  setLocal(slot: Slot, track: MediaStreamTrack | null): void {
    if (this.closed) return;
    const pc = this.connection;
    const transceiver = this.slots[slot];
    if (slot === 'screen') {
      if (!this.negotiated && this.polite) {
        this.pendingScreen = track;
        return;
      }
      if (transceiver) {
        this.replace(transceiver, track);
        const direction = track ? 'sendonly' : 'inactive';
        if (transceiver.direction !== direction) transceiver.direction = direction;
      } else if (track) {
        this.slots.screen = pc.addTransceiver(track, { direction: 'sendonly' });
      }
      return;
    }
    if (transceiver) {
      this.replace(transceiver, track);
      // A line the other side opened while one had nothing to send: start sending on it.
      if (track && (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive')) {
        transceiver.direction = 'sendrecv';
      }
    } else if (track) {
      this.slots[slot] = this.transceiverOf(pc.addTrack(track));
    }
  }

  setSilenced(silenced: boolean): void {
    this.silenced = silenced;
    if (this.remote.audio) this.remote.audio.enabled = !silenced;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.onnegotiationneeded = null;
    this.connection.onicecandidate = null;
    this.connection.ontrack = null;
    this.connection.onconnectionstatechange = null;
    this.connection.close();
  }

  private async negotiate(): Promise<void> {
    if (this.closed) return;
    // The browser fires negotiationneeded again once the first exchange is over, if anything is
    // still unsent (W3C WebRTC 1.0 §4.7.3, "update the negotiation-needed flag").
    if (this.polite && !this.negotiated) return;
    try {
      this.makingOffer = true;
      await this.connection.setLocalDescription();
      this.sendDescription();
    } catch (error) {
      this.options.onError?.(this.participantId, error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async handle(signal: Signal): Promise<void> {
    if (this.closed) return;
    const pc = this.connection;
    if (signal.type === 'candidate') {
      try {
        await pc.addIceCandidate(signal.candidate);
      } catch (error) {
        // Candidates of an offer this side ignored fail; that is expected (perfect negotiation).
        if (!this.ignoreOffer) throw error;
      }
      return;
    }
    const collision = signal.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    await pc.setRemoteDescription({ type: signal.type, sdp: signal.sdp });
    if (signal.type === 'offer') {
      this.adoptSlots();
      await pc.setLocalDescription();
      this.sendDescription();
    }
    if (!this.negotiated) {
      this.negotiated = true;
      this.afterFirstNegotiation();
    }
  }

  /** A screen the polite side shared before the first exchange goes out now (renegotiating). */
  private afterFirstNegotiation(): void {
    const screen = this.pendingScreen;
    this.pendingScreen = null;
    if (screen) this.setLocal('screen', screen);
  }

  /** On the side that did not open them, the first audio and video lines are the audio and camera slots. */
  private adoptSlots(): void {
    const transceivers = this.connection.getTransceivers();
    this.slots.audio ??= transceivers.find((t) => t.receiver.track.kind === 'audio') ?? null;
    this.slots.camera ??= transceivers.find((t) => t.receiver.track.kind === 'video') ?? null;
  }

  private onTrack(track: MediaStreamTrack, transceiver: RTCRtpTransceiver): void {
    if (track.kind === 'audio') {
      this.remote.audio = track;
      track.enabled = !this.silenced;
    } else {
      this.adoptSlots();
      if (transceiver === this.slots.camera) this.remote.camera = track;
      else this.remote.screen = track;
    }
    this.options.onChange?.();
  }

  private sendDescription(): void {
    const description = this.connection.localDescription;
    if (!description || this.closed) return;
    if (description.type !== 'offer' && description.type !== 'answer') return;
    this.options.send(this.participantId, { type: description.type, sdp: description.sdp });
  }

  private replace(transceiver: RTCRtpTransceiver, track: MediaStreamTrack | null): void {
    transceiver.sender.replaceTrack(track).catch((error: unknown) => {
      this.options.onError?.(this.participantId, error);
    });
  }

  private transceiverOf(sender: RTCRtpSender): RTCRtpTransceiver | null {
    return this.connection.getTransceivers().find((t) => t.sender === sender) ?? null;
  }
}
