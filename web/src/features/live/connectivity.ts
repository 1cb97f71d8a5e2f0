/**
 * The device check's connection test: the round trip of a `ping` over the tab's real-time
 * connection (the path every signal takes), whether the browser can make a peer connection at
 * all, and the route video can take. For the route, `session.check` hands out the ICE servers a
 * join would (docs/protocol/realtime.md, "Live sessions (video)"), and a peer connection with a
 * data channel gathers candidates through them: a `relay` candidate proves the TURN server
 * answered and let us allocate, a `srflx` one that a STUN server answered (RFC 8445 §5.1.1).
 * That is as far as a test without a second browser can go: no media is sent.
 */
import { RealtimeError, type ConnectionStatus, type ServerFrame } from '../../base/realtime/connection';
import { iceServersOf } from './sessionState';

/** The part of RealtimeConnection a ping needs. */
export interface PingConnection {
  readonly status: ConnectionStatus;
  /** Sends without waiting for an ack: `ping` is answered by `pong`, not `ack`. */
  notify(type: string, fields?: Record<string, unknown>): boolean;
  onFrame(listener: (frame: ServerFrame) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

let pings = 0;

/**
 * Milliseconds from `ping` to its `pong`; null without an answer within `timeoutMs`. A connection
 * still opening (the page was just loaded) is waited for within the same time.
 */
export function measureRoundTrip(
  connection: PingConnection,
  timeoutMs = 5_000,
  now: () => number = () => performance.now(),
): Promise<number | null> {
  pings += 1;
  const id = `live-check-${pings}`;
  return new Promise((resolve) => {
    let started = 0;
    let stopStatus: () => void = () => undefined;
    const finish = (result: number | null) => {
      clearTimeout(timer);
      stopFrames();
      stopStatus();
      resolve(result);
    };
    const stopFrames = connection.onFrame((frame) => {
      if (frame.type === 'pong' && frame.id === id) finish(Math.round(now() - started));
    });
    const timer = setTimeout(() => {
      finish(null);
    }, timeoutMs);
    const ping = () => {
      started = now();
      if (!connection.notify('ping', { id })) finish(null);
    };
    if (connection.status === 'open') {
      ping();
      return;
    }
    stopStatus = connection.onStatus((status) => {
      if (status === 'open') ping();
    });
  });
}

/**
 * The round trip in words. ITU-T G.114 keeps one-way delay under 150 ms for natural conversation;
 * the whole trip is judged by it here, which errs on the careful side.
 */
export function roundTripText(ms: number | null): string {
  if (ms === null) return 'Hearth did not answer. Check your internet connection, then check again.';
  const judgement = ms < 150 ? 'good' : ms < 400 ? 'usable' : 'slow: video may stutter';
  return `Hearth answered in ${ms} ms (${judgement}).`;
}

/** The part of RealtimeConnection the route check needs besides a ping's. */
export interface CheckConnection extends PingConnection {
  request(type: string, fields?: Record<string, unknown>): Promise<ServerFrame>;
}

/** What a candidate offers (RFC 8445 §5.1.1; the `typ` of a candidate line, RFC 8839 §5.1). */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

const candidateTypes: readonly string[] = ['host', 'srflx', 'prflx', 'relay'];

/**
 * A gathered candidate's type: the browser's `type` where it has one, else the `typ` of its line;
 * null for the end of candidates (an empty line) or a type this does not know.
 */
export function candidateTypeOf(candidate: { type?: string | null; candidate?: string }): CandidateType | null {
  if (typeof candidate.type === 'string' && candidateTypes.includes(candidate.type)) {
    return candidate.type as CandidateType;
  }
  const typ = / typ (\S+)/.exec(candidate.candidate ?? '')?.[1] ?? '';
  return candidateTypes.includes(typ) ? (typ as CandidateType) : null;
}

/** Which kinds of server a list of ICE servers names, by URL scheme (stun/stuns: RFC 7064; turn/turns: RFC 7065). */
export function iceServerKinds(servers: readonly RTCIceServer[]): { stun: boolean; turn: boolean } {
  const schemes = servers
    .flatMap((server) => (typeof server.urls === 'string' ? [server.urls] : server.urls))
    .map((url) => url.slice(0, Math.max(0, url.indexOf(':'))).toLowerCase());
  return {
    stun: schemes.some((scheme) => scheme === 'stun' || scheme === 'stuns'),
    turn: schemes.some((scheme) => scheme === 'turn' || scheme === 'turns'),
  };
}

/** The route video can take from here, as far as gathering candidates can tell. */
export type Route =
  /** No STUN or TURN server: browsers connect directly (fine on one network). */
  | { kind: 'direct' }
  /** A TURN server is configured; `reached`: a relay candidate came. */
  | { kind: 'relay'; reached: boolean }
  /** Only STUN servers; `reached`: a server-reflexive candidate came. */
  | { kind: 'stun'; reached: boolean };

/** What the servers and the candidates gathered through them say about the route. */
export function routeOf(servers: readonly RTCIceServer[], gathered: readonly CandidateType[]): Route {
  const kinds = iceServerKinds(servers);
  if (kinds.turn) return { kind: 'relay', reached: gathered.includes('relay') };
  if (kinds.stun) return { kind: 'stun', reached: gathered.includes('srflx') };
  return { kind: 'direct' };
}

/**
 * The route in plain words, and how it reads: `good`, `neutral`, or a `warning` (never a reason
 * not to join: video may still work, and the chat and the room do regardless).
 */
export function routeText(route: Route): { text: string; tone: 'good' | 'neutral' | 'warning' } {
  switch (route.kind) {
    case 'direct':
      return {
        text: 'This Hearth server connects video directly between browsers. That works well when everyone is on the same network.',
        tone: 'neutral',
      };
    case 'relay':
      return route.reached
        ? { text: 'Video can pass through Hearth’s relay server, even on strict networks.', tone: 'good' }
        : {
            text:
              'Hearth’s relay server could not be reached from this network. You can still join, but video may ' +
              'fail on strict networks (some workplaces, schools and hotels). If it does, try another network, ' +
              'or ask your IT department to allow Hearth’s relay server.',
            tone: 'warning',
          };
    case 'stun':
      return route.reached
        ? { text: 'Video can usually connect directly with people on other networks.', tone: 'good' }
        : {
            text:
              'This network did not let Hearth find a route for video beyond it. You can still join, but video ' +
              'with people on other networks may not connect. If it does not, try another network.',
            tone: 'warning',
          };
  }
}

/**
 * Gathers ICE candidates through `iceServers`: a peer connection with a data channel (something
 * to negotiate, so that gathering starts) makes an offer and collects candidate types until
 * gathering completes, `stopAt` comes (nothing more to learn), or `timeoutMs` passes; an
 * unreachable TURN server can keep gathering going for much longer. The connection is closed at
 * the end. A browser that refuses the servers (a malformed URL) gathers nothing.
 */
export function gatherCandidates(
  createPeerConnection: (configuration: RTCConfiguration) => RTCPeerConnection,
  iceServers: RTCIceServer[],
  { stopAt, timeoutMs = 5_000 }: { stopAt?: CandidateType; timeoutMs?: number } = {},
): Promise<CandidateType[]> {
  return new Promise((resolve) => {
    const gathered: CandidateType[] = [];
    let pc: RTCPeerConnection | null = null;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (pc) {
        pc.onicecandidate = null;
        pc.onicegatheringstatechange = null;
        pc.close();
      }
      resolve(gathered);
    };
    const timer = setTimeout(finish, timeoutMs);
    try {
      pc = createPeerConnection({ iceServers });
    } catch {
      finish();
      return;
    }
    const connection = pc;
    connection.onicecandidate = (event) => {
      if (event.candidate === null) {
        finish();
        return;
      }
      const type = candidateTypeOf(event.candidate);
      if (type) gathered.push(type);
      if (type !== null && type === stopAt) finish();
    };
    connection.onicegatheringstatechange = () => {
      if (connection.iceGatheringState === 'complete') finish();
    };
    try {
      connection.createDataChannel('hearth-check');
    } catch {
      finish();
      return;
    }
    void connection.setLocalDescription().catch(finish);
  });
}

/** Resolves true once `connection` is open, false if it is not within `timeoutMs`. */
function whenOpen(connection: PingConnection, timeoutMs: number): Promise<boolean> {
  if (connection.status === 'open') return Promise.resolve(true);
  return new Promise((resolve) => {
    const stop = connection.onStatus((status) => {
      if (status !== 'open') return;
      clearTimeout(timer);
      stop();
      resolve(true);
    });
    const timer = setTimeout(() => {
      stop();
      resolve(false);
    }, timeoutMs);
  });
}

/** The route check's answer: a route, or the code `session.check` was refused with (`offline` here too). */
export type RouteCheck = Route | { kind: 'unchecked'; code: string };

/**
 * Asks `session.check` for this session's ICE servers and gathers candidates through them
 * (`gather`: the browser's gathering, or a test's). With no server to try there is nothing to
 * gather: the route is direct.
 */
export async function checkRoute(
  connection: CheckConnection | null,
  occurrenceId: string,
  gather: (iceServers: RTCIceServer[], stopAt: CandidateType) => Promise<CandidateType[]>,
  timeoutMs = 5_000,
): Promise<RouteCheck> {
  if (!connection || !(await whenOpen(connection, timeoutMs))) return { kind: 'unchecked', code: 'offline' };
  let ack: ServerFrame;
  try {
    ack = await connection.request('session.check', { occurrence_id: occurrenceId });
  } catch (error) {
    return { kind: 'unchecked', code: error instanceof RealtimeError ? error.code : 'internal' };
  }
  const iceServers = iceServersOf(ack);
  const kinds = iceServerKinds(iceServers);
  if (!kinds.turn && !kinds.stun) return routeOf(iceServers, []);
  return routeOf(iceServers, await gather(iceServers, kinds.turn ? 'relay' : 'srflx'));
}
