import { beforeEach, describe, expect, it } from 'vitest';
import { asTrack, drain, FakePeerConnection, FakeTrack } from '../../testing/fakeWebRtc';
import type { Signal } from './mesh';
import { Sfu, sfuPeer } from './sfu';

const iceServers = [{ urls: 'stun:stun.example.org:3478' }];

interface Sent {
  to: string;
  signal: Signal;
}

/**
 * One tab's Sfu and a stand-in for Janus behind the server: it answers the tab's publishing offers
 * with a fake connection of its own, and offers other people's media on fake connections that
 * send `tracks`, as Janus's subscriptions do. Signals cross in order, as the server relays them.
 */
function setUp() {
  const sent: Sent[] = [];
  const askedAgain: string[] = [];
  const janusPublisher: { pc: FakePeerConnection | null } = { pc: null };
  const janusOffers = new Map<string, FakePeerConnection>();
  const sfu = new Sfu({
    createPeerConnection: FakePeerConnection.factory,
    iceServers,
    send: (to, signal) => {
      sent.push({ to, signal });
      queueMicrotask(() => void janusReceives(to, signal));
    },
    receiveAgain: (participantId) => {
      askedAgain.push(participantId);
      janusOffers.delete(participantId); // Janus offers on a new handle
    },
  });

  async function janusReceives(to: string, signal: Signal) {
    if (signal.type === 'candidate') return;
    if (to === sfuPeer && signal.type === 'offer') {
      // The server passes the first offer on as `joinandconfigure`, later ones as `configure`.
      janusPublisher.pc ??= new FakePeerConnection({});
      const pc = janusPublisher.pc;
      await pc.setRemoteDescription(signal);
      await pc.setLocalDescription();
      const answer = pc.localDescription;
      if (answer) sfu.receive(sfuPeer, { type: 'answer', sdp: answer.sdp });
      return;
    }
    if (signal.type === 'answer') await janusOffers.get(to)?.setRemoteDescription(signal);
  }

  /** Janus offers `from`'s media (audio, camera, then any screen), or offers again on the same connection. */
  async function janusOffers_(from: string, tracks: FakeTrack[]) {
    let pc = janusOffers.get(from);
    if (!pc) {
      pc = new FakePeerConnection({});
      janusOffers.set(from, pc);
    }
    const sending = new Set(pc.getTransceivers().map((t) => t.sender.track));
    for (const track of tracks) if (!sending.has(track)) pc.addTransceiver(track, { direction: 'sendonly' });
    await pc.setLocalDescription();
    const offer = pc.localDescription;
    if (offer) sfu.receive(from, { type: 'offer', sdp: offer.sdp });
    await drain();
  }

  return { sfu, sent, askedAgain, janusPublisher, janusOffers, offerFrom: janusOffers_ };
}

const member = (participantId: string, joinedSeq: number, hardMuted = false) => ({ participantId, joinedSeq, hardMuted });
const descriptions = (sent: Sent[]) => sent.filter((s) => s.signal.type !== 'candidate').map((s) => `${s.to}:${s.signal.type}`);
const fake = (pc: RTCPeerConnection | null | undefined) => pc as unknown as FakePeerConnection | undefined;

describe('Sfu', () => {
  beforeEach(() => {
    FakePeerConnection.made = [];
  });

  it('publishes on entering: an offer to "sfu" with audio then video, and applies Janus’s answer', async () => {
    const { sfu, sent } = setUp();
    const mic = new FakeTrack('audio');
    const camera = new FakeTrack('video');
    sfu.setLocal('audio', asTrack(mic));
    sfu.setLocal('camera', asTrack(camera));
    sfu.sync(member('me', 2), [member('me', 2), member('priya', 1)]);
    await drain();

    expect(descriptions(sent)).toEqual(['sfu:offer']);
    const publishing = fake(sfu.publishing());
    expect(publishing?.configuration).toEqual({ iceServers });
    expect(publishing?.signalingState).toBe('stable');
    expect(publishing?.getTransceivers().map((t) => [t.kind, t.sender.track, t.currentDirection])).toEqual([
      ['audio', mic, 'sendonly'],
      ['video', camera, 'sendonly'],
    ]);
    // The publishing connection receives nothing: it is not among the others' connections.
    expect(sfu.connections().size).toBe(0);
  });

  it('opens the audio and camera lines even without a microphone or camera, and fills them later without renegotiating', async () => {
    const { sfu, sent } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    const camera = new FakeTrack('video');
    sfu.setLocal('camera', asTrack(camera));
    await drain();
    expect(descriptions(sent)).toEqual(['sfu:offer']);
    expect(fake(sfu.publishing())?.getTransceivers().map((t) => [t.kind, t.sender.track])).toEqual([
      ['audio', null],
      ['video', camera],
    ]);
  });

  it('answers Janus’s offer of each other person’s media, to that person, and gets audio and camera in their slots', async () => {
    const { sfu, sent, janusOffers, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1), member('me', 2), member('blake', 3)]);
    await drain();
    await offerFrom('priya', [new FakeTrack('audio'), new FakeTrack('video')]);
    await offerFrom('blake', [new FakeTrack('audio'), new FakeTrack('video')]);

    expect(descriptions(sent)).toEqual(['sfu:offer', 'priya:answer', 'blake:answer']);
    expect([...sfu.connections().keys()]).toEqual(['priya', 'blake']);
    expect(janusOffers.get('priya')?.signalingState).toBe('stable');
    const priya = sfu.remote('priya');
    expect(priya.audio?.kind).toBe('audio');
    expect(priya.camera?.kind).toBe('video');
    expect(priya.screen).toBeNull();
    // Receive-only: this side never offers on these connections.
    expect(fake(sfu.connections().get('blake'))?.getTransceivers().map((t) => t.currentDirection)).toEqual([
      'recvonly',
      'recvonly',
    ]);
  });

  it('sends each connection’s candidates to its own peer, and keeps them behind the description', async () => {
    const { sfu, sent, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    fake(sfu.publishing())?.gather();
    await offerFrom('priya', [new FakeTrack('audio'), new FakeTrack('video')]);
    fake(sfu.connections().get('priya'))?.gather();
    expect(sent.map((s) => `${s.to}:${s.signal.type}`)).toEqual([
      'sfu:offer',
      'sfu:candidate',
      'priya:answer',
      'priya:candidate',
    ]);
  });

  it('keeps an offer from someone it does not know yet until the state that names them arrives', async () => {
    const { sfu, sent, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    await offerFrom('blake', [new FakeTrack('audio'), new FakeTrack('video')]);
    expect(sfu.connections().size).toBe(0);
    sfu.sync(member('me', 2), [member('priya', 1), member('blake', 3)]);
    await drain();
    expect(descriptions(sent)).toEqual(['sfu:offer', 'blake:answer']);
    expect(sfu.remote('blake').camera).not.toBeNull();
  });

  it('closes the connection receiving someone who left, or came back with a new entry', async () => {
    const { sfu, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1), member('blake', 3)]);
    await drain();
    await offerFrom('priya', [new FakeTrack('audio')]);
    await offerFrom('blake', [new FakeTrack('audio')]);
    const priya = fake(sfu.connections().get('priya'));
    const blake = fake(sfu.connections().get('blake'));

    sfu.sync(member('me', 2), [member('blake', 3)]);
    expect(priya?.closed).toBe(true);
    expect([...sfu.connections().keys()]).toEqual(['blake']);
    // Blake was sent to the waiting room and let in again: a new entry, and Janus offers anew.
    sfu.sync(member('me', 2), [member('blake', 5)]);
    expect(blake?.closed).toBe(true);
    expect(sfu.connections().size).toBe(0);
    expect(sfu.remote('blake')).toEqual({ audio: null, camera: null, screen: null });
    expect(fake(sfu.publishing())?.closed).toBe(false);
  });

  it('asks Janus to offer again when a receiving connection fails, and takes the new offer on a new connection', async () => {
    const { sfu, askedAgain, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    await offerFrom('priya', [new FakeTrack('audio')]);
    const failed = fake(sfu.connections().get('priya'));
    failed?.setConnectionState('failed');
    expect(failed?.closed).toBe(true);
    expect(sfu.connections().size).toBe(0);
    expect(askedAgain).toEqual(['priya']);
    await offerFrom('priya', [new FakeTrack('audio')]);
    const again = fake(sfu.connections().get('priya'));
    expect(again).toBeDefined();
    expect(again).not.toBe(failed);
    expect(sfu.remote('priya').audio).not.toBeNull();
    expect(fake(sfu.publishing())?.closed).toBe(false);
  });

  it('starts afresh, publishing again, when this tab enters the room anew', async () => {
    const { sfu, sent, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    await offerFrom('priya', [new FakeTrack('audio')]);
    const firstPublishing = fake(sfu.publishing());
    const fromPriya = fake(sfu.connections().get('priya'));

    sfu.sync(member('me', 4), [member('priya', 1)]);
    await drain();
    expect(firstPublishing?.closed).toBe(true);
    expect(fromPriya?.closed).toBe(true);
    expect(fake(sfu.publishing())).not.toBe(firstPublishing);
    expect(descriptions(sent)).toEqual(['sfu:offer', 'priya:answer', 'sfu:offer']);
  });

  it('publishes afresh in another place: each place is a Janus room, so every connection starts again', async () => {
    const { sfu, sent, offerFrom } = setUp();
    sfu.sync({ participantId: 'me', joinedSeq: 2, place: 0 }, [member('priya', 1), member('blake', 3)]);
    await drain();
    await offerFrom('blake', [new FakeTrack('audio')]);
    const firstPublishing = fake(sfu.publishing());
    const fromBlake = fake(sfu.connections().get('blake'));

    // To breakout room 2 with Blake: even his connection goes (Janus offers him again there).
    sfu.sync({ participantId: 'me', joinedSeq: 2, place: 2 }, [member('blake', 3)]);
    await drain();
    expect(firstPublishing?.closed).toBe(true);
    expect(fromBlake?.closed).toBe(true);
    expect(sfu.connections().size).toBe(0);
    expect(fake(sfu.publishing())?.closed).toBe(false);
    expect(descriptions(sent)).toEqual(['sfu:offer', 'blake:answer', 'sfu:offer']);

    // The same place again changes nothing.
    const secondPublishing = fake(sfu.publishing());
    sfu.sync({ participantId: 'me', joinedSeq: 2, place: 2 }, [member('blake', 3)]);
    expect(fake(sfu.publishing())).toBe(secondPublishing);
  });

  it('closes the connection of someone who goes to another place, and takes a new offer when they are back', async () => {
    const { sfu, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    await offerFrom('priya', [new FakeTrack('audio'), new FakeTrack('video')]);
    const first = fake(sfu.connections().get('priya'));
    sfu.sync(member('me', 2), []);
    expect(first?.closed).toBe(true);
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await offerFrom('priya', [new FakeTrack('audio'), new FakeTrack('video')]);
    expect(fake(sfu.connections().get('priya'))).not.toBe(first);
    expect(sfu.remote('priya').camera).not.toBeNull();
  });

  it('renegotiates a screen share with a new offer to "sfu", and keeps its line when the share stops', async () => {
    const { sfu, sent, janusPublisher } = setUp();
    sfu.setLocal('camera', asTrack(new FakeTrack('video')));
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();

    const screen = new FakeTrack('video', 'screen');
    sfu.setLocal('screen', asTrack(screen));
    await drain();
    expect(descriptions(sent)).toEqual(['sfu:offer', 'sfu:offer']);
    expect(janusPublisher.pc?.getTransceivers().map((t) => t.kind)).toEqual(['audio', 'video', 'video']);
    const line = fake(sfu.publishing())?.getTransceivers().at(-1);
    expect(line?.sender.track).toBe(screen);
    expect(line?.currentDirection).toBe('sendonly');

    // Stopping and sharing again only swaps the track: no more offers.
    sfu.setLocal('screen', null);
    await drain();
    expect(line?.sender.track).toBeNull();
    const again = new FakeTrack('video', 'screen');
    sfu.setLocal('screen', asTrack(again));
    await drain();
    expect(line?.sender.track).toBe(again);
    expect(descriptions(sent)).toEqual(['sfu:offer', 'sfu:offer']);
  });

  it('answers Janus’s new offer on the same connection, and a screen arrives as a screen', async () => {
    const { sfu, sent, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    const audio = new FakeTrack('audio');
    const camera = new FakeTrack('video');
    await offerFrom('priya', [audio, camera]);
    const connection = sfu.connections().get('priya');
    const cameraTrack = sfu.remote('priya').camera;

    await offerFrom('priya', [audio, camera, new FakeTrack('video', 'screen')]);
    expect(descriptions(sent)).toEqual(['sfu:offer', 'priya:answer', 'priya:answer']);
    expect(sfu.connections().get('priya')).toBe(connection);
    expect(sfu.remote('priya').camera).toBe(cameraTrack);
    expect(sfu.remote('priya').screen).not.toBeNull();
    expect(sfu.remote('priya').screen).not.toBe(cameraTrack);
  });

  it('silences a hard-muted person’s audio here as well, and lets it through again when allowed', async () => {
    const { sfu, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1), member('avery', 3, true)]);
    await drain();
    await offerFrom('avery', [new FakeTrack('audio'), new FakeTrack('video')]);
    const audio = sfu.remote('avery').audio;
    expect(audio?.enabled).toBe(false);
    sfu.sync(member('me', 2), [member('priya', 1), member('avery', 3, false)]);
    expect(audio?.enabled).toBe(true);
    sfu.sync(member('me', 2), [member('priya', 1), member('avery', 3, true)]);
    expect(audio?.enabled).toBe(false);
  });

  it('restarts ICE on the publishing connection when it fails, which sends Janus a new offer', async () => {
    const { sfu } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    fake(sfu.publishing())?.setConnectionState('failed');
    expect(fake(sfu.publishing())?.restarts).toBe(1);
  });

  it('closes everything for good on close()', async () => {
    const { sfu, offerFrom } = setUp();
    sfu.sync(member('me', 2), [member('priya', 1)]);
    await drain();
    await offerFrom('priya', [new FakeTrack('audio')]);
    const made = [...FakePeerConnection.made];
    sfu.close();
    expect(made.filter((pc) => pc.configuration.iceServers).every((pc) => pc.closed)).toBe(true);
    sfu.sync(member('me', 2), [member('priya', 1)]);
    expect(sfu.publishing()).toBeNull();
    expect(sfu.connections().size).toBe(0);
  });
});
