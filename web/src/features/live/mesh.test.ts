import { beforeEach, describe, expect, it } from 'vitest';
import { asTrack, drain, FakePeerConnection, FakeTrack } from '../../testing/fakeWebRtc';
import { Mesh, signalOf, type Signal } from './mesh';

const iceServers = [{ urls: 'stun:stun.example.org:3478' }];

interface Sent {
  from: string;
  to: string;
  signal: Signal;
}

/**
 * Meshes for the given people, their signals carried across as the server relays them (in order,
 * `from` set by the carrier). `hold` keeps signals back until released, to cross offers.
 */
function room(ids: string[]) {
  const sent: Sent[] = [];
  const meshes = new Map<string, Mesh>();
  let holding = false;
  const held: Sent[] = [];
  const deliver = (item: Sent) => {
    meshes.get(item.to)?.receive(item.from, item.signal);
  };
  for (const id of ids) {
    meshes.set(
      id,
      new Mesh({
        createPeerConnection: FakePeerConnection.factory,
        iceServers,
        send: (to, signal) => {
          const item = { from: id, to, signal };
          sent.push(item);
          if (holding) held.push(item);
          else queueMicrotask(() => {
            deliver(item);
          });
        },
      }),
    );
  }
  const mesh = (id: string) => {
    const found = meshes.get(id);
    if (!found) throw new Error(`no mesh ${id}`);
    return found;
  };
  return {
    sent,
    mesh,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const item of held.splice(0)) deliver(item);
    },
  };
}

const member = (participantId: string, joinedSeq: number, hardMuted = false) => ({ participantId, joinedSeq, hardMuted });

/** The fake behind `mesh`'s connection to `other`. */
const pcOf = (mesh: Mesh, other: string) => mesh.connections().get(other) as unknown as FakePeerConnection | undefined;

describe('Mesh', () => {
  beforeEach(() => {
    FakePeerConnection.made = [];
  });

  it('makes one connection per other person, with the join’s ICE servers, and closes it when they leave', () => {
    const { mesh } = room(['a']);
    const a = mesh('a');
    a.sync(member('a', 1), [member('a', 1), member('b', 2), member('c', 3)]);
    expect([...a.connections().keys()]).toEqual(['b', 'c']);
    expect(FakePeerConnection.made[0]?.configuration).toEqual({ iceServers });
    const toB = pcOf(a, 'b');
    a.sync(member('a', 1), [member('a', 1), member('c', 3)]);
    expect(toB?.closed).toBe(true);
    expect([...a.connections().keys()]).toEqual(['c']);
  });

  it('starts afresh when someone comes back (a new participant id or a new entry), and when one does oneself', () => {
    const { mesh } = room(['a']);
    const a = mesh('a');
    a.sync(member('a', 1), [member('b', 2)]);
    const first = pcOf(a, 'b');
    a.sync(member('a', 1), [member('b2', 4)]);
    expect(first?.closed).toBe(true);
    const second = pcOf(a, 'b2');
    a.sync(member('a2', 5), [member('b2', 4)]);
    expect(second?.closed).toBe(true);
    expect(pcOf(a, 'b2')).not.toBe(second);
    // Sent to the waiting room and let in again: the same id, a new entry.
    const third = pcOf(a, 'b2');
    a.sync(member('a2', 5), [member('b2', 6)]);
    expect(third?.closed).toBe(true);
    const fourth = pcOf(a, 'b2');
    a.sync(member('a2', 7), [member('b2', 6)]);
    expect(fourth?.closed).toBe(true);
    expect(a.connections().size).toBe(1);
  });

  it('lets the higher joined_seq make the first offer; the lower one answers and both get audio and camera', async () => {
    const { mesh, sent } = room(['early', 'late']);
    const early = mesh('early');
    const late = mesh('late');
    const earlyMic = new FakeTrack('audio');
    const earlyCam = new FakeTrack('video');
    const lateMic = new FakeTrack('audio');
    const lateCam = new FakeTrack('video');
    early.setLocal('audio', asTrack(earlyMic));
    early.setLocal('camera', asTrack(earlyCam));
    late.setLocal('audio', asTrack(lateMic));
    late.setLocal('camera', asTrack(lateCam));
    const people = [member('early', 1), member('late', 2)];
    early.sync(member('early', 1), people);
    late.sync(member('late', 2), people);
    await drain();

    const descriptions = sent.filter((s) => s.signal.type !== 'candidate').map((s) => `${s.from}:${s.signal.type}`);
    expect(descriptions).toEqual(['late:offer', 'early:answer']);
    expect(pcOf(early, 'late')?.signalingState).toBe('stable');
    expect(pcOf(late, 'early')?.signalingState).toBe('stable');
    // Each side's tracks went out on the lines the offer opened, and arrive in the same slots.
    const fromEarly = late.remote('early');
    const fromLate = early.remote('late');
    expect(fromEarly.audio?.kind).toBe('audio');
    expect(fromEarly.camera?.kind).toBe('video');
    expect(fromEarly.screen).toBeNull();
    expect(fromLate.camera?.kind).toBe('video');
    const earlyPc = pcOf(early, 'late');
    expect(earlyPc?.getTransceivers().map((t) => t.sender.track)).toEqual([earlyMic, earlyCam]);
  });

  it('opens audio and video lines even when the offerer has nothing to send, so the other side can still send', async () => {
    const { mesh } = room(['early', 'late']);
    const early = mesh('early');
    early.setLocal('camera', asTrack(new FakeTrack('video')));
    const people = [member('early', 1), member('late', 2)];
    early.sync(member('early', 1), people);
    mesh('late').sync(member('late', 2), people);
    await drain();
    expect(mesh('late').remote('early').camera).not.toBeNull();
    expect(pcOf(mesh('late'), 'early')?.getTransceivers().map((t) => [t.kind, t.currentDirection])).toEqual([
      ['audio', 'sendonly'],
      ['video', 'sendrecv'],
    ]);
  });

  it('sends candidates both ways and applies them after the description they belong to', async () => {
    const { mesh, sent, hold, release } = room(['early', 'late']);
    const people = [member('early', 1), member('late', 2)];
    hold();
    mesh('early').sync(member('early', 1), people);
    mesh('late').sync(member('late', 2), people);
    await drain();
    // The offerer's candidate goes out right behind its offer, before the answer is back.
    pcOf(mesh('late'), 'early')?.gather();
    release();
    await drain();
    pcOf(mesh('early'), 'late')?.gather();
    await drain();
    expect(sent.filter((s) => s.signal.type === 'candidate').map((s) => s.from)).toEqual(['late', 'early']);
    expect(pcOf(mesh('early'), 'late')?.candidates).toHaveLength(1);
    expect(pcOf(mesh('late'), 'early')?.candidates).toHaveLength(1);
  });

  it('keeps signals from someone it does not know yet until the state that names them arrives', async () => {
    const { mesh } = room(['early', 'late']);
    const early = mesh('early');
    const late = mesh('late');
    const people = [member('early', 1), member('late', 2)];
    late.sync(member('late', 2), people);
    await drain();
    // The offer reached "early" before its own session_state listing "late".
    early.sync(member('early', 1), [member('early', 1)]);
    await drain();
    expect(early.connections().size).toBe(0);
    early.sync(member('early', 1), people);
    await drain();
    expect(pcOf(early, 'late')?.signalingState).toBe('stable');
    expect(pcOf(late, 'early')?.signalingState).toBe('stable');
  });

  it('renegotiates a screen share from either side, and it arrives as a screen, not a camera', async () => {
    const { mesh, sent } = room(['early', 'late']);
    const early = mesh('early');
    const late = mesh('late');
    early.setLocal('camera', asTrack(new FakeTrack('video')));
    late.setLocal('camera', asTrack(new FakeTrack('video')));
    const people = [member('early', 1), member('late', 2)];
    early.sync(member('early', 1), people);
    late.sync(member('late', 2), people);
    await drain();

    const screen = new FakeTrack('video', 'screen');
    early.setLocal('screen', asTrack(screen));
    await drain();
    expect(sent.filter((s) => s.signal.type === 'offer').map((s) => s.from)).toEqual(['late', 'early']);
    expect(late.remote('early').screen).not.toBeNull();
    expect(late.remote('early').camera).not.toBe(late.remote('early').screen);

    early.setLocal('screen', null);
    await drain();
    const line = pcOf(early, 'late')?.getTransceivers().at(-1);
    expect(line?.direction).toBe('inactive');
    expect(line?.sender.track).toBeNull();

    late.setLocal('screen', asTrack(new FakeTrack('video', 'screen')));
    await drain();
    expect(early.remote('late').screen).not.toBeNull();
    expect(pcOf(early, 'late')?.signalingState).toBe('stable');
  });

  it('starts sending on the open video line when a camera comes on later (either side)', async () => {
    const { mesh } = room(['early', 'late']);
    const early = mesh('early');
    const late = mesh('late');
    const people = [member('early', 1), member('late', 2)];
    early.sync(member('early', 1), people);
    late.sync(member('late', 2), people);
    await drain();
    expect(late.remote('early').camera).toBeNull();

    early.setLocal('camera', asTrack(new FakeTrack('video')));
    await drain();
    expect(late.remote('early').camera).not.toBeNull();
    expect(late.remote('early').screen).toBeNull();
    expect(pcOf(early, 'late')?.getTransceivers()).toHaveLength(2);
  });

  it('settles crossing offers: the polite side (lower joined_seq) gives way', async () => {
    const { mesh, hold, release } = room(['early', 'late']);
    const early = mesh('early');
    const late = mesh('late');
    const people = [member('early', 1), member('late', 2)];
    early.sync(member('early', 1), people);
    late.sync(member('late', 2), people);
    await drain();

    hold();
    early.setLocal('screen', asTrack(new FakeTrack('video', 'screen')));
    late.setLocal('screen', asTrack(new FakeTrack('video', 'screen')));
    await drain();
    expect(pcOf(early, 'late')?.signalingState).toBe('have-local-offer');
    expect(pcOf(late, 'early')?.signalingState).toBe('have-local-offer');
    release();
    await drain();
    expect(pcOf(early, 'late')?.signalingState).toBe('stable');
    expect(pcOf(late, 'early')?.signalingState).toBe('stable');
    expect(early.remote('late').screen).not.toBeNull();
    expect(late.remote('early').screen).not.toBeNull();
  });

  it('silences a hard-muted person’s audio here as well, and lets it through again when allowed', async () => {
    const { mesh } = room(['early', 'late']);
    const early = mesh('early');
    mesh('late').setLocal('audio', asTrack(new FakeTrack('audio')));
    early.sync(member('early', 1), [member('early', 1), member('late', 2, true)]);
    mesh('late').sync(member('late', 2), [member('early', 1), member('late', 2)]);
    await drain();
    const audio = early.remote('late').audio;
    expect(audio?.enabled).toBe(false);
    early.sync(member('early', 1), [member('early', 1), member('late', 2, false)]);
    expect(audio?.enabled).toBe(true);
  });

  it('has the offerer restart ICE when a connection fails', () => {
    const { mesh } = room(['early', 'late']);
    mesh('early').sync(member('early', 1), [member('late', 2)]);
    mesh('late').sync(member('late', 2), [member('early', 1)]);
    pcOf(mesh('early'), 'late')?.setConnectionState('failed');
    pcOf(mesh('late'), 'early')?.setConnectionState('failed');
    expect(pcOf(mesh('early'), 'late')?.restarts).toBe(0);
    expect(pcOf(mesh('late'), 'early')?.restarts).toBe(1);
  });

  it('follows places: someone who goes to another room is disconnected, and reconnected with a new offer when back', async () => {
    const { mesh, sent } = room(['early', 'late']);
    const early = mesh('early');
    const late = mesh('late');
    early.setLocal('camera', asTrack(new FakeTrack('video')));
    late.setLocal('camera', asTrack(new FakeTrack('video')));
    early.sync(member('early', 1), [member('late', 2)]);
    late.sync(member('late', 2), [member('early', 1)]);
    await drain();
    const first = pcOf(early, 'late');
    expect(first?.signalingState).toBe('stable');

    // Late goes to breakout room 1; early stays in the main room. Each state names only the
    // people in one's own place, so both drop the connection.
    late.sync({ participantId: 'late', joinedSeq: 2, place: 1 }, []);
    early.sync(member('early', 1), []);
    expect(first?.closed).toBe(true);
    expect(early.connections().size).toBe(0);
    expect(late.connections().size).toBe(0);
    expect(early.remote('late')).toEqual({ audio: null, camera: null, screen: null });

    // Called back: both meet again in the main room, on new connections, late offering again.
    sent.length = 0;
    late.sync({ participantId: 'late', joinedSeq: 2, place: 0 }, [member('early', 1)]);
    early.sync(member('early', 1), [member('late', 2)]);
    await drain();
    expect(sent.filter((s) => s.signal.type !== 'candidate').map((s) => `${s.from}:${s.signal.type}`)).toEqual([
      'late:offer',
      'early:answer',
    ]);
    expect(pcOf(early, 'late')).not.toBe(first);
    expect(pcOf(early, 'late')?.signalingState).toBe('stable');
    expect(early.remote('late').camera).not.toBeNull();
  });

  it('keeps the connection of people who move together (called back from the same breakout room)', async () => {
    const { mesh } = room(['a', 'b']);
    mesh('a').sync({ participantId: 'a', joinedSeq: 1, place: 1 }, [member('b', 2)]);
    mesh('b').sync({ participantId: 'b', joinedSeq: 2, place: 1 }, [member('a', 1)]);
    await drain();
    const pc = pcOf(mesh('a'), 'b');
    mesh('a').sync({ participantId: 'a', joinedSeq: 1, place: 0 }, [member('b', 2)]);
    expect(pcOf(mesh('a'), 'b')).toBe(pc);
    expect(pc?.closed).toBe(false);
  });

  it('closes everything for good on close()', () => {
    const { mesh } = room(['a']);
    mesh('a').sync(member('a', 1), [member('b', 2)]);
    const pc = pcOf(mesh('a'), 'b');
    mesh('a').close();
    expect(pc?.closed).toBe(true);
    mesh('a').sync(member('a', 1), [member('b', 2)]);
    expect(mesh('a').connections().size).toBe(0);
  });
});

describe('signalOf', () => {
  it('accepts the protocol’s shapes and nothing else', () => {
    expect(signalOf({ type: 'offer', sdp: 'v=0' })).toEqual({ type: 'offer', sdp: 'v=0' });
    expect(signalOf({ type: 'candidate', candidate: { candidate: '', sdpMid: '0', sdpMLineIndex: 0 } })).toEqual({
      type: 'candidate',
      candidate: { candidate: '', sdpMid: '0', sdpMLineIndex: 0 },
    });
    expect(signalOf({ type: 'candidate', candidate: { candidate: 'candidate:1' } })).toEqual({
      type: 'candidate',
      candidate: { candidate: 'candidate:1', sdpMid: null, sdpMLineIndex: null },
    });
    expect(signalOf({ type: 'offer' })).toBeNull();
    expect(signalOf({ type: 'rollback', sdp: '' })).toBeNull();
    expect(signalOf('offer')).toBeNull();
    expect(signalOf({ type: 'candidate', candidate: 'candidate:1' })).toBeNull();
  });
});
