import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { SelectField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { ConnectionCheck } from './ConnectionCheck';
import { DevicePreview } from './devicePreview';
import { useLiveEnvironment } from './LiveEnvironment';
import type { JoinMedia } from './liveSession';
import { refusalText } from './refusals';
import { MediaHelp } from './MediaHelp';
import { useMediaElement } from './mediaHooks';
import { SoundCheck } from './SoundCheck';
import { useFocusOnMount } from './useFocusOnMount';

const pick = (deviceId: string): MediaTrackConstraints | true => (deviceId ? { deviceId: { exact: deviceId } } : true);

/**
 * The first screen of a live session: one's camera and microphone, a test sound, the connection,
 * and how one wants to join. Whatever the browser allows, joining stays possible (audio only, or
 * with no media at all).
 */
export function DeviceCheck({
  occurrenceId,
  joining,
  joinError,
  onJoin,
  focusOnMount,
}: {
  /** The session: the connection check asks for its ICE servers. */
  occurrenceId: string;
  joining: boolean;
  /** Why the last join was refused (a protocol error code). */
  joinError: string | null;
  onJoin: (media: JoinMedia) => void;
  focusOnMount: boolean;
}) {
  const environment = useLiveEnvironment();
  const preview = useMemo(() => new DevicePreview(environment), [environment]);
  const snapshot = useSyncExternalStore(preview.subscribe, preview.getSnapshot);
  const [microphoneOff, setMicrophoneOff] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [audioOnly, setAudioOnly] = useState(false);
  const headingId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  const joinAlert = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void preview.check();
    return () => {
      preview.stop();
    };
  }, [preview]);

  // A refused join stopped the tracks it was given: ask for them again, and say why.
  useEffect(() => {
    if (joinError === null) return;
    joinAlert.current?.focus();
    void preview.check();
  }, [joinError, preview]);

  const setVideo = (off: boolean, only: boolean) => {
    setCameraOff(off);
    setAudioOnly(only);
    void preview.wantVideo(!off && !only);
  };

  const join = () => {
    const { audio, video } = preview.handOver();
    onJoin({
      audio,
      camera: video,
      microphoneOn: !microphoneOff,
      cameraOn: !cameraOff && !audioOnly,
      audioOnly,
      audioConstraints: pick(snapshot.choice.microphoneId),
      videoConstraints: pick(snapshot.choice.cameraId),
    });
  };

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Check your camera and microphone
      </h2>
      <div className="device-check">
        <CameraPreview video={snapshot.video} videoWanted={snapshot.videoWanted} checking={snapshot.checking} />
        <div className="stack">
          <MediaHelp
            audioProblem={snapshot.audioProblem}
            videoProblem={snapshot.videoWanted ? snapshot.videoProblem : null}
            onCheckAgain={() => void preview.check()}
          />
          {snapshot.cameras.length > 0 && (
            <SelectField
              label="Camera"
              value={snapshot.choice.cameraId || snapshot.cameras[0]?.deviceId}
              onChange={(event) => void preview.chooseCamera(event.target.value)}
            >
              {snapshot.cameras.map((device) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label}
                </option>
              ))}
            </SelectField>
          )}
          {snapshot.microphones.length > 0 && (
            <SelectField
              label="Microphone"
              value={snapshot.choice.microphoneId || snapshot.microphones[0]?.deviceId}
              onChange={(event) => void preview.chooseMicrophone(event.target.value)}
            >
              {snapshot.microphones.map((device) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label}
                </option>
              ))}
            </SelectField>
          )}
          <SoundCheck audio={snapshot.audio} />
        </div>
      </div>
      <fieldset className="fieldset">
        <legend className="field__label">How you join</legend>
        <div className="checks">
          <Check checked={microphoneOff} onChange={setMicrophoneOff}>
            Join with my microphone muted
          </Check>
          <Check
            checked={cameraOff}
            onChange={(off) => {
              setVideo(off, audioOnly);
            }}
          >
            Join with my camera off
          </Check>
          <Check
            checked={audioOnly}
            onChange={(only) => {
              setVideo(cameraOff, only);
            }}
          >
            Audio only: my camera stays off and the others’ video is not shown (easier on an older device)
          </Check>
        </div>
      </fieldset>
      <ConnectionCheck occurrenceId={occurrenceId} />
      {joinError && (
        <FormAlert ref={joinAlert} title="You could not join.">
          <p>{refusalText(joinError, 'join')}</p>
        </FormAlert>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={join} disabled={joining || snapshot.checking}>
          {joining ? 'Joining…' : 'Join'}
        </button>
      </div>
    </section>
  );
}

function CameraPreview({
  video,
  videoWanted,
  checking,
}: {
  video: MediaStreamTrack | null;
  videoWanted: boolean;
  checking: boolean;
}) {
  const attach = useMediaElement([video]);
  const captionId = useId();
  return (
    <figure className="device-check__preview" aria-labelledby={captionId}>
      {video ? (
        <video ref={attach} className="device-check__video" muted playsInline />
      ) : (
        <div className="device-check__blank">
          <p>{checking ? 'Starting your camera…' : videoWanted ? 'No camera picture.' : 'Your camera is off.'}</p>
        </div>
      )}
      <figcaption id={captionId}>Your camera preview (only you see it until you join)</figcaption>
    </figure>
  );
}

function Check({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: string;
}) {
  const inputId = useId();
  return (
    <div className="check">
      <input
        id={inputId}
        type="checkbox"
        className="checkbox"
        checked={checked}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      <label htmlFor={inputId}>{children}</label>
    </div>
  );
}
