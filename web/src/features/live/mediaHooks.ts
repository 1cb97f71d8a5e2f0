import { useEffect, useRef, useState } from 'react';
import { useLiveEnvironment } from './LiveEnvironment';
import { levelOfBytes, loudest, qualityOf, sampleOf, type Quality, type StatsSample } from './quality';

/**
 * A ref for a <video> or <audio> element that plays `tracks` (nulls skipped). Each element gets a
 * stream of its own, so one track can play in a preview and a tile at once. A callback ref, so an
 * element that appears later (a camera turned on) is filled at once; it only touches the element
 * when the tracks changed, so a re-render does not restart the picture.
 */
export function useMediaElement(tracks: readonly (MediaStreamTrack | null)[]) {
  const wanted = tracks.filter((track): track is MediaStreamTrack => track !== null);
  return (media: HTMLMediaElement | null) => {
    if (!media || typeof MediaStream !== 'function') return;
    const playing = media.srcObject instanceof MediaStream ? media.srcObject.getTracks() : [];
    if (playing.length === wanted.length && wanted.every((track) => playing.includes(track))) return;
    media.srcObject = wanted.length > 0 ? new MediaStream(wanted) : null;
    // Autoplay may still be refused before any click on the page; the tile then shows its name.
    if (wanted.length > 0) media.play().catch(() => undefined);
  };
}

/** How often the microphone level is read: smooth enough for a meter, light on two cores. */
const levelEveryMs = 100;

/**
 * The level (0..1) of one audio track through a Web Audio AnalyserNode, refreshed ten times a
 * second; null where the browser has no Web Audio, or without a track.
 */
export function useAudioLevel(track: MediaStreamTrack | null): number | null {
  const environment = useLiveEnvironment();
  const [level, setLevel] = useState<number | null>(null);
  useEffect(() => {
    if (!track || typeof MediaStream !== 'function') return;
    const context = environment.createAudioContext();
    if (!context) return;
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const bytes = new Uint8Array(analyser.fftSize);
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(bytes);
      setLevel(track.enabled ? levelOfBytes(bytes) : 0);
    }, levelEveryMs);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close();
      setLevel(null);
    };
  }, [track, environment]);
  return track ? level : null;
}

export interface PeerReading {
  quality: Quality;
  lossPercent: number | null;
  rttMs: number | null;
  audioLevel: number;
}

/** Statistics every half second: quick enough to follow who speaks, cheap for a handful of peers. */
const statsEveryMs = 500;

/**
 * Each peer connection's quality and incoming audio level, and who among them speaks loudest,
 * polled from getStats() while the room is shown.
 */
export function usePeerReadings(connections: () => ReadonlyMap<string, RTCPeerConnection>): {
  readings: ReadonlyMap<string, PeerReading>;
  speaking: string | null;
} {
  const [state, setState] = useState<{ readings: ReadonlyMap<string, PeerReading>; speaking: string | null }>({
    readings: new Map(),
    speaking: null,
  });
  const latest = useRef(connections);
  useEffect(() => {
    latest.current = connections;
  });
  useEffect(() => {
    const previous = new Map<string, StatsSample>();
    let stopped = false;
    const poll = async () => {
      const readings = new Map<string, PeerReading>();
      await Promise.all(
        [...latest.current()].map(async ([id, connection]) => {
          try {
            const report = await connection.getStats();
            const sample = sampleOf(report.values() as Iterable<Record<string, unknown>>);
            readings.set(id, { ...qualityOf(previous.get(id) ?? null, sample), audioLevel: sample.audioLevel ?? 0 });
            previous.set(id, sample);
          } catch {
            // A connection closed between listing and asking: it is gone from the next poll.
          }
        }),
      );
      if (stopped) return;
      const levels = new Map([...readings].map(([id, reading]) => [id, reading.audioLevel]));
      setState({ readings, speaking: loudest(levels) });
    };
    const timer = setInterval(() => void poll(), statsEveryMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return state;
}
