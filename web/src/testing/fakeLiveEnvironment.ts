import type { CandidateType } from '../features/live/connectivity';
import type { LiveEnvironment } from '../features/live/LiveEnvironment';
import { asStream, FakePeerConnection, FakeStream, FakeTrack } from './fakeWebRtc';

export interface FakeDevices {
  /** What getUserMedia does: a DOMException name to refuse with, per kind; absent: it works. */
  refuse?: { audio?: string; video?: string; both?: string };
  devices?: { kind: MediaDeviceKind; deviceId: string; label: string }[];
  /** What gathering ICE candidates finds (the device check's route test); none unless told. */
  gathered?: CandidateType[];
  /** Whether the browser can make a peer connection at all; it can unless told. */
  webRtc?: boolean;
}

/**
 * A browser for live-session component tests: cameras and microphones that answer as told
 * (including the refusals of Media Capture §10.2), fake WebRTC, no Web Audio. It keeps every track
 * it hands out, so a test can check that they were stopped, and the ICE servers each gathering
 * was given.
 */
export function fakeLiveEnvironment(options: FakeDevices = {}) {
  const tracks: FakeTrack[] = [];
  const requests: MediaStreamConstraints[] = [];
  const gatherings: { iceServers: RTCIceServer[]; stopAt: CandidateType }[] = [];
  const environment: LiveEnvironment = {
    getUserMedia: (constraints) => {
      requests.push(constraints);
      const audio = constraints.audio !== false && constraints.audio !== undefined;
      const video = constraints.video !== false && constraints.video !== undefined;
      const refusal =
        (audio && video ? options.refuse?.both : undefined) ??
        (audio ? options.refuse?.audio : undefined) ??
        (video ? options.refuse?.video : undefined);
      if (refusal) return Promise.reject(new DOMException('refused', refusal));
      const made = [...(audio ? [new FakeTrack('audio')] : []), ...(video ? [new FakeTrack('video')] : [])];
      tracks.push(...made);
      return Promise.resolve(asStream(new FakeStream(made)));
    },
    getDisplayMedia: () => Promise.reject(new DOMException('no screens here', 'NotAllowedError')),
    enumerateDevices: () =>
      Promise.resolve(
        (options.devices ?? []).map((device) => ({ ...device, groupId: '', toJSON: () => ({}) })),
      ),
    createPeerConnection: FakePeerConnection.factory,
    createAudioContext: () => null,
    canUseWebRtc: () => options.webRtc ?? true,
    gatherIceCandidates: (iceServers, stopAt) => {
      gatherings.push({ iceServers, stopAt });
      return Promise.resolve(options.gathered ?? []);
    },
  };
  return { environment, tracks, requests, gatherings };
}
