import type { MediaProblem } from './devices';

/**
 * Plain-language help when the browser gives no camera or microphone, and the reassurance that
 * one may join without them (others then see one's name, and the chat still works).
 */
export function MediaHelp({
  audioProblem,
  videoProblem,
  onCheckAgain,
}: {
  audioProblem: MediaProblem | null;
  videoProblem: MediaProblem | null;
  onCheckAgain: () => void;
}) {
  if (audioProblem === null && videoProblem === null) return null;
  const both = audioProblem !== null && videoProblem !== null;
  const denied = audioProblem === 'denied' || videoProblem === 'denied';
  return (
    <div className="notice notice--info stack" role="alert">
      {denied ? (
        <>
          <p className="notice__title">
            Your browser is not letting Hearth use your {deviceWords(audioProblem === 'denied', videoProblem === 'denied')}.
          </p>
          <p>To allow it:</p>
          <ol className="steps">
            <li>Select the icon at the left end of the address bar (a camera or a padlock).</li>
            <li>Set Camera and Microphone to “Allow”.</li>
            <li>Select “Check again” below. Some browsers want the page reloaded instead.</li>
          </ol>
          <p>On a phone or tablet, the same switches are in the browser’s settings for this site.</p>
        </>
      ) : (
        <>
          {audioProblem && <p>{problemText(audioProblem, 'microphone')}</p>}
          {videoProblem && <p>{problemText(videoProblem, 'camera')}</p>}
        </>
      )}
      <p>
        {both
          ? 'You can still join without them: the others see your name instead of your picture, and you can use the chat.'
          : videoProblem
            ? 'You can still join with sound only: the others see your name instead of your picture.'
            : 'You can still join and listen, and write in the chat.'}
      </p>
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onCheckAgain}>
          Check again
        </button>
      </div>
    </div>
  );
}

function deviceWords(microphone: boolean, camera: boolean): string {
  if (microphone && camera) return 'camera and microphone';
  return camera ? 'camera' : 'microphone';
}

function problemText(problem: MediaProblem, device: 'camera' | 'microphone'): string {
  switch (problem) {
    case 'not-found':
      return `We could not find a ${device}. If one is plugged in, check its cable or that it is switched on, then check again.`;
    case 'in-use':
      return `Your ${device} is busy: another program (another video call, perhaps) may be using it. Close that program, then check again.`;
    case 'unsupported':
      return `This browser cannot use a ${device} here. An up-to-date Chrome, Edge, Firefox or Safari can.`;
    case 'denied':
      return `Your browser is not letting Hearth use your ${device}.`;
    case 'other':
      return `Your ${device} could not be started.`;
  }
}
