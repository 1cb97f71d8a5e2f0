/**
 * The device check's camera and microphone: it asks the browser for both at once (one permission
 * prompt), finds out which one is missing when that fails, follows the pickers, and hands the
 * tracks over to the session on joining; whatever it still holds when the page goes, it stops, so
 * no camera light stays on. Framework-free, read through subscribe/getSnapshot.
 */
import {
  constraintsFor,
  devicesOfKind,
  mediaProblemOf,
  type DeviceChoice,
  type DeviceOption,
  type MediaProblem,
} from './devices';

export interface PreviewMedia {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  enumerateDevices(): Promise<MediaDeviceInfo[]>;
}

export interface PreviewSnapshot {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  audioProblem: MediaProblem | null;
  videoProblem: MediaProblem | null;
  microphones: DeviceOption[];
  cameras: DeviceOption[];
  choice: DeviceChoice;
  /** The camera is wanted (not "camera off" or "audio only"). */
  videoWanted: boolean;
  checking: boolean;
}

type Kind = 'audio' | 'video';

export class DevicePreview {
  private snapshot: PreviewSnapshot = {
    audio: null,
    video: null,
    audioProblem: null,
    videoProblem: null,
    microphones: [],
    cameras: [],
    choice: { microphoneId: '', cameraId: '' },
    videoWanted: true,
    checking: false,
  };
  private readonly listeners = new Set<() => void>();
  /** Bumped by every request for a kind, so an answer that arrives after a newer request is dropped. */
  private readonly asked: Record<Kind, number> = { audio: 0, video: 0 };
  private stopped = false;

  constructor(private readonly media: PreviewMedia) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PreviewSnapshot => this.snapshot;

  /** Asks for the microphone and, if wanted, the camera: on opening the page and on "Check again". */
  async check(): Promise<void> {
    this.stopped = false;
    const asked = { audio: ++this.asked.audio, video: ++this.asked.video };
    const { choice, videoWanted } = this.snapshot;
    this.update({ checking: true });
    let found: Record<Kind, { track: MediaStreamTrack | null; problem: MediaProblem | null }>;
    try {
      const stream = await this.media.getUserMedia(constraintsFor(choice, { audio: true, video: videoWanted }));
      found = {
        audio: { track: stream.getAudioTracks()[0] ?? null, problem: null },
        video: { track: stream.getVideoTracks()[0] ?? null, problem: null },
      };
    } catch (error) {
      const problem = mediaProblemOf(error);
      if (problem === 'denied' || problem === 'unsupported' || !videoWanted) {
        // Asking again one by one would only prompt the person again for what they refused.
        found = { audio: { track: null, problem }, video: { track: null, problem: videoWanted ? problem : null } };
      } else {
        // One of the two is missing or busy: each on its own keeps the one that works.
        found = { audio: await this.capture('audio'), video: await this.capture('video') };
      }
    }
    for (const kind of ['audio', 'video'] as const) {
      if (this.stillWanted(kind, asked[kind])) this.put(kind, found[kind].track, found[kind].problem);
      else found[kind].track?.stop();
    }
    await this.listDevices();
    this.update({ checking: false });
  }

  async chooseMicrophone(deviceId: string): Promise<void> {
    this.update({ choice: { ...this.snapshot.choice, microphoneId: deviceId } });
    await this.replace('audio');
  }

  async chooseCamera(deviceId: string): Promise<void> {
    this.update({ choice: { ...this.snapshot.choice, cameraId: deviceId } });
    if (this.snapshot.videoWanted) await this.replace('video');
  }

  /** Camera off (or audio only) stops the camera now; on again asks for it again. */
  async wantVideo(wanted: boolean): Promise<void> {
    if (wanted === this.snapshot.videoWanted) return;
    this.update({ videoWanted: wanted });
    if (wanted) {
      await this.replace('video');
    } else {
      this.asked.video += 1;
      this.put('video', null, null);
    }
  }

  /** The tracks, now the caller's to stop; the preview forgets them. */
  handOver(): { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } {
    const { audio, video } = this.snapshot;
    this.asked.audio += 1;
    this.asked.video += 1;
    this.update({ audio: null, video: null });
    return { audio, video };
  }

  /** Stops whatever the preview still holds, and any answer still on its way. */
  stop(): void {
    this.stopped = true;
    this.asked.audio += 1;
    this.asked.video += 1;
    this.snapshot.audio?.stop();
    this.snapshot.video?.stop();
    this.update({ audio: null, video: null, checking: false });
  }

  private async replace(kind: Kind): Promise<void> {
    const asked = ++this.asked[kind];
    const { track, problem } = await this.capture(kind);
    if (!this.stillWanted(kind, asked)) {
      track?.stop();
      return;
    }
    this.put(kind, track, problem);
    await this.listDevices();
  }

  /** No newer request for `kind` since `asked`, and the preview still runs. */
  private stillWanted(kind: Kind, asked: number): boolean {
    return asked === this.asked[kind] && !this.stopped;
  }

  private async capture(kind: Kind): Promise<{ track: MediaStreamTrack | null; problem: MediaProblem | null }> {
    try {
      const stream = await this.media.getUserMedia(
        constraintsFor(this.snapshot.choice, { audio: kind === 'audio', video: kind === 'video' }),
      );
      const track = (kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
      return { track, problem: track ? null : 'not-found' };
    } catch (error) {
      return { track: null, problem: mediaProblemOf(error) };
    }
  }

  private put(kind: Kind, track: MediaStreamTrack | null, problem: MediaProblem | null): void {
    const old = this.snapshot[kind];
    if (old && old !== track) old.stop();
    this.update(kind === 'audio' ? { audio: track, audioProblem: problem } : { video: track, videoProblem: problem });
  }

  private async listDevices(): Promise<void> {
    try {
      const devices = await this.media.enumerateDevices();
      this.update({ microphones: devicesOfKind(devices, 'audioinput'), cameras: devicesOfKind(devices, 'videoinput') });
    } catch {
      // Without the list there are no pickers; the browser's default devices still work.
    }
  }

  private update(change: Partial<PreviewSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
