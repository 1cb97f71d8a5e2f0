/**
 * One tab's part in one live session: it sends the session requests on the tab's one real-time
 * connection, keeps the state (sessionState.ts), runs the media while one is in the room (the mesh,
 * mesh.ts, or Janus, sfu.ts, as the join's ack says), and owns the local camera, microphone and
 * screen tracks from joining until the end, when it stops them all. React reads it through
 * subscribe/getSnapshot (useSyncExternalStore).
 *
 * Local media follows two sources. One's own choices (microphone, camera, screen) are sent as
 * `session.media` and applied when the server accepts them; what a facilitator does to one (mute,
 * hard mute, stop the camera) arrives in `session_state` and is applied here at once. A hard mute
 * keeps the microphone track disabled whatever is asked (the protocol's first enforcement; every
 * other browser silences the person too, see mesh.ts and sfu.ts).
 *
 * Framework-free: the connection, getUserMedia, getDisplayMedia and RTCPeerConnection come in
 * from outside, so the tests run it with fakes.
 */
import { RealtimeError, type ConnectionStatus, type ServerFrame } from '../../base/realtime/connection';
import { broadcastOf, helpRequestOf, othersHere, roomWordOf } from './breakouts';
import { Mesh, signalOf, type RemoteMedia, type RoomMedia, type Signal } from './mesh';
import { refusalText } from './refusals';
import { Sfu } from './sfu';
import {
  changesToAnnounce,
  closedReasonOf,
  iceServersOf,
  initialLiveState,
  liveReducer,
  participantById,
  reactionOf,
  reactionWord,
  selfIn,
  sessionViewOf,
  type LiveEvent,
  type LiveState,
  type Reaction,
  type SessionView,
} from './sessionState';

/** The part of RealtimeConnection a live session uses. */
export interface LiveConnection {
  readonly status: ConnectionStatus;
  request(type: string, fields?: Record<string, unknown>): Promise<ServerFrame>;
  onFrame(listener: (frame: ServerFrame) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** The browser's media and WebRTC, or fakes in tests. */
export interface LiveMedia {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia(options: DisplayMediaStreamOptions): Promise<MediaStream>;
  createPeerConnection(configuration: RTCConfiguration): RTCPeerConnection;
}

export interface LocalTracks {
  audio: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
}

export interface Notice {
  /** Changes with every notice, so the same words can be said twice. */
  key: number;
  text: string;
}

export interface LiveSnapshot {
  state: LiveState;
  local: LocalTracks;
  /** What one chose and the server accepted (a facilitator's mute turns it off). */
  micOn: boolean;
  cameraOn: boolean;
  sharing: boolean;
  /** Others' video is not shown (chosen at the device check). */
  audioOnly: boolean;
  /** What each other person in the room sends, by participant id. */
  remote: ReadonlyMap<string, RemoteMedia>;
  /** The newest thing to say politely (someone joined, a hand went up, a reaction). */
  announcement: Notice | null;
  /** Why the last thing one asked for did not happen, in plain words. */
  problem: Notice | null;
  /** What a facilitator must hear at once (a breakout room calls for one), said assertively. */
  urgent: Notice | null;
}

export interface JoinMedia {
  audio: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  microphoneOn: boolean;
  cameraOn: boolean;
  audioOnly: boolean;
  /** For turning the camera or microphone on later: the devices picked at the device check. */
  videoConstraints: MediaTrackConstraints | true;
  audioConstraints: MediaTrackConstraints | true;
}

export interface LiveSessionOptions {
  connection: LiveConnection;
  occurrenceId: string;
  media: LiveMedia;
  /** How long a reaction stays on its tile. */
  reactionMs?: number;
  /** This browser's clock (tests fake it); the breakout countdown corrects it by the server's. */
  now?: () => number;
}

/** How media travels in the session (the `session.join` ack's `media`). */
export type MediaMode = 'mesh' | 'janus';

const reactionShownMs = 4_000;
const problemShownMs = 10_000;

const codeOf = (error: unknown): string => (error instanceof RealtimeError ? error.code : 'internal');

export class LiveSession {
  private state: LiveState = initialLiveState;
  private readonly local: LocalTracks = { audio: null, camera: null, screen: null };
  private micOn = false;
  private cameraOn = false;
  private sharing = false;
  private audioOnly = false;
  private videoConstraints: MediaTrackConstraints | true = true;
  private audioConstraints: MediaTrackConstraints | true = true;
  private transport: RoomMedia | null = null;
  /** The join's `media`; null before the ack, or when the server named a way this app does not know. */
  private mode: MediaMode | null = null;
  /** The device check's tracks until the server acknowledges the join. */
  private joining: JoinMedia | null = null;
  /** `session.media` requests on their way: while any is, the server's echo of our state is not followed. */
  private mediaInFlight = 0;
  private announcement: Notice | null = null;
  private problem: Notice | null = null;
  private urgent: Notice | null = null;
  private noticeKey = 0;
  private snapshot: LiveSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private stopListening: (() => void)[] = [];
  private running = false;

  constructor(private readonly options: LiveSessionOptions) {
    this.snapshot = this.makeSnapshot();
  }

  /** Listens to the connection; nothing is sent until `join`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopListening = [
      this.options.connection.onFrame((frame) => {
        this.onFrame(frame);
      }),
      this.options.connection.onStatus((status) => {
        this.onStatus(status);
      }),
    ];
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveSnapshot => this.snapshot;

  /**
   * The connections bringing others' media, by participant id (statistics, and the end-to-end
   * tests' debug hook). In Janus mode the connection publishing one's own media is not among them.
   */
  connections(): ReadonlyMap<string, RTCPeerConnection> {
    return this.transport?.connections() ?? new Map<string, RTCPeerConnection>();
  }

  /** In Janus mode, the connection sending one's own media to Janus; null otherwise. */
  publishingConnection(): RTCPeerConnection | null {
    return this.transport instanceof Sfu ? this.transport.publishing() : null;
  }

  /** How media travels in this session, as the server said when one joined. */
  mediaMode(): MediaMode | null {
    return this.mode;
  }

  /**
   * Enters the session with the tracks the device check made. They are this object's from now on:
   * it stops them at the end, or at once when the server refuses the join (the device check then
   * asks for new ones).
   */
  async join(media: JoinMedia): Promise<void> {
    if (this.state.phase !== 'idle') return;
    this.joining = media;
    await this.sendJoin();
  }

  async leave(): Promise<void> {
    if (this.state.phase === 'idle' || this.state.phase === 'closed') return;
    try {
      await this.request('session.leave');
    } catch {
      // Out either way: a closed connection takes one out of the session too.
    }
    this.close('left');
  }

  async setMicrophone(on: boolean): Promise<void> {
    if (!on) {
      this.micOn = false;
      this.applyMicrophone();
      this.emit();
      await this.sendMedia({ muted: true });
      return;
    }
    if (selfIn(this.state.view)?.hardMuted) {
      this.say('problem', refusalText('hard_muted'));
      return;
    }
    if (!this.local.audio) {
      const track = await this.capture('audio');
      if (!track) return;
      this.local.audio = track;
      track.enabled = false;
      this.transport?.setLocal('audio', track);
    }
    if (await this.sendMedia({ muted: false }, 'unmute')) {
      this.micOn = true;
      this.applyMicrophone();
      this.emit();
    }
  }

  async setCamera(on: boolean): Promise<void> {
    if (!on) {
      this.cameraOn = false;
      this.dropTrack('camera');
      this.emit();
      await this.sendMedia({ camera_on: false });
      return;
    }
    const track = await this.capture('video');
    if (!track) return;
    if (!(await this.sendMedia({ camera_on: true }))) {
      track.stop();
      return;
    }
    this.dropTrack('camera');
    this.local.camera = track;
    this.cameraOn = true;
    this.transport?.setLocal('camera', track);
    this.emit();
  }

  async setSharing(on: boolean): Promise<void> {
    if (!on) {
      if (!this.sharing && !this.local.screen) return;
      this.stopSharingLocally();
      await this.sendMedia({ sharing: false });
      return;
    }
    let track: MediaStreamTrack | undefined;
    try {
      const stream = await this.options.media.getDisplayMedia({ video: true, audio: false });
      track = stream.getVideoTracks()[0];
    } catch {
      // Cancelling the browser's picker lands here; it is not a problem worth a message.
      return;
    }
    if (!track) return;
    if (!(await this.sendMedia({ sharing: true }, 'share'))) {
      track.stop();
      return;
    }
    const shared = track;
    // The browser's own "Stop sharing" bar ends the track without asking us.
    shared.addEventListener('ended', () => {
      if (this.local.screen === shared) void this.setSharing(false);
    });
    this.local.screen = shared;
    this.sharing = true;
    this.transport?.setLocal('screen', shared);
    this.emit();
  }

  async setHand(raised: boolean): Promise<void> {
    await this.command('session.hand', { raised });
  }

  async react(reaction: Reaction): Promise<void> {
    await this.command('session.react', { reaction });
  }

  /** Takes the facilitators' broadcast off the screen (it was read out when it came). */
  dismissBroadcast(): void {
    this.dispatch({ type: 'broadcast_dismissed' });
  }

  /** A session request of this occurrence as sent: the ack, or the server's error as a RealtimeError. */
  request(type: string, fields: Record<string, unknown> = {}): Promise<ServerFrame> {
    return this.options.connection.request(type, { ...fields, occurrence_id: this.options.occurrenceId });
  }

  /** Any other session request (the facilitator's); false, with a problem said, when refused. */
  async command(type: string, fields: Record<string, unknown> = {}): Promise<boolean> {
    try {
      await this.request(type, fields);
      return true;
    } catch (error) {
      this.say('problem', refusalText(codeOf(error)));
      return false;
    }
  }

  /**
   * Stops everything and forgets the session (leaving the page); a tab still in the session tells
   * the server it left. `start` begins afresh.
   */
  stop(): void {
    if (!this.running) return;
    const phase = this.state.phase;
    if (phase === 'joined' || phase === 'joining' || phase === 'rejoining') {
      this.request('session.leave').catch(() => undefined);
    }
    this.stopEverything();
    this.dropJoining();
    for (const stop of this.stopListening) stop();
    this.stopListening = [];
    this.running = false;
    this.state = initialLiveState;
    this.announcement = null;
    this.problem = null;
    this.urgent = null;
    this.snapshot = this.makeSnapshot();
  }

  private async sendJoin(): Promise<void> {
    this.dispatch({ type: 'join_sent' });
    let ack: ServerFrame;
    try {
      // How one comes in, so that nobody shows as unmuted, or with a camera on, even for a moment.
      ack = await this.options.connection.request('session.join', {
        occurrence_id: this.options.occurrenceId,
        ...this.arrival(),
      });
    } catch (error) {
      const code = codeOf(error);
      // Still rejoining after a drop: the next open tries again.
      if (this.state.phase === 'rejoining' && code === 'offline') return;
      this.dropJoining();
      this.dispatch({ type: 'join_refused', code });
      if (this.state.phase === 'closed') this.stopEverything();
      return;
    }
    if (!this.running) return;
    const iceServers = iceServersOf(ack);
    if (this.joining) this.adopt(this.joining);
    this.joining = null;
    // A server without Janus leaves `media` out: that is the mesh.
    const mode = ack.media === undefined || ack.media === 'mesh' ? 'mesh' : ack.media === 'janus' ? 'janus' : null;
    if (mode !== this.mode) {
      // A rejoin may land in a room whose media travels another way (the server restarted with Janus, say).
      this.transport?.close();
      this.transport = null;
      this.mode = mode;
    }
    this.dispatch({ type: 'join_acked', iceServers });
    if (!mode) {
      // A way of carrying media newer than this app: the room, its controls and the chat still work.
      this.say(
        'problem',
        'Video for this session needs a newer version of Hearth: reload the page. You can follow the room and the chat meanwhile.',
      );
      return;
    }
    if (!this.transport) {
      const options = {
        createPeerConnection: (configuration: RTCConfiguration) => this.options.media.createPeerConnection(configuration),
        iceServers,
        send: (to: string, signal: Signal) => {
          this.sendSignal(to, signal);
        },
        onChange: () => {
          this.emit();
        },
        receiveAgain: (participantId: string) => {
          // Refused only when they left meanwhile: the next state closes the rest.
          this.options.connection
            .request('session.receive_again', { occurrence_id: this.options.occurrenceId, participant_id: participantId })
            .catch(() => undefined);
        },
      };
      this.transport = mode === 'janus' ? new Sfu(options) : new Mesh(options);
      this.transport.setLocal('audio', this.local.audio);
      this.transport.setLocal('camera', this.local.camera);
    }
    this.transport.setIceServers(iceServers);
  }

  /** `muted` and `camera_on` for `session.join`: the device check's choices, or, rejoining, the current ones. */
  private arrival(): { muted: boolean; camera_on: boolean } {
    const media = this.joining;
    if (!media) return { muted: !this.micOn, camera_on: this.cameraOn };
    return {
      muted: !(media.microphoneOn && media.audio !== null),
      camera_on: media.cameraOn && !media.audioOnly && media.camera !== null,
    };
  }

  private dropJoining(): void {
    this.joining?.audio?.stop();
    this.joining?.camera?.stop();
    this.joining = null;
  }

  private adopt(media: JoinMedia): void {
    this.local.audio = media.audio;
    this.audioOnly = media.audioOnly;
    this.videoConstraints = media.videoConstraints;
    this.audioConstraints = media.audioConstraints;
    this.micOn = media.microphoneOn && media.audio !== null;
    this.cameraOn = media.cameraOn && !media.audioOnly && media.camera !== null;
    if (this.cameraOn) this.local.camera = media.camera;
    else media.camera?.stop(); // a camera that is off should not keep its light on
    this.applyMicrophone();
  }

  private sendSignal(to: string, signal: Signal): void {
    // Refusals are expected while people come and go (not_admitted); the mesh recovers on the next state.
    this.options.connection
      .request('session.signal', { occurrence_id: this.options.occurrenceId, to, signal })
      .catch(() => undefined);
  }

  private onFrame(frame: ServerFrame): void {
    if (!this.running || frame.occurrence_id !== this.options.occurrenceId) return;
    const phase = this.state.phase;
    // Rejoining, a frame is of the seat the drop ended (a resumed stream replays them): the join
    // sent on reopening is acknowledged before the new seat's first state.
    if (phase === 'idle' || phase === 'closed' || phase === 'rejoining') return;
    const view = sessionViewOf(frame);
    if (view) {
      const before = this.state.view;
      this.dispatch({ type: 'state', view, receivedAtMs: (this.options.now ?? Date.now)() });
      if (this.state.view === view) this.afterState(before, view);
      return;
    }
    if (frame.type === 'session_signal') {
      const signal = signalOf(frame.signal);
      if (signal && typeof frame.from === 'string') this.transport?.receive(frame.from, signal);
      return;
    }
    if (frame.type === 'session_media_reset') {
      // Janus restarted (docs/protocol/realtime.md, "Janus mode"): every connection through it is
      // gone. They are made again as on entering: publish afresh, and Janus offers the others.
      const current = this.state.view;
      this.transport?.closeAll();
      if (current?.stage === 'in_room') this.afterState(current, current);
      return;
    }
    const reacted = reactionOf(frame);
    if (reacted) {
      this.dispatch({ type: 'reacted', ...reacted });
      const key = this.state.nextReactionKey - 1;
      this.later(this.options.reactionMs ?? reactionShownMs, () => {
        this.dispatch({ type: 'reaction_faded', key });
      });
      const who = participantById(this.state.view, reacted.participantId);
      const name = reacted.participantId === this.state.view?.you ? 'You' : who?.name;
      if (name) this.say('announcement', `${name} reacted with ${reactionWord(reacted.reaction)}.`);
      return;
    }
    if (this.onBreakoutFrame(frame)) return;
    const reason = closedReasonOf(frame);
    if (reason) this.close(reason);
  }

  /** The breakout rooms' events beside the state: a broadcast, a call for a facilitator, words in one's place. */
  private onBreakoutFrame(frame: ServerFrame): boolean {
    const broadcast = broadcastOf(frame);
    if (broadcast) {
      this.dispatch({ type: 'broadcast', ...broadcast });
      this.say('announcement', `Message to all rooms from ${broadcast.name}: ${broadcast.text}`);
      return true;
    }
    const help = helpRequestOf(frame);
    if (help) {
      if (this.state.view?.role === 'facilitator') {
        this.say('urgent', `${help.name} in breakout room ${help.room} asks for a facilitator.`);
      }
      return true;
    }
    const word = roomWordOf(frame);
    if (word) {
      this.dispatch({ type: 'room_word', ...word });
      return true;
    }
    return false;
  }

  private onStatus(status: ConnectionStatus): void {
    if (!this.running) return;
    const phase = this.state.phase;
    if (status !== 'open' && (phase === 'joined' || phase === 'joining')) {
      // The server takes a closed connection out of the session: the peers are gone with it.
      this.dispatch({ type: 'connection_lost' });
      this.stopSharingLocally();
      this.transport?.closeAll();
      if (status === 'ended' || status === 'stopped') this.close('lost');
      return;
    }
    if (status === 'open' && phase === 'rejoining') void this.sendJoin();
  }

  private afterState(before: SessionView | null, after: SessionView): void {
    // One notice for all of it: a screen reader may read only the last of several said at once.
    const said = changesToAnnounce(before, after);
    if (said.length > 0) this.say('announcement', said.join(' '));
    if (after.stage === 'waiting') {
      this.stopSharingLocally();
      this.transport?.closeAll();
      return;
    }
    const me = selfIn(after);
    if (!me) return;
    const entered = before?.stage !== 'in_room' || before.you !== after.you;
    const previous = entered ? null : selfIn(before);
    if (me.hardMuted) this.micOn = false;
    if (previous && this.mediaInFlight === 0) {
      // What a facilitator did to one: followed at once.
      if (me.muted && !previous.muted) this.micOn = false;
      if (!me.cameraOn && previous.cameraOn && this.cameraOn) {
        this.cameraOn = false;
        this.dropTrack('camera');
      }
      if (!me.sharing && previous.sharing && this.sharing) this.stopSharingLocally();
    }
    this.applyMicrophone();
    // Media follows places: only the people in one's own place are connected (a breakout room, a
    // private word); the others' connections close as they go, and new ones form as people come.
    this.transport?.sync(
      { participantId: me.participantId, joinedSeq: me.joinedSeq, place: after.place },
      othersHere(after).map((p) => ({
        participantId: p.participantId,
        joinedSeq: p.joinedSeq,
        hardMuted: p.hardMuted,
      })),
    );
    this.emit();
    // The join told the server how one arrives; should it show otherwise on entering (a device
    // that failed meanwhile), it learns the truth.
    if (entered && (me.muted === this.micOn || me.cameraOn !== this.cameraOn)) {
      void this.sendMedia({ muted: !this.micOn, camera_on: this.cameraOn });
    }
  }

  private async sendMedia(fields: Record<string, boolean>, about?: 'share' | 'unmute'): Promise<boolean> {
    this.mediaInFlight += 1;
    try {
      await this.options.connection.request('session.media', { ...fields, occurrence_id: this.options.occurrenceId });
      return true;
    } catch (error) {
      this.say('problem', refusalText(codeOf(error), about));
      return false;
    } finally {
      this.mediaInFlight -= 1;
    }
  }

  private async capture(kind: 'audio' | 'video'): Promise<MediaStreamTrack | null> {
    try {
      const stream = await this.options.media.getUserMedia(
        kind === 'audio'
          ? { audio: this.audioConstraints, video: false }
          : { audio: false, video: this.videoConstraints },
      );
      return (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
    } catch {
      this.say(
        'problem',
        kind === 'audio'
          ? 'Your microphone could not be started. Check that the browser may use it (the icon in the address bar).'
          : 'Your camera could not be started. Check that the browser may use it (the icon in the address bar).',
      );
      return null;
    }
  }

  /** The microphone sends only while it is on and one is not hard-muted. */
  private applyMicrophone(): void {
    const hardMuted = selfIn(this.state.view)?.hardMuted === true;
    if (this.local.audio) this.local.audio.enabled = this.micOn && !hardMuted;
  }

  private dropTrack(slot: 'camera' | 'screen'): void {
    this.local[slot]?.stop();
    this.local[slot] = null;
    this.transport?.setLocal(slot, null);
  }

  private stopSharingLocally(): void {
    if (!this.sharing && !this.local.screen) return;
    this.sharing = false;
    this.dropTrack('screen');
    this.emit();
  }

  private close(reason: NonNullable<LiveState['closedReason']>): void {
    if (this.state.phase === 'closed') return;
    this.stopEverything();
    this.dispatch({ type: 'closed', reason });
  }

  private stopEverything(): void {
    this.transport?.close();
    this.transport = null;
    this.mode = null;
    for (const slot of ['audio', 'camera', 'screen'] as const) {
      this.local[slot]?.stop();
      this.local[slot] = null;
    }
    this.micOn = false;
    this.cameraOn = false;
    this.sharing = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.running) run();
    }, ms);
    this.timers.add(timer);
  }

  private say(what: 'announcement' | 'problem' | 'urgent', text: string): void {
    this.noticeKey += 1;
    const notice = { key: this.noticeKey, text };
    this[what] = notice;
    this.emit();
    if (what === 'problem') {
      // Gone from the screen after a while; it was read out when it came (role=alert).
      this.later(problemShownMs, () => {
        if (this.problem !== notice) return;
        this.problem = null;
        this.emit();
      });
    }
  }

  private dispatch(event: LiveEvent): void {
    this.state = liveReducer(this.state, event);
    this.emit();
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const listener of [...this.listeners]) listener();
  }

  private makeSnapshot(): LiveSnapshot {
    const remote = new Map<string, RemoteMedia>();
    for (const person of othersHere(this.state.view)) {
      const media = this.transport?.remote(person.participantId);
      if (media) remote.set(person.participantId, { ...media });
    }
    return {
      state: this.state,
      local: { ...this.local },
      micOn: this.micOn,
      cameraOn: this.cameraOn,
      sharing: this.sharing,
      audioOnly: this.audioOnly,
      remote,
      announcement: this.announcement,
      problem: this.problem,
      urgent: this.urgent,
    };
  }
}
