import { describe, expect, it } from 'vitest';
import { constraintsFor, devicesOfKind, mediaProblemOf } from './devices';

const device = (kind: MediaDeviceKind, deviceId: string, label = '') =>
  ({ kind, deviceId, label, groupId: '', toJSON: () => ({}) }) as MediaDeviceInfo;

describe('mediaProblemOf', () => {
  it('reads the browser’s error names', () => {
    expect(mediaProblemOf(new DOMException('no', 'NotAllowedError'))).toBe('denied');
    expect(mediaProblemOf(new DOMException('none', 'NotFoundError'))).toBe('not-found');
    expect(mediaProblemOf({ name: 'OverconstrainedError' })).toBe('not-found');
    expect(mediaProblemOf(new DOMException('busy', 'NotReadableError'))).toBe('in-use');
    expect(mediaProblemOf(new DOMException('http', 'NotSupportedError'))).toBe('unsupported');
    expect(mediaProblemOf(new Error('?'))).toBe('other');
    expect(mediaProblemOf(null)).toBe('other');
  });
});

describe('constraintsFor', () => {
  it('asks for the picked devices exactly, or the defaults, and nothing unwanted', () => {
    expect(constraintsFor({ microphoneId: 'mic-2', cameraId: '' }, { audio: true, video: true })).toEqual({
      audio: { deviceId: { exact: 'mic-2' } },
      video: true,
    });
    expect(constraintsFor({ microphoneId: '', cameraId: 'cam-1' }, { audio: true, video: false })).toEqual({
      audio: true,
      video: false,
    });
  });
});

describe('devicesOfKind', () => {
  it('lists one kind, numbering devices whose names the browser keeps back until permission', () => {
    const devices = [
      device('audioinput', 'mic-1', 'Headset microphone'),
      device('videoinput', 'cam-1'),
      device('audioinput', 'mic-2'),
      device('audiooutput', 'out-1', 'Speakers'),
      device('videoinput', ''),
    ];
    expect(devicesOfKind(devices, 'audioinput')).toEqual([
      { deviceId: 'mic-1', label: 'Headset microphone' },
      { deviceId: 'mic-2', label: 'Microphone 2' },
    ]);
    expect(devicesOfKind(devices, 'videoinput')).toEqual([{ deviceId: 'cam-1', label: 'Camera 1' }]);
  });
});
