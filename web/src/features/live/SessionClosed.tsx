import { useId } from 'react';
import { Link } from 'react-router';
import type { OutReason } from './sessionState';
import { useFocusOnMount } from './useFocusOnMount';

const words: Readonly<Record<OutReason, { title: string; text: string; rejoin: string | null }>> = {
  left: {
    title: 'You left the session',
    text: 'Your camera and microphone are off. You can join again until the session ends.',
    rejoin: 'Join again',
  },
  ended: {
    title: 'The session has ended',
    text: 'The facilitator ended it for everyone. Your camera and microphone are off.',
    rejoin: null,
  },
  removed: {
    title: 'You were removed from the session',
    text: 'A facilitator took you out of this session, and you cannot join it again. If you think this was a mistake, talk to your care team.',
    rejoin: null,
  },
  joined_elsewhere: {
    title: 'You joined from another tab or device',
    text: 'The session goes on there. This tab turned its camera and microphone off.',
    rejoin: 'Join here instead',
  },
  lost: {
    title: 'The connection was lost',
    text: 'We could not bring you back into the session. Your camera and microphone are off.',
    rejoin: 'Try to join again',
  },
};

/** After the session, for whatever reason: why, and the ways on. */
export function SessionClosed({
  reason,
  occurrenceId,
  onRejoin,
  focusOnMount,
}: {
  reason: OutReason;
  occurrenceId: string;
  onRejoin: () => void;
  focusOnMount: boolean;
}) {
  const headingId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  const { title, text, rejoin } = words[reason];
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="lead">{text}</p>
      <div className="actions">
        {rejoin && (
          <button type="button" className="button" onClick={onRejoin}>
            {rejoin}
          </button>
        )}
        <Link to="/schedule">Back to your schedule</Link>
        <Link to={`/sessions/${encodeURIComponent(occurrenceId)}`}>About this session</Link>
      </div>
    </section>
  );
}
