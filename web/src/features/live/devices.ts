/**
 * Cameras and microphones: what a getUserMedia failure means for the person in front of it, the
 * constraints for the devices they picked, and the pickers' lists. Pure, so the words are tested.
 */

/** Why the browser gave no camera or microphone, in the terms the help text needs. */
export type MediaProblem = 'denied' | 'not-found' | 'in-use' | 'unsupported' | 'other';

/**
 * From the DOMException names of Media Capture and Streams §10.2 (getUserMedia): NotAllowedError
 * when the person or a policy refused, NotFoundError / OverconstrainedError when there is no such
 * device, NotReadableError when the hardware is held by another program.
 */
export function mediaProblemOf(error: unknown): MediaProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'not-found';
    case 'NotReadableError':
    case 'AbortError':
      return 'in-use';
    case 'NotSupportedError':
      return 'unsupported';
    default:
      return 'other';
  }
}

export interface DeviceChoice {
  /** The chosen device, or '' for the browser's default. */
  microphoneId: string;
  cameraId: string;
}

/** getUserMedia constraints for what is wanted, on the chosen devices (`exact`: no silent swap). */
export function constraintsFor(choice: DeviceChoice, want: { audio: boolean; video: boolean }): MediaStreamConstraints {
  const pick = (deviceId: string): MediaTrackConstraints | true =>
    deviceId ? { deviceId: { exact: deviceId } } : true;
  return {
    audio: want.audio ? pick(choice.microphoneId) : false,
    video: want.video ? pick(choice.cameraId) : false,
  };
}

export interface DeviceOption {
  deviceId: string;
  label: string;
}

/**
 * The devices of one kind for a picker. Before permission is given, browsers list devices without
 * labels (Media Capture and Streams §9.2.1, privacy): those are numbered instead.
 */
export function devicesOfKind(devices: readonly MediaDeviceInfo[], kind: 'audioinput' | 'videoinput'): DeviceOption[] {
  const noun = kind === 'audioinput' ? 'Microphone' : 'Camera';
  return devices
    .filter((device) => device.kind === kind && device.deviceId !== '')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `${noun} ${index + 1}` }));
}
