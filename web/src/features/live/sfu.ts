/**
 * A live session's media through Janus, the SFU, in Janus mode (docs/protocol/realtime.md, "Janus
 * mode"). The signalling still goes over the tab's real-time connection; the server relays it to
 * Janus and back:
 * - one connection publishes this tab's media: this side offers, `to: "sfu"`, and Janus's answer
 *   comes back `from: "sfu"`;
 * - one receive-only connection per other person whose media flows: Janus offers it, the offer
 *   arriving `from` that person's participant id, and this side only ever answers (also when Janus
 *   offers again on it, say for a screen the person started sharing).
 *
 * Media travels in the mesh's fixed slots (mesh.ts): the publishing offer always carries an audio
 * and a video line, whatever one has, and a shared screen on a later video line; Janus offers a
 * person's media in the order they published it, so on a receiving connection the first video
 * line is the camera and any later one the screen. (Janus 1.1.2 offers a stream published later,
 * a screen, only to subscriptions made after it, or when asked with VideoRoom `subscribe` on an
 * existing one: seen in the end-to-end setup. Either way it arrives here as an offer.)
 *
 * A hard-muted person's audio is silenced here as well, as in the mesh, though Janus itself drops
 * it too (VideoRoom `moderate`, asked by the server).
 *
 * Framework-free: the browser's RTCPeerConnection comes from a factory, so the unit tests pass a
 * fake one (jsdom has no WebRTC).
 */
import type { MediaSelf, MeshMember, MeshOptions, RemoteMedia, RoomMedia, Signal, Slot } from './mesh';

/** The `to` and `from` of the publishing connection's signals. */
export const sfuPeer = 'sfu';

/** Signals from someone this tab does not know yet are kept this many `sync`s, then dropped. */
const pendingSyncs = 2;
const pendingLimit = 200;

const candidateOf = (candidate: RTCIceCandidate): Signal => ({
  type: 'candidate',
  candidate: { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex },
});

export class Sfu implements RoomMedia {
  private publisher: Publisher | null = null;
  private readonly receivers = new Map<string, Receiver>();
  /** The others in the room as of the last `sync`, by participant id. */
  private members = new Map<string, MeshMember>();
  private readonly local: Record<Slot, MediaStreamTrack | null> = { audio: null, camera: null, screen: null };
  private readonly pending = new Map<string, { signals: Signal[]; syncs: number }>();
  private iceServers: RTCIceServer[];
  private self: Required<MediaSelf> | null = null;
  private closed = false;

  constructor(private readonly options: MeshOptions) {
    this.iceServers = options.iceServers;
  }

  setIceServers(iceServers: RTCIceServer[]): void {
    this.iceServers = iceServers;
  }

  /** Publishes once in the room, and keeps a receiving connection only for those still in it. */
  sync(self: MediaSelf, others: readonly MeshMember[]): void {
    if (this.closed) return;
    const place = self.place ?? 0;
    // A new join or a new entry into the room: the server dropped every Janus handle of the old
    // one. A new place too: each place is a Janus room of its own, so one publishes there afresh,
    // and Janus offers everyone there on new connections, even people who came along.
    if (
      this.self &&
      (this.self.participantId !== self.participantId ||
        this.self.joinedSeq !== self.joinedSeq ||
        this.self.place !== place)
    ) {
      this.closeAll();
    }
    this.self = { participantId: self.participantId, joinedSeq: self.joinedSeq, place };
    this.members = new Map(
      others.filter((o) => o.participantId !== self.participantId).map((o) => [o.participantId, o]),
    );
    let changed = false;
    for (const [id, receiver] of this.receivers) {
      const member = this.members.get(id);
      if (member?.joinedSeq !== receiver.joinedSeq) {
        receiver.close();
        this.receivers.delete(id);
        changed = true;
      } else {
        receiver.setSilenced(member.hardMuted);
      }
    }
    if (!this.publisher) {
      try {
        this.publisher = new Publisher(this.local, this.iceServers, this.options);
        changed = true;
      } catch (error) {
        // No WebRTC here (switched off, or an old browser): the room works without media.
        this.options.onError?.(sfuPeer, error);
      }
    }
    for (const [id, waiting] of [...this.pending]) {
      if (this.members.has(id)) {
        this.pending.delete(id);
        for (const signal of waiting.signals) this.receive(id, signal);
        continue;
      }
      waiting.syncs += 1;
      if (waiting.syncs >= pendingSyncs) this.pending.delete(id);
    }
    if (changed) this.options.onChange?.();
  }

  /** A `session_signal`: Janus's answer to the publishing connection, or its offer of someone's media. */
  receive(from: string, signal: Signal): void {
    if (this.closed) return;
    if (from === sfuPeer) {
      this.publisher?.receive(signal);
      return;
    }
    const member = this.members.get(from);
    if (!member) {
      // Someone this tab does not know yet: the state that names them is on its way.
      const waiting = this.pending.get(from) ?? { signals: [], syncs: 0 };
      if (waiting.signals.length < pendingLimit) waiting.signals.push(signal);
      this.pending.set(from, waiting);
      return;
    }
    let receiver = this.receivers.get(from);
    if (!receiver) {
      // Only an offer opens a receiving connection; anything else for one this tab has not got
      // belongs to a connection closed earlier.
      if (signal.type !== 'offer') return;
      try {
        receiver = new Receiver(member, this.iceServers, this.options, (failed) => {
          this.receiveAgain(failed);
        });
      } catch (error) {
        this.options.onError?.(from, error);
        return;
      }
      this.receivers.set(from, receiver);
      this.options.onChange?.();
    }
    receiver.receive(signal);
  }

  setLocal(slot: Slot, track: MediaStreamTrack | null): void {
    this.local[slot] = track;
    this.publisher?.setLocal(slot, track);
  }

  /** A receiving connection failed: it goes, and Janus is asked to offer that person's media anew. */
  private receiveAgain(failed: Receiver): void {
    if (this.closed || this.receivers.get(failed.participantId) !== failed) return;
    failed.close();
    this.receivers.delete(failed.participantId);
    this.options.onChange?.();
    this.options.receiveAgain?.(failed.participantId);
  }

  remote(participantId: string): RemoteMedia {
    return this.receivers.get(participantId)?.remote ?? { audio: null, camera: null, screen: null };
  }

  /**
   * The receiving connections by participant id: only they carry others' media (inbound-rtp), so
   * the quality, who speaks and the tests' frame counts read them alone.
   */
  connections(): ReadonlyMap<string, RTCPeerConnection> {
    return new Map([...this.receivers].map(([id, receiver]) => [id, receiver.connection]));
  }

  /** The connection that sends this tab's media to Janus; null outside the room. */
  publishing(): RTCPeerConnection | null {
    return this.publisher?.connection ?? null;
  }

  closeAll(): void {
    if (!this.publisher && this.receivers.size === 0) return;
    this.publisher?.close();
    this.publisher = null;
    for (const receiver of this.receivers.values()) receiver.close();
    this.receivers.clear();
    this.pending.clear();
    this.options.onChange?.();
  }

  close(): void {
    this.closeAll();
    this.closed = true;
  }
}

/** This tab's media to Janus: send-only, and this side always offers. */
class Publisher {
  readonly connection: RTCPeerConnection;
  private readonly slots: Record<Slot, RTCRtpTransceiver | null> = { audio: null, camera: null, screen: null };
  private closed = false;
  /** Offers and answers one after another, so a renegotiation never starts before an answer landed. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    local: Readonly<Record<Slot, MediaStreamTrack | null>>,
    iceServers: RTCIceServer[],
    private readonly options: MeshOptions,
  ) {
    const pc = options.createPeerConnection({ iceServers });
    this.connection = pc;
    pc.onnegotiationneeded = () => {
      this.enqueue(() => this.offer());
    };
    pc.onicecandidate = (event) => {
      if (event.candidate && !this.closed) this.options.send(sfuPeer, candidateOf(event.candidate));
    };
    pc.onconnectionstatechange = () => {
      // A network change: restarting ICE renegotiates, and the server passes the offer on to Janus.
      if (pc.connectionState === 'failed') pc.restartIce();
      this.options.onChange?.();
    };
    // Audio, then video, whatever one has (fixed slots): a track that comes later replaces the
    // empty one without renegotiating.
    this.slots.audio = pc.addTransceiver(local.audio ?? 'audio', { direction: 'sendonly' });
    this.slots.camera = pc.addTransceiver(local.camera ?? 'video', { direction: 'sendonly' });
    if (local.screen) this.slots.screen = pc.addTransceiver(local.screen, { direction: 'sendonly' });
  }

  receive(signal: Signal): void {
    this.enqueue(() => this.handle(signal));
  }

  setLocal(slot: Slot, track: MediaStreamTrack | null): void {
    if (this.closed) return;
    const transceiver = this.slots[slot];
    if (transceiver) {
      // A screen that stops keeps its line, empty: the slots stay in place for everyone receiving,
      // and the next share needs no renegotiation.
      transceiver.sender.replaceTrack(track).catch((error: unknown) => {
        this.options.onError?.(sfuPeer, error);
      });
    } else if (track) {
      // The first screen shared: a new line, and negotiationneeded sends Janus a new offer.
      this.slots[slot] = this.connection.addTransceiver(track, { direction: 'sendonly' });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.onnegotiationneeded = null;
    this.connection.onicecandidate = null;
    this.connection.onconnectionstatechange = null;
    this.connection.close();
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.options.onError?.(sfuPeer, error);
    });
  }

  private async offer(): Promise<void> {
    // While an offer is out the browser holds negotiationneeded back, and fires it again on
    // return to stable if anything is still unsent (W3C WebRTC 1.0 §4.7.3).
    if (this.closed || this.connection.signalingState !== 'stable') return;
    await this.connection.setLocalDescription();
    this.sendOffer();
  }

  private sendOffer(): void {
    const description = this.connection.localDescription;
    if (this.closed || description?.type !== 'offer') return;
    this.options.send(sfuPeer, { type: 'offer', sdp: description.sdp });
  }

  private async handle(signal: Signal): Promise<void> {
    if (this.closed) return;
    if (signal.type === 'candidate') {
      // Janus puts its candidates in its SDP; one sent anyway is used all the same.
      await this.connection.addIceCandidate(signal.candidate);
      return;
    }
    // Janus never offers on this connection; an answer counts only while an offer is out.
    if (signal.type !== 'answer' || this.connection.signalingState !== 'have-local-offer') return;
    await this.connection.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
  }
}

/** One other person's media from Janus: receive-only, and Janus always offers. */
class Receiver {
  readonly connection: RTCPeerConnection;
  readonly remote: RemoteMedia = { audio: null, camera: null, screen: null };
  /** The other person's entry into the room this connection is for. */
  readonly joinedSeq: number;
  readonly participantId: string;
  private silenced: boolean;
  private closed = false;
  /** Signals are handled one after another, so a candidate never overtakes its description. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    member: MeshMember,
    iceServers: RTCIceServer[],
    private readonly options: MeshOptions,
    onFailed: (receiver: Receiver) => void,
  ) {
    this.participantId = member.participantId;
    this.joinedSeq = member.joinedSeq;
    this.silenced = member.hardMuted;
    const pc = options.createPeerConnection({ iceServers });
    this.connection = pc;
    pc.onicecandidate = (event) => {
      if (event.candidate && !this.closed) this.options.send(this.participantId, candidateOf(event.candidate));
    };
    pc.ontrack = (event) => {
      this.onTrack(event.track, event.transceiver);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'failed') onFailed(this);
      else this.options.onChange?.();
    };
  }

  receive(signal: Signal): void {
    this.queue = this.queue.then(() => this.handle(signal)).catch((error: unknown) => {
      this.options.onError?.(this.participantId, error);
    });
  }

  setSilenced(silenced: boolean): void {
    this.silenced = silenced;
    if (this.remote.audio) this.remote.audio.enabled = !silenced;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.connection.onicecandidate = null;
    this.connection.ontrack = null;
    this.connection.onconnectionstatechange = null;
    this.connection.close();
  }

  private async handle(signal: Signal): Promise<void> {
    if (this.closed) return;
    const pc = this.connection;
    if (signal.type === 'candidate') {
      await pc.addIceCandidate(signal.candidate);
      return;
    }
    // This side never offers, so an answer here has nothing to answer.
    if (signal.type !== 'offer') return;
    await pc.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
    await pc.setLocalDescription();
    this.sendAnswer();
  }

  private sendAnswer(): void {
    const description = this.connection.localDescription;
    if (this.closed || description?.type !== 'answer') return;
    this.options.send(this.participantId, { type: 'answer', sdp: description.sdp });
  }

  private onTrack(track: MediaStreamTrack, transceiver: RTCRtpTransceiver): void {
    if (track.kind === 'audio') {
      this.remote.audio = track;
      track.enabled = !this.silenced;
    } else {
      // getTransceivers() lists them as they were made, and an offer makes them in the order of
      // its lines (W3C WebRTC 1.0, "set the RTCSessionDescription"): the first video is the camera.
      const firstVideo = this.connection.getTransceivers().find((t) => t.receiver.track.kind === 'video');
      if (transceiver === firstVideo) this.remote.camera = track;
      else this.remote.screen = track;
    }
    this.options.onChange?.();
  }
}
