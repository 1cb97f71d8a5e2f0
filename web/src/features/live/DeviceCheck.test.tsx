import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeLiveEnvironment, type FakeDevices } from '../../testing/fakeLiveEnvironment';
import { DeviceCheck } from './DeviceCheck';
import { LiveEnvironmentProvider } from './LiveEnvironment';
import type { JoinMedia } from './liveSession';

function renderCheck(devices: FakeDevices = {}, joinError: string | null = null) {
  const fake = fakeLiveEnvironment(devices);
  const onJoin = vi.fn<(media: JoinMedia) => void>();
  const view = render(
    <LiveEnvironmentProvider environment={fake.environment}>
      <DeviceCheck occurrenceId="o1" joining={false} joinError={joinError} onJoin={onJoin} focusOnMount={false} />
    </LiveEnvironmentProvider>,
  );
  return { ...fake, onJoin, view };
}

const joinedWith = (onJoin: ReturnType<typeof renderCheck>['onJoin']) => onJoin.mock.calls[0]?.[0];

describe('DeviceCheck', () => {
  it('explains how to allow the camera when the browser refuses, and still lets one join without it', async () => {
    const user = userEvent.setup();
    const { onJoin, requests } = renderCheck({ refuse: { both: 'NotAllowedError' } });
    const help = await screen.findByRole('alert');
    expect(help).toHaveTextContent('Your browser is not letting Hearth use your camera and microphone.');
    expect(within(help).getByText(/the left end of the address bar/)).toBeInTheDocument();
    expect(help).toHaveTextContent('You can still join without them');
    // One prompt only: a refusal is not asked again kind by kind.
    expect(requests).toHaveLength(1);
    expect(screen.getByText('No camera picture.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(joinedWith(onJoin)).toMatchObject({ audio: null, camera: null });
  });

  it('finds out which device is missing, and offers to join with sound only', async () => {
    const user = userEvent.setup();
    const { onJoin } = renderCheck({
      refuse: { both: 'NotFoundError', video: 'NotFoundError' },
      devices: [{ kind: 'audioinput', deviceId: 'mic-1', label: 'Headset microphone' }],
    });
    const help = await screen.findByRole('alert');
    expect(help).toHaveTextContent('We could not find a camera.');
    expect(help).toHaveTextContent('You can still join with sound only');
    expect(help).not.toHaveTextContent('microphone.');
    expect(await screen.findByRole('combobox', { name: 'Microphone' })).toHaveValue('mic-1');
    expect(screen.getByRole('meter', { name: 'Microphone level' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Join' }));
    const media = joinedWith(onJoin);
    expect(media?.audio?.kind).toBe('audio');
    expect(media?.camera).toBeNull();
  });

  it('says when the camera is busy in another program', async () => {
    renderCheck({ refuse: { both: 'NotReadableError', video: 'NotReadableError' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your camera is busy: another program');
  });

  it('shows the preview, and turns the camera off (its light too) when one joins with it off', async () => {
    const user = userEvent.setup();
    const { onJoin, tracks } = renderCheck({
      devices: [
        { kind: 'videoinput', deviceId: 'cam-1', label: 'Built-in camera' },
        { kind: 'videoinput', deviceId: 'cam-2', label: 'USB camera' },
      ],
    });
    expect(await screen.findByRole('combobox', { name: 'Camera' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: /Your camera preview/ })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: 'Join with my camera off' }));
    await waitFor(() => {
      expect(tracks.find((track) => track.kind === 'video')?.readyState).toBe('ended');
    });
    expect(screen.getByText('Your camera is off.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Join with my microphone muted' }));
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(joinedWith(onJoin)).toMatchObject({ camera: null, cameraOn: false, microphoneOn: false, audioOnly: false });
  });

  it('follows the camera picker with exactly that device', async () => {
    const user = userEvent.setup();
    const { requests, onJoin } = renderCheck({
      devices: [
        { kind: 'videoinput', deviceId: 'cam-1', label: 'Built-in camera' },
        { kind: 'videoinput', deviceId: 'cam-2', label: 'USB camera' },
      ],
    });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Camera' }), 'USB camera');
    await waitFor(() => {
      expect(requests.at(-1)).toEqual({ audio: false, video: { deviceId: { exact: 'cam-2' } } });
    });
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(joinedWith(onJoin)?.videoConstraints).toEqual({ deviceId: { exact: 'cam-2' } });
  });

  it('says why a join was refused', async () => {
    renderCheck({}, 'locked');
    expect(await screen.findByText('The room is locked: the facilitator is not letting anyone new in right now.')).toBeInTheDocument();
  });

  it('stops its tracks when it goes away without joining', async () => {
    const { tracks, view } = renderCheck();
    await screen.findByRole('figure', { name: /Your camera preview/ });
    await waitFor(() => {
      expect(tracks).toHaveLength(2);
    });
    view.unmount();
    expect(tracks.map((track) => track.readyState)).toEqual(['ended', 'ended']);
  });
});
