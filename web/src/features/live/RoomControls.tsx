import { useId } from 'react';
import type { LiveSession, LiveSnapshot } from './liveSession';
import { maySharePresenter, reactions, reactionSymbol, reactionWord, selfIn, type RoomView } from './sessionState';

/**
 * One's own controls in the room: microphone, camera, hand, reactions, screen, chat and leaving.
 * Toggles carry aria-pressed with a fixed name ("Microphone", pressed = on), so a screen reader
 * says both what the button is and its state.
 */
export function RoomControls({
  session,
  snapshot,
  view,
  chatOpen,
  chatPanelId,
  onToggleChat,
}: {
  session: LiveSession;
  snapshot: LiveSnapshot;
  view: RoomView;
  chatOpen: boolean;
  chatPanelId: string;
  onToggleChat: () => void;
}) {
  const me = selfIn(view);
  const hardMuted = me?.hardMuted === true;
  const hardMutedId = useId();
  const reactionsId = useId();
  return (
    <div className="live-controls" role="group" aria-label="Your controls">
      <div className="live-controls__item">
        <button
          type="button"
          className="button live-toggle"
          aria-pressed={snapshot.micOn}
          disabled={hardMuted}
          aria-describedby={hardMuted ? hardMutedId : undefined}
          onClick={() => void session.setMicrophone(!snapshot.micOn)}
        >
          Microphone
          <span className="live-toggle__state" aria-hidden="true">
            {snapshot.micOn ? 'on' : 'off'}
          </span>
        </button>
        {hardMuted && (
          <span id={hardMutedId} className="live-controls__note">
            The facilitator muted you
          </span>
        )}
      </div>
      <button
        type="button"
        className="button live-toggle"
        aria-pressed={snapshot.cameraOn}
        onClick={() => void session.setCamera(!snapshot.cameraOn)}
      >
        Camera
        <span className="live-toggle__state" aria-hidden="true">
          {snapshot.cameraOn ? 'on' : 'off'}
        </span>
      </button>
      {maySharePresenter(view) && (
        <button
          type="button"
          className="button live-toggle"
          aria-pressed={snapshot.sharing}
          onClick={() => void session.setSharing(!snapshot.sharing)}
        >
          Share screen
          <span className="live-toggle__state" aria-hidden="true">
            {snapshot.sharing ? 'on' : 'off'}
          </span>
        </button>
      )}
      <button type="button" className="button button--quiet" onClick={() => void session.setHand(!me?.handRaised)}>
        {me?.handRaised ? 'Lower hand' : 'Raise hand'}
      </button>
      <div className="live-controls__reactions" role="group" aria-labelledby={reactionsId}>
        <span id={reactionsId} className="live-controls__label">
          React
        </span>
        {reactions.map((reaction) => (
          <button
            key={reaction}
            type="button"
            className="button button--quiet live-reaction"
            aria-label={`React with ${reactionWord(reaction)}`}
            onClick={() => void session.react(reaction)}
          >
            <span aria-hidden="true">{reactionSymbol(reaction)}</span>
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button button--quiet"
        aria-expanded={chatOpen}
        aria-controls={chatPanelId}
        onClick={onToggleChat}
      >
        Chat
      </button>
      <button type="button" className="button button--danger" onClick={() => void session.leave()}>
        Leave
      </button>
    </div>
  );
}
