import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RealtimeConnection } from '../../base/realtime/connection';
import { fakeSockets, type FakeSocket } from '../../testing/fakeSocket';
import { asStream, asTrack, drain, FakePeerConnection, FakeStream, FakeTrack } from '../../testing/fakeWebRtc';
import {
  blakeInRoom,
  priyaInRoom,
  roomState,
  waitingState,
  wireBreakoutRoom,
  wireBreakouts,
  wireLiveParticipant,
} from '../../testing/liveFrames';
import { LiveSession, type JoinMedia, type LiveMedia } from './liveSession';

interface World {
  session: LiveSession;
  socket: FakeSocket;
  sockets: ReturnType<typeof fakeSockets>;
  media: LiveMedia & { captured: MediaStreamConstraints[]; screens: FakeTrack[] };
  mic: FakeTrack;
  camera: FakeTrack;
}

/** A session on a real RealtimeConnection over a fake socket, with fake media and WebRTC. */
function world(now?: () => number): World {
  const sockets = fakeSockets();
  const connection = new RealtimeConnection({ url: 'ws://test/api/v1/ws', createSocket: sockets.create, random: () => 0.5 });
  connection.start();
  const socket = sockets.at(-1);
  // A numbered stream, so that a drop may resume it.
  socket.numberFrom(1).accept('u-avery', { connection_id: 'a'.repeat(32), resumed: false });
  const captured: MediaStreamConstraints[] = [];
  const screens: FakeTrack[] = [];
  const media = {
    captured,
    screens,
    getUserMedia: (constraints: MediaStreamConstraints) => {
      captured.push(constraints);
      return Promise.resolve(asStream(new FakeStream([new FakeTrack(constraints.audio ? 'audio' : 'video')])));
    },
    getDisplayMedia: () => {
      const track = new FakeTrack('video', 'screen');
      screens.push(track);
      return Promise.resolve(asStream(new FakeStream([track])));
    },
    createPeerConnection: FakePeerConnection.factory,
  };
  const session = new LiveSession({ connection, occurrenceId: 'o1', media, reactionMs: 50, ...(now ? { now } : {}) });
  session.start();
  return { session, socket, sockets, media, mic: new FakeTrack('audio'), camera: new FakeTrack('video') };
}

function joinMedia(w: World, overrides: Partial<JoinMedia> = {}): JoinMedia {
  return {
    audio: asTrack(w.mic),
    camera: asTrack(w.camera),
    microphoneOn: true,
    cameraOn: true,
    audioOnly: false,
    audioConstraints: true,
    videoConstraints: true,
    ...overrides,
  };
}

/** Joins and lets the server answer: the ack (media through `media`), then `state`. */
async function joined(
  w: World,
  state: Record<string, unknown>,
  overrides: Partial<JoinMedia> = {},
  media: 'mesh' | 'janus' = 'mesh',
) {
  const joining = w.session.join(joinMedia(w, overrides));
  expect(w.socket.lastOf('session.join')).toMatchObject({ occurrence_id: 'o1' });
  w.socket.ack('session.join', { participant_id: state.you, media, ice_servers: [{ urls: 'stun:stun.example.org' }] });
  await joining;
  w.socket.frame(state);
  await drain(2);
}

const sentOf = (socket: FakeSocket, type: string) => socket.sent.filter((frame) => frame.type === type);

describe('LiveSession', () => {
  let w: World;
  beforeEach(() => {
    FakePeerConnection.made = [];
    w = world();
  });
  afterEach(() => {
    w.session.stop();
  });

  it('joins the waiting room saying how it arrives, then enters the room and connects to the others', async () => {
    await joined(w, waitingState());
    expect(w.socket.lastOf('session.join')).toEqual(
      expect.objectContaining({ occurrence_id: 'o1', muted: false, camera_on: true }),
    );
    expect(w.session.getSnapshot().state.view?.stage).toBe('waiting');
    expect(w.session.getSnapshot().announcement?.text).toBe("You're in the waiting room. You are number 2 in line.");
    expect(FakePeerConnection.made).toHaveLength(0);

    w.socket.frame(roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom] }));
    await drain();
    expect(FakePeerConnection.made.map((pc) => pc.configuration)).toEqual([
      { iceServers: [{ urls: 'stun:stun.example.org' }] },
      { iceServers: [{ urls: 'stun:stun.example.org' }] },
    ]);
    // The server already shows Avery as they arrived: nothing more to tell it.
    expect(sentOf(w.socket, 'session.media')).toEqual([]);
    // Avery (joined_seq 2) offers to Priya (1); Blake (3) will offer to Avery.
    const signals = sentOf(w.socket, 'session.signal');
    expect(signals.map((frame) => [frame.to, (frame.signal as { type: string }).type])).toEqual([['p-priya', 'offer']]);
    expect(w.mic.enabled).toBe(true);
  });

  it('joins muted and with the camera off: the join says so, and the camera stops at once', async () => {
    await joined(
      w,
      roomState({ participants: [priyaInRoom, wireLiveParticipant({ muted: true, camera_on: false })] }),
      { cameraOn: false, microphoneOn: false },
    );
    expect(w.socket.lastOf('session.join')).toMatchObject({ muted: true, camera_on: false });
    expect(w.camera.readyState).toBe('ended');
    expect(w.mic.enabled).toBe(false);
    expect(w.session.getSnapshot().local.camera).toBeNull();
    expect(sentOf(w.socket, 'session.media')).toEqual([]);
  });

  it('tells the server on entering when the room shows it otherwise than it arrives', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant()] }), { microphoneOn: false });
    expect(w.socket.lastOf('session.media')).toMatchObject({ muted: true, camera_on: true });
  });

  it('keeps a hard-muted microphone silent whatever is asked, and lets it on once allowed', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant({ muted: true, hard_muted: true })] }));
    expect(w.mic.enabled).toBe(false);
    expect(w.session.getSnapshot().micOn).toBe(false);
    const before = w.socket.sent.length;
    await w.session.setMicrophone(true);
    expect(w.socket.sent.slice(before).filter((frame) => frame.muted === false)).toEqual([]);
    expect(w.mic.enabled).toBe(false);
    expect(w.session.getSnapshot().problem?.text).toBe('The facilitator muted you. You can unmute once they allow it.');

    w.socket.frame(roomState({ version: 6, participants: [priyaInRoom, wireLiveParticipant({ muted: true })] }));
    const unmuting = w.session.setMicrophone(true);
    w.socket.ack('session.media');
    await unmuting;
    expect(w.mic.enabled).toBe(true);
  });

  it('says why the server refused an unmute', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant({ muted: true })] }));
    w.socket.ack('session.media');
    const muting = w.session.setMicrophone(false);
    w.socket.ack('session.media');
    await muting;
    const unmuting = w.session.setMicrophone(true);
    w.socket.refuse('session.media', 'hard_muted');
    await unmuting;
    expect(w.mic.enabled).toBe(false);
    expect(w.session.getSnapshot().problem?.text).toMatch(/The facilitator muted you/);
  });

  it('follows what a facilitator does: a mute turns the microphone off, a stopped camera stops the camera', async () => {
    await joined(w, roomState());
    w.socket.frame(roomState({ version: 6, participants: [priyaInRoom, wireLiveParticipant({ muted: true, camera_on: false })] }));
    expect(w.mic.enabled).toBe(false);
    expect(w.camera.readyState).toBe('ended');
    expect(w.session.getSnapshot()).toMatchObject({ micOn: false, cameraOn: false });
  });

  it('turns the camera on again with a new track on the picked device', async () => {
    await joined(w, roomState(), { cameraOn: false, videoConstraints: { deviceId: { exact: 'cam-2' } } });
    const turningOn = w.session.setCamera(true);
    await drain(2);
    expect(w.media.captured).toEqual([{ audio: false, video: { deviceId: { exact: 'cam-2' } } }]);
    w.socket.ack('session.media');
    await turningOn;
    expect(w.session.getSnapshot().cameraOn).toBe(true);
    expect(w.session.getSnapshot().local.camera).not.toBeNull();
  });

  it('shares a screen when allowed, and stops when the browser’s own bar ends it', async () => {
    await joined(w, roomState({ sharing_allowed: true }));
    const sharing = w.session.setSharing(true);
    await drain(2);
    w.socket.ack('session.media');
    await sharing;
    expect(w.session.getSnapshot().sharing).toBe(true);
    w.media.screens[0]?.end();
    await drain(2);
    expect(w.socket.lastOf('session.media')).toMatchObject({ sharing: false });
    expect(w.session.getSnapshot().sharing).toBe(false);
  });

  it('drops the screen when the server refuses to let one share', async () => {
    await joined(w, roomState());
    const sharing = w.session.setSharing(true);
    await drain(2);
    w.socket.refuse('session.media', 'permission_denied');
    await sharing;
    expect(w.media.screens[0]?.readyState).toBe('ended');
    expect(w.session.getSnapshot().problem?.text).toBe('Sharing your screen is not allowed in this session right now.');
  });

  it('hands signals to the mesh: an offer from someone newer is answered', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom] }));
    w.socket.frame({
      type: 'session_signal',
      occurrence_id: 'o1',
      from: 'p-blake',
      signal: { type: 'offer', sdp: JSON.stringify([{ mid: '0', kind: 'audio', direction: 'sendrecv' }]) },
    });
    await drain();
    const answers = sentOf(w.socket, 'session.signal').filter((frame) => (frame.signal as { type: string }).type === 'answer');
    expect(answers.map((frame) => frame.to)).toEqual(['p-blake']);
  });

  it('goes through Janus when the join says so: publishes to "sfu", and answers the offer of each other person’s media', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom] }), {}, 'janus');
    await drain();
    expect(w.session.mediaMode()).toBe('janus');
    expect(w.session.getSnapshot().problem).toBeNull();
    const descriptions = () =>
      sentOf(w.socket, 'session.signal').map((frame) => [frame.to, (frame.signal as { type: string }).type]);
    // Only the publishing connection, whatever the joined_seq: Janus offers everything else.
    expect(descriptions()).toEqual([['sfu', 'offer']]);
    expect(FakePeerConnection.made).toHaveLength(1);
    expect(FakePeerConnection.made[0]?.getTransceivers().map((t) => t.sender.track)).toEqual([w.mic, w.camera]);

    w.socket.frame({
      type: 'session_signal',
      occurrence_id: 'o1',
      from: 'p-priya',
      signal: { type: 'offer', sdp: JSON.stringify([{ mid: '0', kind: 'audio', direction: 'sendonly' }]) },
    });
    await drain();
    expect(descriptions()).toEqual([
      ['sfu', 'offer'],
      ['p-priya', 'answer'],
    ]);
    expect([...w.session.connections().keys()]).toEqual(['p-priya']);
    expect(w.session.getSnapshot().remote.get('p-priya')?.audio).not.toBeNull();
  });

  it('publishes afresh and drops what it received when Janus restarted', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom] }), {}, 'janus');
    await drain();
    w.socket.frame({
      type: 'session_signal',
      occurrence_id: 'o1',
      from: 'p-priya',
      signal: { type: 'offer', sdp: JSON.stringify([{ mid: '0', kind: 'audio', direction: 'sendonly' }]) },
    });
    await drain();
    const publishing = w.session.publishingConnection();
    const receiving = w.session.connections().get('p-priya');
    w.socket.frame({ type: 'session_media_reset', occurrence_id: 'o1' });
    await drain();
    expect((publishing as unknown as FakePeerConnection).closed).toBe(true);
    expect((receiving as unknown as FakePeerConnection).closed).toBe(true);
    expect(w.session.publishingConnection()).not.toBe(publishing);
    expect([...w.session.connections().keys()]).toEqual([]);
    const offers = sentOf(w.socket, 'session.signal').filter((frame) => (frame.signal as { type: string }).type === 'offer');
    expect(offers.map((frame) => frame.to)).toEqual(['sfu', 'sfu']);
    expect(w.session.getSnapshot().state.phase).toBe('joined');
  });

  it('silences a hard-muted person’s audio in Janus mode too', async () => {
    const averyHardMuted = wireLiveParticipant({ muted: true, hard_muted: true });
    await joined(
      w,
      roomState({ you: 'p-priya', role: 'facilitator', participants: [priyaInRoom, averyHardMuted] }),
      {},
      'janus',
    );
    w.socket.frame({
      type: 'session_signal',
      occurrence_id: 'o1',
      from: 'p-avery',
      signal: { type: 'offer', sdp: JSON.stringify([{ mid: '0', kind: 'audio', direction: 'sendonly' }]) },
    });
    await drain();
    const audio = w.session.getSnapshot().remote.get('p-avery')?.audio;
    expect(audio?.enabled).toBe(false);
    w.socket.frame(
      roomState({ version: 6, you: 'p-priya', role: 'facilitator', participants: [priyaInRoom, wireLiveParticipant({ muted: true })] }),
    );
    expect(audio?.enabled).toBe(true);
  });

  describe('breakout rooms and the pull-aside', () => {
    const casey = wireLiveParticipant({ participant_id: 'p-casey', user_id: 'u-casey', name: 'Casey R.', joined_seq: 4 });
    const rooms = wireBreakouts({
      stage: 'open',
      ends_at_ms: 1_764_000_120_000,
      rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey']), wireBreakoutRoom(2, ['u-blake'])],
    });
    /** Avery and Casey in room 1, Blake in room 2, Priya in the main room. */
    const inRoomOne = (overrides: Record<string, unknown> = {}) =>
      roomState({
        place: 1,
        server_now_ms: 1_764_000_000_000,
        participants: [priyaInRoom, wireLiveParticipant({ place: 1 }), { ...blakeInRoom, place: 2 }, { ...casey, place: 1 }],
        breakouts: rooms,
        ...overrides,
      });
    const everyoneBack = (version: number) =>
      roomState({
        version,
        participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom, casey],
        breakouts: wireBreakouts({ stage: 'prepared', rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey'])] }),
      });

    it('connects only to the people in one’s own place, and follows them as they come and go', async () => {
      await joined(w, inRoomOne());
      expect([...w.session.connections().keys()]).toEqual(['p-casey']);
      expect([...w.session.getSnapshot().remote.keys()]).toEqual(['p-casey']);
      const toCasey = FakePeerConnection.made[0];

      w.socket.frame(everyoneBack(6));
      await drain();
      expect([...w.session.connections().keys()].sort()).toEqual(['p-blake', 'p-casey', 'p-priya']);
      // Casey came back with Avery: their connection stays.
      expect(w.session.connections().get('p-casey')).toBe(toCasey);
      expect(w.session.getSnapshot().announcement?.text).toBe('You are back in the main room.');

      // Priya takes Blake aside: both connections close, and Avery hears only that Priya is away.
      w.socket.frame(
        roomState({
          version: 7,
          participants: [{ ...priyaInRoom, place: -1 }, wireLiveParticipant(), { ...blakeInRoom, place: -1 }, casey],
        }),
      );
      await drain();
      expect([...w.session.connections().keys()]).toEqual(['p-casey']);
      expect(w.session.getSnapshot().announcement?.text).toBe('Dr. Priya Shah is speaking with someone privately.');
    });

    it('publishes afresh through Janus in each place', async () => {
      await joined(w, everyoneBack(5), {}, 'janus');
      await drain();
      const publishing = w.session.publishingConnection();
      w.socket.frame(inRoomOne({ version: 6 }));
      await drain();
      expect(w.session.publishingConnection()).not.toBe(publishing);
      expect((publishing as unknown as FakePeerConnection).closed).toBe(true);
      const offers = sentOf(w.socket, 'session.signal').filter((frame) => (frame.signal as { type: string }).type === 'offer');
      expect(offers.map((frame) => frame.to)).toEqual(['sfu', 'sfu']);
    });

    it('counts down on the server’s clock: the offset is taken when the state arrives', async () => {
      w.session.stop();
      w = world(() => 1_764_000_000_000 - 90_000);
      await joined(w, inRoomOne());
      expect(w.session.getSnapshot().state.clockOffsetMs).toBe(90_000);
    });

    it('shows and says a broadcast, keeps the words of one’s room, and gives facilitators a call for help at once', async () => {
      await joined(w, inRoomOne());
      w.socket.frame({ type: 'session_broadcast', occurrence_id: 'o1', participant_id: 'p-priya', name: 'Dr. Priya Shah', text: 'Two minutes left' });
      expect(w.session.getSnapshot().state.broadcast?.text).toBe('Two minutes left');
      expect(w.session.getSnapshot().announcement?.text).toBe('Message to all rooms from Dr. Priya Shah: Two minutes left');
      w.session.dismissBroadcast();
      expect(w.session.getSnapshot().state.broadcast).toBeNull();

      w.socket.frame({ type: 'session_room_message', occurrence_id: 'o1', participant_id: 'p-casey', name: 'Casey R.', text: 'Hi', place: 1, sent_at_ms: 1 });
      expect(w.session.getSnapshot().state.roomWords.map((word) => word.text)).toEqual(['Hi']);

      // A participant is not told of calls for a facilitator (the server sends them to facilitators only).
      w.socket.frame({ type: 'session_help_requested', occurrence_id: 'o1', room: 2, participant_id: 'p-blake', name: 'Blake T.' });
      expect(w.session.getSnapshot().urgent).toBeNull();
      w.socket.frame(inRoomOne({ version: 6, you: 'p-priya', role: 'facilitator', place: 0 }));
      w.socket.frame({ type: 'session_help_requested', occurrence_id: 'o1', room: 2, participant_id: 'p-blake', name: 'Blake T.' });
      expect(w.session.getSnapshot().urgent?.text).toBe('Blake T. in breakout room 2 asks for a facilitator.');
    });
  });

  it('shows a reaction for a while and says who sent it', async () => {
    await joined(w, roomState());
    w.socket.frame({ type: 'session_reacted', occurrence_id: 'o1', participant_id: 'p-priya', reaction: 'heart' });
    expect(w.session.getSnapshot().state.shownReactions).toHaveLength(1);
    expect(w.session.getSnapshot().announcement?.text).toBe('Dr. Priya Shah reacted with heart.');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(w.session.getSnapshot().state.shownReactions).toEqual([]);
  });

  it('stops every track and connection when the session closes, and says why', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom] }));
    w.socket.frame({ type: 'session_closed', occurrence_id: 'o1', reason: 'ended' });
    expect(w.session.getSnapshot().state).toMatchObject({ phase: 'closed', closedReason: 'ended' });
    expect(w.mic.readyState).toBe('ended');
    expect(w.camera.readyState).toBe('ended');
    expect(FakePeerConnection.made.every((pc) => pc.closed)).toBe(true);
  });

  it('ignores frames of another session', async () => {
    await joined(w, roomState());
    w.socket.frame({ type: 'session_closed', occurrence_id: 'o2', reason: 'ended' });
    expect(w.session.getSnapshot().state.phase).toBe('joined');
  });

  it('stops the tracks it was given when the join is refused, and says why', async () => {
    const joining = w.session.join(joinMedia(w));
    w.socket.refuse('session.join', 'locked');
    await joining;
    expect(w.session.getSnapshot().state).toMatchObject({ phase: 'idle', joinError: 'locked' });
    expect(w.mic.readyState).toBe('ended');
    expect(w.camera.readyState).toBe('ended');
  });

  it('joins again after the connection drops and comes back, and starts the connections afresh', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant()] }));
    const first = FakePeerConnection.made[0];
    w.socket.drop();
    expect(w.session.getSnapshot().state.phase).toBe('rejoining');
    expect(first?.closed).toBe(true);
    expect(w.mic.readyState).toBe('live');
    // The connection reconnects by itself (about half a second here); the session joins again.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const socket = w.sockets.at(-1);
    expect(socket).not.toBe(w.socket);
    socket.accept('u-avery');
    await drain(2);
    expect(socket.lastOf('session.join')).toMatchObject({ occurrence_id: 'o1' });
    expect(socket.lastOf('session.join')).toMatchObject({ muted: false, camera_on: true });
    socket.ack('session.join', { participant_id: 'p-avery-2', media: 'mesh', ice_servers: [] });
    await drain(2);
    socket.frame(roomState({ version: 1, you: 'p-avery-2', participants: [priyaInRoom, wireLiveParticipant({ participant_id: 'p-avery-2', joined_seq: 4 })] }));
    await drain();
    expect(w.session.getSnapshot().state.phase).toBe('joined');
    expect(FakePeerConnection.made).toHaveLength(2);
    expect(FakePeerConnection.made[1]?.closed).toBe(false);
  });

  it('ignores what a resumed stream replays of the seat the drop ended, and joins again', async () => {
    await joined(w, roomState({ participants: [priyaInRoom, wireLiveParticipant()] }));
    w.socket.drop();
    await new Promise((resolve) => setTimeout(resolve, 600));
    const socket = w.sockets.at(-1);
    const after = Number(new URL(socket.url).searchParams.get('after'));
    expect(new URL(socket.url).searchParams.get('resume')).toBe('a'.repeat(32));
    socket.open();
    socket.numberFrom(after + 1);
    // Sent to the old seat after the last frame handled, before the server ended it.
    socket.frame(roomState({ version: 9, participants: [wireLiveParticipant()] }));
    socket.frame({ type: 'session_closed', occurrence_id: 'o1', reason: 'removed' });
    expect(w.session.getSnapshot().state.phase).toBe('rejoining');
    expect(w.session.getSnapshot().state.view).toMatchObject({ version: 5, stage: 'in_room' });
    socket.accept('u-avery', { connection_id: 'a'.repeat(32), resumed: true });
    await drain(2);
    expect(socket.lastOf('session.join')).toMatchObject({ occurrence_id: 'o1' });
    socket.ack('session.join', { participant_id: 'p-avery-2', media: 'mesh', ice_servers: [] });
    await drain(2);
    socket.frame(roomState({ version: 1, you: 'p-avery-2', participants: [priyaInRoom, wireLiveParticipant({ participant_id: 'p-avery-2', joined_seq: 4 })] }));
    await drain();
    expect(w.session.getSnapshot().state).toMatchObject({ phase: 'joined', view: { you: 'p-avery-2' } });
  });

  it('leaves: tells the server, stops everything, and can be stopped twice', async () => {
    await joined(w, roomState());
    const leaving = w.session.leave();
    w.socket.ack('session.leave');
    await leaving;
    expect(w.session.getSnapshot().state).toMatchObject({ phase: 'closed', closedReason: 'left' });
    expect(w.mic.readyState).toBe('ended');
    w.session.stop();
    w.session.stop();
  });
});
