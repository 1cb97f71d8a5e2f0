import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeError, type ConnectionStatus, type ServerFrame } from '../../base/realtime/connection';
import {
  candidateTypeOf,
  checkRoute,
  gatherCandidates,
  iceServerKinds,
  measureRoundTrip,
  roundTripText,
  routeOf,
  routeText,
  type CandidateType,
  type CheckConnection,
  type PingConnection,
} from './connectivity';

function fakeConnection(status: ConnectionStatus = 'open') {
  const listeners = new Set<(frame: ServerFrame) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const sent: Record<string, unknown>[] = [];
  const connection = {
    status,
    notify: (type: string, fields: Record<string, unknown> = {}) => {
      if (connection.status !== 'open') return false;
      sent.push({ type, ...fields });
      return true;
    },
    onFrame: (listener: (frame: ServerFrame) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus: (listener: (status: ConnectionStatus) => void) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  } satisfies PingConnection;
  const frame = (value: ServerFrame) => {
    for (const listener of [...listeners]) listener(value);
  };
  const open = () => {
    connection.status = 'open';
    for (const listener of [...statusListeners]) listener('open');
  };
  return { connection, sent, frame, open, listeners, statusListeners };
}

describe('measureRoundTrip', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('times a ping to the pong with its id, ignoring other pongs', async () => {
    const { connection, sent, frame, listeners } = fakeConnection();
    let clock = 1000;
    const measured = measureRoundTrip(connection, 5000, () => clock);
    const id = sent[0]?.id;
    expect(sent[0]).toMatchObject({ type: 'ping' });
    clock = 1020;
    frame({ type: 'pong', id: 'someone-else' });
    clock = 1042;
    frame({ type: 'pong', id });
    await expect(measured).resolves.toBe(42);
    expect(listeners.size).toBe(0);
  });

  it('waits for a connection that is still opening, and gives up after the time-out', async () => {
    const opening = fakeConnection('connecting');
    const measured = measureRoundTrip(opening.connection, 5000, () => 7);
    expect(opening.sent).toEqual([]);
    opening.open();
    opening.frame({ type: 'pong', id: opening.sent[0]?.id });
    await expect(measured).resolves.toBe(0);
    expect(opening.statusListeners.size).toBe(0);

    const silent = fakeConnection('reconnecting');
    const unanswered = measureRoundTrip(silent.connection, 5000);
    vi.advanceTimersByTime(5000);
    await expect(unanswered).resolves.toBeNull();
  });

  it('says it in words', () => {
    expect(roundTripText(42)).toBe('Hearth answered in 42 ms (good).');
    expect(roundTripText(250)).toBe('Hearth answered in 250 ms (usable).');
    expect(roundTripText(900)).toBe('Hearth answered in 900 ms (slow: video may stutter).');
    expect(roundTripText(null)).toMatch(/did not answer/);
  });
});

// Candidate lines as Chromium writes them (RFC 8839 §5.1), addresses from the documentation ranges.
const lines = {
  host: 'candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host generation 0 ufrag aB3d network-id 1',
  srflx: 'candidate:2 1 udp 1686052607 203.0.113.7 50123 typ srflx raddr 192.0.2.10 rport 54400 generation 0',
  relay: 'candidate:3 1 udp 41885439 198.51.100.4 61000 typ relay raddr 203.0.113.7 rport 50123 generation 0',
};
const stun: RTCIceServer = { urls: 'stun:turn.example.org:3478' };
const turn: RTCIceServer = {
  urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349?transport=tcp'],
  username: '1764000000:x7Qa',
  credential: 'c2VjcmV0',
};

describe('candidateTypeOf', () => {
  it('takes the browser’s type, else the typ of the line', () => {
    expect(candidateTypeOf({ type: 'relay', candidate: lines.host })).toBe('relay');
    expect(candidateTypeOf({ candidate: lines.srflx })).toBe('srflx');
    expect(candidateTypeOf({ type: null, candidate: lines.relay })).toBe('relay');
    expect(candidateTypeOf({ candidate: lines.host })).toBe('host');
  });

  it('reads the end of candidates and types it does not know as none', () => {
    expect(candidateTypeOf({ candidate: '' })).toBeNull();
    expect(candidateTypeOf({ type: 'wormhole', candidate: 'candidate:4 1 udp 1 192.0.2.1 1 typ wormhole' })).toBeNull();
    // "raddr" names an address, not a type: only the word after "typ" counts.
    expect(candidateTypeOf({ candidate: 'candidate:5 1 udp 1 192.0.2.1 1 raddr relay' })).toBeNull();
  });
});

describe('iceServerKinds', () => {
  it('tells STUN from TURN by scheme, in one URL or several', () => {
    expect(iceServerKinds([])).toEqual({ stun: false, turn: false });
    expect(iceServerKinds([stun])).toEqual({ stun: true, turn: false });
    expect(iceServerKinds([turn])).toEqual({ stun: false, turn: true });
    expect(iceServerKinds([{ urls: ['STUNS:a.example:5349'] }, { urls: 'TURN:a.example' }])).toEqual({ stun: true, turn: true });
    expect(iceServerKinds([{ urls: 'https://not.ice.example' }])).toEqual({ stun: false, turn: false });
  });
});

describe('routeOf and routeText', () => {
  it('with a TURN server, the route is through the relay if a relay candidate came', () => {
    const reached = routeOf([stun, turn], ['host', 'srflx', 'relay']);
    expect(reached).toEqual({ kind: 'relay', reached: true });
    expect(routeText(reached)).toEqual({
      text: 'Video can pass through Hearth’s relay server, even on strict networks.',
      tone: 'good',
    });
    // A STUN answer does not prove the relay: the relay is what strict networks need.
    const missed = routeOf([stun, turn], ['host', 'srflx']);
    expect(missed).toEqual({ kind: 'relay', reached: false });
    expect(routeText(missed).tone).toBe('warning');
    expect(routeText(missed).text).toMatch(/^Hearth’s relay server could not be reached from this network\. You can still join/);
    expect(routeText(missed).text).toMatch(/try another network, or ask your IT department/);
  });

  it('with STUN only, it says whether a server-reflexive candidate came', () => {
    const reached = routeOf([stun], ['host', 'srflx']);
    expect(reached).toEqual({ kind: 'stun', reached: true });
    expect(routeText(reached).tone).toBe('good');
    const missed = routeOf([stun], ['host']);
    expect(missed).toEqual({ kind: 'stun', reached: false });
    expect(routeText(missed)).toMatchObject({ tone: 'warning' });
    expect(routeText(missed).text).toMatch(/You can still join/);
  });

  it('with no server, says calmly that video connects directly', () => {
    const direct = routeOf([], ['host']);
    expect(direct).toEqual({ kind: 'direct' });
    expect(routeText(direct)).toEqual({
      text: 'This Hearth server connects video directly between browsers. That works well when everyone is on the same network.',
      tone: 'neutral',
    });
  });
});

/** A peer connection that gathers what the test tells it to, when it tells it to. */
class GatheringPc {
  static made: GatheringPc[] = [];
  onicecandidate: ((event: { candidate: { type?: string; candidate: string } | null }) => void) | null = null;
  onicegatheringstatechange: (() => void) | null = null;
  iceGatheringState: RTCIceGatheringState = 'new';
  channels: string[] = [];
  offered = false;
  closed = false;
  constructor(readonly configuration: RTCConfiguration) {
    GatheringPc.made.push(this);
  }
  static create = (configuration: RTCConfiguration) => new GatheringPc(configuration) as unknown as RTCPeerConnection;
  createDataChannel(label: string) {
    this.channels.push(label);
    return {};
  }
  setLocalDescription() {
    this.offered = true;
    this.iceGatheringState = 'gathering';
    return Promise.resolve();
  }
  close() {
    this.closed = true;
  }
  gather(line: string) {
    this.onicecandidate?.({ candidate: { candidate: line } });
  }
  complete() {
    this.iceGatheringState = 'complete';
    this.onicegatheringstatechange?.();
    this.onicecandidate?.({ candidate: null });
  }
}

const latestPc = () => {
  const pc = GatheringPc.made.at(-1);
  if (!pc) throw new Error('no peer connection was made');
  return pc;
};

describe('gatherCandidates', () => {
  beforeEach(() => {
    GatheringPc.made = [];
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('offers a data channel through the servers and collects every type until gathering completes', async () => {
    const gathered = gatherCandidates(GatheringPc.create, [stun, turn]);
    await Promise.resolve();
    const pc = latestPc();
    expect(pc.configuration).toEqual({ iceServers: [stun, turn] });
    expect(pc.channels).toHaveLength(1);
    expect(pc.offered).toBe(true);
    pc.gather(lines.host);
    pc.gather(lines.srflx);
    pc.complete();
    await expect(gathered).resolves.toEqual(['host', 'srflx']);
    expect(pc.closed).toBe(true);
    expect(pc.onicecandidate).toBeNull();
  });

  it('stops as soon as the candidate it waits for comes', async () => {
    const gathered = gatherCandidates(GatheringPc.create, [turn], { stopAt: 'relay' });
    await Promise.resolve();
    latestPc().gather(lines.host);
    latestPc().gather(lines.relay);
    await expect(gathered).resolves.toEqual(['host', 'relay']);
    expect(latestPc().closed).toBe(true);
  });

  it('gives up after the time-out with what it has: an unreachable relay may keep it going long', async () => {
    const gathered = gatherCandidates(GatheringPc.create, [turn], { stopAt: 'relay', timeoutMs: 5_000 });
    await Promise.resolve();
    latestPc().gather(lines.host);
    vi.advanceTimersByTime(4_999);
    expect(latestPc().closed).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(gathered).resolves.toEqual(['host']);
    expect(latestPc().closed).toBe(true);
  });

  it('gathers nothing when the browser refuses the servers', async () => {
    const refusing = () => {
      throw new DOMException('bad URL', 'SyntaxError');
    };
    await expect(gatherCandidates(refusing, [{ urls: 'turn:' }])).resolves.toEqual([]);
  });
});

function checkConnection(answer: (fields: Record<string, unknown>) => Promise<ServerFrame>, status: ConnectionStatus = 'open') {
  const { connection: ping, open } = fakeConnection(status);
  const requests: Record<string, unknown>[] = [];
  const connection: CheckConnection = Object.assign(ping, {
    request: (type: string, fields: Record<string, unknown> = {}) => {
      requests.push({ type, ...fields });
      return answer(fields);
    },
  });
  return { connection, requests, open };
}

describe('checkRoute', () => {
  const gatherer = (found: CandidateType[]) => {
    const asked: { iceServers: RTCIceServer[]; stopAt: CandidateType }[] = [];
    const gather = (iceServers: RTCIceServer[], stopAt: CandidateType) => {
      asked.push({ iceServers, stopAt });
      return Promise.resolve(found);
    };
    return { gather, asked };
  };
  const acked = (iceServers: unknown) => () => Promise.resolve({ type: 'ack', ice_servers: iceServers });

  it('asks session.check for the session and gathers through TURN until a relay candidate comes', async () => {
    const { connection, requests } = checkConnection(acked([stun, turn]));
    const { gather, asked } = gatherer(['host', 'relay']);
    await expect(checkRoute(connection, 'o1', gather)).resolves.toEqual({ kind: 'relay', reached: true });
    expect(requests).toEqual([{ type: 'session.check', occurrence_id: 'o1' }]);
    expect(asked).toEqual([{ iceServers: [stun, turn], stopAt: 'relay' }]);
  });

  it('with STUN only, gathers until a server-reflexive candidate', async () => {
    const { connection } = checkConnection(acked([stun]));
    const { gather, asked } = gatherer(['host']);
    await expect(checkRoute(connection, 'o1', gather)).resolves.toEqual({ kind: 'stun', reached: false });
    expect(asked[0]?.stopAt).toBe('srflx');
  });

  it('with no servers, or a server without any, gathers nothing: the route is direct', async () => {
    for (const servers of [[], undefined]) {
      const { connection } = checkConnection(acked(servers));
      const { gather, asked } = gatherer(['host']);
      await expect(checkRoute(connection, 'o1', gather)).resolves.toEqual({ kind: 'direct' });
      expect(asked).toEqual([]);
    }
  });

  it('says why it could not check: refused as a join would be, or no connection', async () => {
    const { connection } = checkConnection(() => Promise.reject(new RealtimeError('conflict', 'not open')));
    const { gather, asked } = gatherer(['relay']);
    await expect(checkRoute(connection, 'o1', gather)).resolves.toEqual({ kind: 'unchecked', code: 'conflict' });
    expect(asked).toEqual([]);
    await expect(checkRoute(null, 'o1', gather)).resolves.toEqual({ kind: 'unchecked', code: 'offline' });
  });

  it('waits for a connection still opening', async () => {
    const { connection, requests, open } = checkConnection(acked([]), 'connecting');
    const checked = checkRoute(connection, 'o1', gatherer([]).gather);
    await Promise.resolve();
    expect(requests).toEqual([]);
    open();
    await expect(checked).resolves.toEqual({ kind: 'direct' });
  });
});
