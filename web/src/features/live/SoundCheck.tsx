import { useEffect, useId, useRef, useState } from 'react';
import { useLiveEnvironment } from './LiveEnvironment';
import { useAudioLevel } from './mediaHooks';

/** How long the test tone plays, and its pitch (A4: easy to hear, not shrill). */
const toneSeconds = 0.8;
const toneHz = 440;

/** The microphone's level as a <meter>, and a short tone to check one's speakers or headphones. */
export function SoundCheck({ audio }: { audio: MediaStreamTrack | null }) {
  const level = useAudioLevel(audio);
  const meterId = useId();
  const hintId = useId();
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={meterId} className="field__label">
          Microphone level
        </label>
        <p id={hintId} className="field__hint">
          {audio === null
            ? 'No microphone is in use.'
            : level === null
              ? 'This browser cannot show the level.'
              : 'Say something: the bar should move.'}
        </p>
        <meter
          id={meterId}
          className="level-meter"
          min={0}
          max={1}
          low={0.05}
          high={0.8}
          optimum={0.3}
          value={level ?? 0}
          aria-describedby={hintId}
        >
          {Math.round((level ?? 0) * 100)}%
        </meter>
      </div>
      <TestSound />
    </div>
  );
}

function TestSound() {
  const environment = useLiveEnvironment();
  const [playing, setPlaying] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const context = useRef<AudioContext | null>(null);

  useEffect(
    () => () => {
      void context.current?.close();
      context.current = null;
    },
    [],
  );

  const play = () => {
    context.current ??= environment.createAudioContext();
    const audio = context.current;
    if (!audio) {
      setUnavailable(true);
      return;
    }
    // A click is the user gesture browsers want before sound may start (autoplay policies).
    void audio.resume();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = toneHz;
    const start = audio.currentTime;
    // A soft start and end, so the tone does not click.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(0.3, start + 0.05);
    gain.gain.linearRampToValueAtTime(0, start + toneSeconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.onended = () => {
      setPlaying(false);
    };
    oscillator.start(start);
    oscillator.stop(start + toneSeconds);
    setPlaying(true);
  };

  return (
    <div>
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={play} disabled={playing}>
          Play test sound
        </button>
      </div>
      <p className="field__hint" role="status">
        {unavailable
          ? 'This browser cannot play the test sound.'
          : playing
            ? 'Playing a short tone…'
            : 'You should hear a short tone. If not, check your speakers or headphones and the volume.'}
      </p>
    </div>
  );
}
