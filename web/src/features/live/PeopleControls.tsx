import { useId, useState } from 'react';
import { Dialog } from '../../base/ui/Dialog';
import { asidePlace, mainRoom } from './breakouts';
import type { Command } from './FacilitatorPanel';
import { GuestMark } from './GuestMark';
import { nameWithPronouns, type LiveParticipant, type RoomView } from './sessionState';

/**
 * The facilitator's controls for each person in the room, and for everyone at once. Other
 * facilitators can be spotlighted but not muted or removed (the server allows those on
 * participants only: "every participant, not the facilitators").
 */
export function PeopleControls({ view, command }: { view: RoomView; command: Command }) {
  const headingId = useId();
  const everyoneId = useId();
  const [removing, setRemoving] = useState<LiveParticipant | null>(null);
  return (
    <>
      <section aria-labelledby={headingId} className="stack">
        <h3 id={headingId}>People in the room ({view.participants.length})</h3>
        <ul className="live-people">
          {view.participants.map((person) => (
            <li key={person.participantId} className="live-people__row">
              <span className="live-people__name">
                {nameWithPronouns(person)}
                {person.participantId === view.you && ' (you)'}
                <GuestMark person={person} />
              </span>
              {person.place !== mainRoom && <span className="meta"> {whereWords(person.place)}</span>}
              <PersonActions
                person={person}
                view={view}
                command={command}
                onRemove={() => {
                  setRemoving(person);
                }}
              />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={everyoneId} className="stack">
        <h3 id={everyoneId}>Everyone</h3>
        <div className="row-actions">
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void command('session.mute', { all: true })}
          >
            Mute everyone
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void command('session.mute', { all: true, hard: true })}
          >
            Hard mute everyone
          </button>
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void command('session.allow_unmute', { all: true })}
          >
            Allow everyone to unmute
          </button>
        </div>
        <p className="field__hint">
          These reach participants, not facilitators. After a hard mute, people cannot unmute until you allow it.
        </p>
      </section>
      {removing && (
        <Dialog
          role="alertdialog"
          title={`Remove ${removing.name} from this session?`}
          description={<p>They leave at once and cannot join this session again. The time they attended so far is kept.</p>}
          onCancel={() => {
            setRemoving(null);
          }}
        >
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                const person = removing;
                setRemoving(null);
                void command('session.remove', { participant_id: person.participantId });
              }}
            >
              Remove
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setRemoving(null);
              }}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

function whereWords(place: number): string {
  return place === asidePlace ? 'in a private conversation' : `in breakout room ${place}`;
}

function PersonActions({
  person,
  view,
  command,
  onRemove,
}: {
  person: LiveParticipant;
  view: RoomView;
  command: Command;
  onRemove: () => void;
}) {
  const id = { participant_id: person.participantId };
  const name = person.participantId === view.you ? 'yourself' : person.name;
  const spotlit = view.spotlight === person.participantId;
  const act = (type: string, fields: Record<string, unknown> = id) => () => void command(type, fields);
  // The visible words stay short; the name says whom ("Stop camera of Avery M.") and starts
  // with the visible words, so speech input finds the button by what it shows (WCAG 2.5.3).
  const button = (label: string, onClick: () => void, joiner = '') => (
    <button
      type="button"
      className="button button--small button--quiet"
      aria-label={`${label}${joiner} ${name}`}
      onClick={onClick}
    >
      {label}
    </button>
  );
  const spotlight = spotlit
    ? button('Remove spotlight', act('session.spotlight', { participant_id: null }), ' from')
    : button('Spotlight', act('session.spotlight'));
  if (person.role === 'facilitator') return <div className="row-actions">{spotlight}</div>;
  // One private word at a time (the server refuses a second): while one goes on, the person in it
  // can be brought back, and nobody else taken aside.
  const someoneAside = view.participants.some((p) => p.place === asidePlace);
  const aside =
    person.place === asidePlace ? (
      <button type="button" className="button button--small" onClick={act('session.aside_end', {})}>
        Return to the group <span className="visually-hidden">with {person.name}</span>
      </button>
    ) : (
      !someoneAside && (
        <button
          type="button"
          className="button button--small button--quiet"
          aria-label={`Take aside ${name} for a private word`}
          onClick={act('session.pull_aside')}
        >
          Take aside
        </button>
      )
    );
  return (
    <div className="row-actions">
      {aside}
      {!person.muted && button('Mute', act('session.mute'))}
      {person.hardMuted
        ? button('Allow unmute', act('session.allow_unmute'), ' for')
        : button('Hard mute', act('session.mute', { ...id, hard: true }))}
      {person.cameraOn && button('Stop camera', act('session.stop_camera'), ' of')}
      {person.handRaised && button('Lower hand', act('session.lower_hand'), ' of')}
      {spotlight}
      {button('Send to waiting room', act('session.send_back'), ':')}
      <button
        type="button"
        className="button button--small button--danger"
        aria-label={`Remove ${name}`}
        onClick={onRemove}
      >
        Remove
      </button>
    </div>
  );
}
