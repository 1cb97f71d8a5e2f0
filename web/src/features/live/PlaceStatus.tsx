import { useId, useState } from 'react';
import { SelectField } from '../../base/ui/Field';
import {
  asidePartner,
  asidePlace,
  asideWords,
  assignedRoomOf,
  breakoutRoomHere,
  facilitatorAside,
  mainRoom,
} from './breakouts';
import { BreakoutClock } from './BreakoutClock';
import type { Command } from './FacilitatorPanel';
import { selfIn, type Broadcast, type RoomView } from './sessionState';

interface Props {
  view: RoomView;
  clockOffsetMs: number;
  broadcast: Broadcast | null;
  command: Command;
  onDismissBroadcast: () => void;
}

/**
 * Where one is, above the gallery: a breakout room (its lead, the time left, the warning, a call
 * for a facilitator), a private word, or the main room while a facilitator is away; the
 * facilitators' broadcast; and a room to choose when the facilitator lets people choose.
 */
export function PlaceStatus({ view, clockOffsetMs, broadcast, command, onDismissBroadcast }: Props) {
  const choosing = view.role === 'participant' && view.breakouts.choosing && view.breakouts.stage !== 'none';
  return (
    <>
      {broadcast && <BroadcastNotice broadcast={broadcast} onDismiss={onDismissBroadcast} />}
      {view.place > mainRoom && (
        <BreakoutStatus key={view.place} view={view} clockOffsetMs={clockOffsetMs} command={command} />
      )}
      {view.place === asidePlace && <AsideStatus view={view} command={command} />}
      {view.place === mainRoom && <MainRoomStatus view={view} clockOffsetMs={clockOffsetMs} />}
      {choosing && <RoomChooser view={view} command={command} />}
    </>
  );
}

function BroadcastNotice({ broadcast, onDismiss }: { broadcast: Broadcast; onDismiss: () => void }) {
  return (
    <div className="notice notice--info live-broadcast">
      <p>
        <strong>{broadcast.name} to all rooms:</strong> <span className="live-broadcast__text">{broadcast.text}</span>
      </p>
      <button type="button" className="button button--small button--quiet" onClick={onDismiss}>
        Dismiss <span className="visually-hidden">the message to all rooms</span>
      </button>
    </div>
  );
}

function BreakoutStatus({ view, clockOffsetMs, command }: { view: RoomView; clockOffsetMs: number; command: Command }) {
  const room = breakoutRoomHere(view);
  // Said at once when the server accepts the call, then as long as the room's state shows it:
  // a facilitator's visit answers it.
  const [asked, setAsked] = useState(false);
  const requested = room?.helpRequested === true;
  const [seen, setSeen] = useState(requested);
  if (seen !== requested) {
    setSeen(requested);
    if (!requested) setAsked(false);
  }
  const leadUserId = room?.leadUserId ?? '';
  const lead = leadUserId === '' ? null : (view.participants.find((p) => p.userId === leadUserId) ?? null);
  const facilitatorVisiting = view.role === 'facilitator';
  return (
    <div className="live-place stack">
      {lead && <p>{lead.participantId === view.you ? 'You are this room’s peer lead.' : `Peer lead: ${lead.name}`}</p>}
      <BreakoutClock view={view} clockOffsetMs={clockOffsetMs} />
      {view.breakouts.warned && (
        <p className="notice notice--warning">Less than a minute left: everyone goes back to the main room soon.</p>
      )}
      <div className="actions">
        {facilitatorVisiting ? (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void command('session.breakout_visit', { room: mainRoom })}
          >
            Back to the main room
          </button>
        ) : (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              void command('session.help').then((sent) => {
                if (sent) setAsked(true);
              });
            }}
          >
            Ask for a facilitator
          </button>
        )}
        <span role="status">
          {!facilitatorVisiting && (asked || requested) ? 'A facilitator has been asked to join this room.' : ''}
        </span>
      </div>
    </div>
  );
}

function AsideStatus({ view, command }: { view: RoomView; command: Command }) {
  const partner = asidePartner(view);
  return (
    <div className="live-place stack">
      <p className="notice notice--info">
        {asideWords(partner)} Nobody else sees or hears you here.
      </p>
      {view.role === 'facilitator' && (
        <div className="actions">
          <button type="button" className="button" onClick={() => void command('session.aside_end')}>
            Return to the group
          </button>
        </div>
      )}
    </div>
  );
}

/** The main room while the breakout rooms are open (facilitators, anyone not assigned) or a facilitator is aside. */
function MainRoomStatus({ view, clockOffsetMs }: { view: RoomView; clockOffsetMs: number }) {
  const away = facilitatorAside(view);
  const open = view.breakouts.stage === 'open';
  if (!away && !open) return null;
  return (
    <div className="live-place stack">
      {open && <p>The breakout rooms are open. You are in the main room.</p>}
      {open && <BreakoutClock view={view} clockOffsetMs={clockOffsetMs} />}
      {/* Who went with them is theirs to tell: only the facilitator is named. */}
      {away && (
        <p className="notice notice--info">{away.name} is speaking with someone privately and will be back soon.</p>
      )}
    </div>
  );
}

function RoomChooser({ view, command }: { view: RoomView; command: Command }) {
  const headingId = useId();
  const me = selfIn(view);
  const mine = me ? assignedRoomOf(view.breakouts, me.userId) : mainRoom;
  const [chosen, setChosen] = useState<number | null>(null);
  const { rooms, cap, stage } = view.breakouts;
  const value = chosen ?? mine;
  return (
    <section aria-labelledby={headingId} className="live-place stack">
      <h3 id={headingId}>Choose a breakout room</h3>
      <p>{mine === mainRoom ? 'You have not chosen a room yet.' : `Your room: breakout room ${mine}.`}</p>
      <SelectField
        label="Breakout room"
        hint={stage === 'open' ? 'You move there at once.' : 'You go there when the rooms open.'}
        value={String(value)}
        onChange={(event) => {
          setChosen(Number(event.target.value));
        }}
      >
        <option value={mainRoom}>No room: stay in the main room</option>
        {rooms.map((room) => {
          const full = room.assigned.length >= cap && room.number !== mine;
          return (
            <option key={room.number} value={room.number} disabled={full}>
              {`Room ${room.number} (${room.assigned.length} of ${cap}${full ? ', full' : ''})`}
            </option>
          );
        })}
      </SelectField>
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          disabled={value === mine}
          onClick={() => {
            void command('session.breakout_choose', { room: value }).then(() => {
              setChosen(null);
            });
          }}
        >
          {stage === 'open' ? 'Go to this room' : 'Choose this room'}
        </button>
      </div>
    </section>
  );
}
