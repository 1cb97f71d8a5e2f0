import { useId } from 'react';
import { formatTime } from '../../base/ui/dates';
import { BreakoutPanel, HelpCalls } from './BreakoutPanel';
import { GuestMark } from './GuestMark';
import { PeopleControls } from './PeopleControls';
import { RoomSettings } from './RoomSettings';
import { nameWithPronouns, participantById, type RoomView } from './sessionState';

/** Sends one session request; false when the server refused it (the page says why). */
export type Command = (type: string, fields?: Record<string, unknown>) => Promise<boolean>;

/**
 * What a facilitator runs the room with: the breakout rooms' calls for a facilitator first, the
 * waiting room, the hands, each person, everyone at once, the breakout rooms, the room's
 * settings, handing over and ending. Every button names the person it acts on
 * ("Mute Avery M."), so a screen reader's list of buttons makes sense on its own.
 */
export function FacilitatorPanel({
  view,
  command,
  timeZone,
  clockOffsetMs = 0,
}: {
  view: RoomView;
  command: Command;
  timeZone: string;
  /** The server's clock minus the browser's, for the breakout rooms' countdown. */
  clockOffsetMs?: number;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="live-panel stack">
      <h2 id={headingId}>Facilitator controls</h2>
      <HelpCalls view={view} command={command} />
      <WaitingList view={view} command={command} timeZone={timeZone} />
      <HandsQueue view={view} command={command} />
      <PeopleControls view={view} command={command} />
      <BreakoutPanel view={view} command={command} clockOffsetMs={clockOffsetMs} />
      <RoomSettings view={view} command={command} />
    </section>
  );
}

function WaitingList({ view, command, timeZone }: { view: RoomView; command: Command; timeZone: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>Waiting room ({view.waiting.length})</h3>
      {view.waiting.length === 0 ? (
        <p>Nobody is waiting.</p>
      ) : (
        <>
          <ul className="live-people">
            {view.waiting.map((person) => (
              <li key={person.participantId} className="live-people__row">
                <span className="live-people__name">
                  {nameWithPronouns(person)}
                  <GuestMark person={person} />
                </span>
                {person.waitingSinceMs > 0 && (
                  <span className="meta"> waiting since {formatTime(person.waitingSinceMs, timeZone)}</span>
                )}
                <div className="row-actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => void command('session.admit', { participant_id: person.participantId })}
                  >
                    Admit{' '}
                    <span className="visually-hidden">{person.name}</span>
                  </button>
                </div>
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" className="button" onClick={() => void command('session.admit', { all: true })}>
              Admit all
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function HandsQueue({ view, command }: { view: RoomView; command: Command }) {
  const headingId = useId();
  const raised = view.hands.flatMap((id) => participantById(view, id) ?? []);
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>Raised hands ({raised.length})</h3>
      {raised.length === 0 ? (
        <p>No hands are raised.</p>
      ) : (
        <ol className="live-people">
          {raised.map((person) => (
            <li key={person.participantId} className="live-people__row">
              <span className="live-people__name">
                {nameWithPronouns(person)}
                <GuestMark person={person} />
              </span>
              <div className="row-actions">
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => void command('session.lower_hand', { participant_id: person.participantId })}
                >
                  Lower hand{' '}
                  <span className="visually-hidden">of {person.name}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
