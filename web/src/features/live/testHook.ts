import type { ServerFrame } from '../../base/realtime/connection';
import type { LiveSession, MediaMode } from './liveSession';
import { othersIn } from './sessionState';

/** What the end-to-end tests may reach on `window.__hearthLive`. */
export interface LiveTestHook {
  /** The page's connections bringing others' media, for getStats() (frames decoded, per person). */
  peerConnections: () => RTCPeerConnection[];
  /** The same by the name of the person each brings (packets from one person). */
  peerConnectionOf: (name: string) => RTCPeerConnection | null;
  /** Janus mode: the connection publishing one's own media (it receives nothing). */
  publishingConnection: () => RTCPeerConnection | null;
  /** How media travels, as the `session.join` ack said. */
  media: () => MediaMode | null;
  /** A session request on the page's own connection, answered with the ack or rejected with the error. */
  request: (type: string, fields?: Record<string, unknown>) => Promise<ServerFrame>;
}

declare global {
  interface Window {
    __hearthLive?: LiveTestHook;
  }
}

/**
 * Exposes the session to end-to-end tests, and only when the browser is driven by automation:
 * `navigator.webdriver` is true under WebDriver and Playwright (W3C WebDriver §7.1,
 * "webdriver-active flag") and false for everyone else, so ordinary visitors' pages carry
 * nothing extra. A query flag would not do: anyone could add it to a link. What the hook reaches
 * is no more than the page's own script can already do (a second WebSocket to send a request
 * would count as joining from another tab and move the person there: docs/protocol/realtime.md,
 * "A second tab"). Returns the function that takes it away again.
 */
export function exposeForTests(session: LiveSession): () => void {
  if (!navigator.webdriver) return () => undefined;
  const hook: LiveTestHook = {
    peerConnections: () => [...session.connections().values()],
    peerConnectionOf: (name) => {
      const person = othersIn(session.getSnapshot().state.view).find((p) => p.name === name);
      return (person && session.connections().get(person.participantId)) ?? null;
    },
    publishingConnection: () => session.publishingConnection(),
    media: () => session.mediaMode(),
    request: (type, fields = {}) => session.request(type, fields),
  };
  window.__hearthLive = hook;
  return () => {
    if (window.__hearthLive === hook) delete window.__hearthLive;
  };
}
