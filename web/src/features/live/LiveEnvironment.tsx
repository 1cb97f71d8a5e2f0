import { createContext, useContext, type ReactNode } from 'react';
import { gatherCandidates, type CandidateType } from './connectivity';
import type { LiveMedia } from './liveSession';

/**
 * The browser's cameras, microphones, screen capture, sound and WebRTC, reached through one
 * context so component tests can hand in fakes (jsdom has none of them).
 */
export interface LiveEnvironment extends LiveMedia {
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
  /** Null where the browser has no Web Audio. */
  createAudioContext(): AudioContext | null;
  /** Whether the browser can make a peer connection at all (WebRTC present and allowed). */
  canUseWebRtc(): boolean;
  /** The device check's route test: the types of the candidates gathered through `iceServers` (connectivity.ts). */
  gatherIceCandidates(iceServers: RTCIceServer[], stopAt: CandidateType): Promise<CandidateType[]>;
}

function unsupported(what: string): Promise<never> {
  return Promise.reject(new DOMException(`${what} is not available in this browser`, 'NotSupportedError'));
}

/** Absent on a page that is not a secure context (http:// other than localhost) and in jsdom. */
function mediaDevices(): MediaDevices | null {
  return 'mediaDevices' in navigator ? navigator.mediaDevices : null;
}

/** The real browser, feature-detected on each call (an insecure page has no mediaDevices). */
export const browserEnvironment: LiveEnvironment = {
  getUserMedia: (constraints) => {
    const devices = mediaDevices();
    return devices ? devices.getUserMedia(constraints) : unsupported('Camera and microphone access');
  },
  getDisplayMedia: (options) => {
    const devices = mediaDevices();
    return typeof devices?.getDisplayMedia === 'function'
      ? devices.getDisplayMedia(options)
      : unsupported('Screen sharing');
  },
  enumerateDevices: () => mediaDevices()?.enumerateDevices() ?? Promise.resolve([]),
  createPeerConnection: (configuration) => new RTCPeerConnection(configuration),
  createAudioContext: () => (typeof AudioContext === 'function' ? new AudioContext() : null),
  canUseWebRtc: () => {
    if (typeof RTCPeerConnection !== 'function') return false;
    try {
      new RTCPeerConnection().close();
      return true;
    } catch {
      return false;
    }
  },
  gatherIceCandidates: (iceServers, stopAt) =>
    gatherCandidates((configuration) => new RTCPeerConnection(configuration), iceServers, { stopAt }),
};

const LiveEnvironmentContext = createContext<LiveEnvironment>(browserEnvironment);

export function LiveEnvironmentProvider({
  environment,
  children,
}: {
  environment: LiveEnvironment;
  children: ReactNode;
}) {
  return <LiveEnvironmentContext.Provider value={environment}>{children}</LiveEnvironmentContext.Provider>;
}

export function useLiveEnvironment(): LiveEnvironment {
  return useContext(LiveEnvironmentContext);
}
