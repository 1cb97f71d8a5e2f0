import { useId } from 'react';
import type { WaitingView } from './sessionState';
import { useFocusOnMount } from './useFocusOnMount';

/**
 * The waiting room: one's place in line and the facilitator's message. Changes are said through
 * the page's polite live region (LivePage), not here, so nothing is read twice.
 */
export function WaitingRoom({
  view,
  onLeave,
  focusOnMount,
}: {
  view: WaitingView;
  onLeave: () => void;
  focusOnMount: boolean;
}) {
  const headingId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  return (
    <section aria-labelledby={headingId} className="stack waiting-room">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        You’re in the waiting room
      </h2>
      <p className="lead">A facilitator will let you in. You can keep this page open; nothing else is needed.</p>
      <dl className="facts">
        <div>
          <dt>Your place in line</dt>
          <dd>{view.place > 0 ? `Number ${view.place}` : 'Waiting'}</dd>
        </div>
      </dl>
      {view.waitingMessage && (
        <div className="notice notice--info">
          <p className="notice__title">Message from the facilitator</p>
          <p className="waiting-room__message">{view.waitingMessage}</p>
        </div>
      )}
      {view.locked && <p>The room is locked for now, but the facilitator can still let you in from here.</p>}
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={onLeave}>
          Leave
        </button>
      </div>
    </section>
  );
}
