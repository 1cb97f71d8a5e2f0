import { useId, useState, type DragEvent, type ReactNode, type SyntheticEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '../../base/ui/Field';
import { assignedRoomOf, mainRoom, placeName, whereEveryoneIs, type BreakoutRoom } from './breakouts';
import { BreakoutClock } from './BreakoutClock';
import type { Command } from './FacilitatorPanel';
import type { LiveParticipant, RoomView } from './sessionState';

/** The protocol's limits (docs/protocol/realtime.md, "Breakout rooms and the pull-aside"). */
const limits = { rooms: [1, 20], cap: [2, 50], minutes: [1, 180], broadcast: 500 } as const;
const defaultCap = 4;

/**
 * What a dragged name carries: the person's user id, under a type of our own so that only a name
 * from this list is taken, and a drop of text, a file or a link is refused.
 */
const personType = 'application/x-hearth-person';

/**
 * The facilitator's breakout rooms: prepare them (before anyone arrives, too), assign people,
 * those expected but not here yet included (a select per person, so the keyboard and a screen
 * reader do it as easily as a mouse; a name can be dragged onto a room too), at random or by
 * their own choice, a peer lead per room, open them for a time, change the time, broadcast,
 * visit, call everyone back.
 */
export function BreakoutPanel({
  view,
  command,
  clockOffsetMs,
}: {
  view: RoomView;
  command: Command;
  clockOffsetMs: number;
}) {
  const headingId = useId();
  const { stage, rooms, cap } = view.breakouts;
  // Whose name is being dragged, so that a room can refuse it before the drop (full, or theirs
  // already): while dragging, a page may read a drag's types but not its data (HTML, "The drag
  // data store", protected mode).
  const [dragged, setDragged] = useState<string | null>(null);
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>Breakout rooms</h3>
      {stage === 'none' && <PrepareForm view={view} command={command} />}
      {stage !== 'none' && (
        <p>
          {rooms.length === 1 ? '1 room' : `${rooms.length} rooms`}, up to {cap} people each
          {stage === 'open' ? ', open now.' : ', ready to open.'}
        </p>
      )}
      {stage === 'open' && <OpenControls view={view} command={command} clockOffsetMs={clockOffsetMs} />}
      {stage !== 'none' && (
        <>
          <RoomList view={view} command={command} dragged={dragged} />
          <Assignments view={view} command={command} onDrag={setDragged} />
          {stage === 'prepared' && <OpenForm command={command} />}
          {stage === 'prepared' && <PrepareForm view={view} command={command} />}
        </>
      )}
    </section>
  );
}

/** The rooms that asked for a facilitator, at the top of the panel, each with a way to go there. */
export function HelpCalls({ view, command }: { view: RoomView; command: Command }) {
  const headingId = useId();
  const calling = view.breakouts.stage === 'open' ? view.breakouts.rooms.filter((room) => room.helpRequested) : [];
  if (calling.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="notice notice--danger stack">
      <h3 id={headingId}>Calls for a facilitator</h3>
      <ul className="live-people">
        {calling.map((room) => (
          <li key={room.number} className="live-people__row">
            <span className="live-people__name">Room {room.number} asked for a facilitator</span>
            <div className="row-actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => void command('session.breakout_visit', { room: room.number })}
              >
                Go to room {room.number}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function inRange(value: string, [low, high]: readonly [number, number]): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= low && n <= high ? n : null;
}

function PrepareForm({ view, command }: { view: RoomView; command: Command }) {
  const again = view.breakouts.stage !== 'none';
  const [rooms, setRooms] = useState(String(again ? view.breakouts.rooms.length : 2));
  const [cap, setCap] = useState(String(again ? view.breakouts.cap : defaultCap));
  const [tried, setTried] = useState(false);
  const roomCount = inRange(rooms, limits.rooms);
  const capCount = inRange(cap, limits.cap);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (roomCount === null || capCount === null) return;
    void command('session.breakouts_prepare', { rooms: roomCount, cap: capCount });
  };
  return (
    <form
      className="stack"
      noValidate
      onSubmit={submit}
      aria-label={again ? 'Change the breakout rooms' : 'Prepare breakout rooms'}
    >
      <div className="live-fields">
        <TextField
          label="Number of rooms"
          type="number"
          inputMode="numeric"
          min={limits.rooms[0]}
          max={limits.rooms[1]}
          value={rooms}
          error={tried && roomCount === null ? `From ${limits.rooms[0]} to ${limits.rooms[1]}.` : null}
          onChange={(event) => {
            setRooms(event.target.value);
          }}
        />
        <TextField
          label="People per room, at most"
          type="number"
          inputMode="numeric"
          min={limits.cap[0]}
          max={limits.cap[1]}
          value={cap}
          error={tried && capCount === null ? `From ${limits.cap[0]} to ${limits.cap[1]}.` : null}
          onChange={(event) => {
            setCap(event.target.value);
          }}
        />
      </div>
      <div className="actions">
        <button type="submit" className={again ? 'button button--quiet' : 'button'}>
          {again ? 'Change rooms' : 'Prepare rooms'}
        </button>
      </div>
      {again && <p className="field__hint">Assignments that still fit are kept.</p>}
    </form>
  );
}

/** Where someone on the list of assignments is now. */
type Presence = 'here' | 'waiting' | 'not_here';

interface Assignable {
  userId: string;
  name: string;
  guest: boolean;
  presence: Presence;
}

/**
 * Everyone who can be assigned by hand: the people the session expects (its seat holders by
 * name, then its guests), whether here, waiting or not here yet, then anyone in the room or
 * waiting who is not among them. Assignments are by user id and hold when someone arrives later
 * (docs/protocol/realtime.md, "Breakout rooms and the pull-aside"), so rooms can be prepared
 * before the session starts. The roster's order comes first so that a row does not move when
 * its person arrives: a facilitator going down the list by keyboard keeps their place.
 * Facilitators are never assigned: they stay in the main room and visit.
 */
function assignable(view: RoomView): Assignable[] {
  const inRoom = new Map(view.participants.map((p) => [p.userId, p]));
  const waiting = new Set(view.waiting.map((w) => w.userId));
  const presenceOf = (userId: string): Presence =>
    inRoom.has(userId) ? 'here' : waiting.has(userId) ? 'waiting' : 'not_here';
  const people: Assignable[] = [];
  const add = ({ userId, name, guest }: { userId: string; name: string; guest: boolean }) => {
    if (inRoom.get(userId)?.role === 'facilitator' || people.some((p) => p.userId === userId)) return;
    people.push({ userId, name, guest, presence: presenceOf(userId) });
  };
  for (const person of [...view.expected, ...view.participants, ...view.waiting]) add(person);
  return people;
}

/** Beside a name in the assignments: an invited guest, someone still waiting or not here yet. */
function assignHint({ guest, presence }: Assignable): string | undefined {
  const where = presence === 'waiting' ? 'in the waiting room' : presence === 'not_here' ? 'not here yet' : null;
  if (guest) return where ? `Guest, ${where}` : 'Guest';
  return where ? where.charAt(0).toUpperCase() + where.slice(1) : undefined;
}

function nameOfUser(view: RoomView, userId: string): string | null {
  const person =
    view.participants.find((p) => p.userId === userId) ??
    view.waiting.find((w) => w.userId === userId) ??
    view.expected.find((e) => e.userId === userId);
  return person?.name ?? null;
}

/** Names as a list in words, oneself as "you"; "nobody" for none. */
function namesOf(view: RoomView, people: readonly LiveParticipant[]): string {
  if (people.length === 0) return 'nobody';
  return people.map((p) => (p.participantId === view.you ? 'you' : p.name)).join(', ');
}

/** Whether a room has space for someone: fewer than its cap, or them in it already (the server refuses past the cap). */
function hasSpaceFor(room: BreakoutRoom, cap: number, userId: string): boolean {
  return room.assigned.length < cap || room.assigned.includes(userId);
}

/** Puts someone in a breakout room, or in none (`mainRoom`): the select and a dropped name alike. */
function assign(command: Command, userId: string, room: number): void {
  void command('session.breakout_assign', { user_id: userId, room });
}

/**
 * Whether a name dropped on a place moves its person: someone on the list (not a name from
 * another session's tab), to a room with space for them or to none, and not where they are.
 */
function movesTo(view: RoomView, userId: string, place: number): boolean {
  if (!assignable(view).some((person) => person.userId === userId)) return false;
  if (assignedRoomOf(view.breakouts, userId) === place) return false;
  if (place === mainRoom) return true;
  const room = view.breakouts.rooms.find((r) => r.number === place);
  return room !== undefined && hasSpaceFor(room, view.breakouts.cap, userId);
}

function Assignments({
  view,
  command,
  onDrag,
}: {
  view: RoomView;
  command: Command;
  onDrag: (userId: string | null) => void;
}) {
  const headingId = useId();
  const choosingId = useId();
  const randomHintId = useId();
  const { rooms, cap, choosing, stage } = view.breakouts;
  const people = assignable(view);
  const known = new Set(people.map((p) => p.userId));
  const unlisted = rooms.flatMap((room) => room.assigned).filter((id) => !known.has(id) && !nameOfUser(view, id));
  return (
    <section aria-labelledby={headingId} className="stack">
      <h4 id={headingId}>Who goes where</h4>
      {people.length === 0 ? (
        <p>No participants are here or expected yet.</p>
      ) : (
        <>
          <p className="field__hint">Drag a name onto a room, or pick each person’s room below.</p>
          <ul className="live-people">
            {people.map((person) => (
              // Dragging is a second way for a mouse; the select stays the way for the keyboard and
              // a screen reader, so the row takes no ARIA of its own (aria-grabbed is deprecated).
              // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- dragging a name is a shortcut; the row's select is the way for keyboards
              <li
                key={person.userId}
                className="live-people__row live-assign"
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(personType, person.userId);
                  event.dataTransfer.effectAllowed = 'move';
                  onDrag(person.userId);
                }}
                onDragEnd={() => {
                  onDrag(null);
                }}
              >
                <SelectField
                  label={`Room for ${person.name}`}
                  hint={assignHint(person)}
                  value={String(assignedRoomOf(view.breakouts, person.userId))}
                  onChange={(event) => {
                    assign(command, person.userId, Number(event.target.value));
                  }}
                >
                  <option value={mainRoom}>Not assigned</option>
                  {rooms.map((room) => {
                    const full = !hasSpaceFor(room, cap, person.userId);
                    return (
                      <option key={room.number} value={room.number} disabled={full}>
                        {`Room ${room.number} (${room.assigned.length} of ${cap}${full ? ', full' : ''})`}
                      </option>
                    );
                  })}
                </SelectField>
              </li>
            ))}
          </ul>
        </>
      )}
      {unlisted.length > 0 && (
        <p className="meta">
          {unlisted.length === 1 ? '1 person assigned earlier is' : `${unlisted.length} people assigned earlier are`} not
          in the session now; the assignment holds when they come.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          aria-describedby={randomHintId}
          onClick={() => void command('session.breakouts_random')}
        >
          Assign the rest at random
        </button>
      </div>
      {/* session.breakouts_random spreads only the participants in the room, not the waiting or absent. */}
      <p id={randomHintId} className="field__hint">
        Only participants in the room now are placed at random; assign anyone waiting or not here yet by hand.
      </p>
      <div className="check">
        <input
          id={choosingId}
          type="checkbox"
          className="checkbox"
          checked={choosing}
          onChange={(event) => void command('session.breakouts_choosing', { choosing: event.target.checked })}
        />
        <label htmlFor={choosingId}>Let people choose their room{stage === 'open' ? ' (they move at once)' : ''}</label>
      </div>
    </section>
  );
}

function RoomList({ view, command, dragged }: { view: RoomView; command: Command; dragged: string | null }) {
  const open = view.breakouts.stage === 'open';
  const target = { view, command, dragged };
  const unassigned = assignable(view).filter((p) => assignedRoomOf(view.breakouts, p.userId) === mainRoom);
  return (
    <ul className="live-breakouts">
      {view.breakouts.rooms.map((room) => (
        <DropPlace
          key={room.number}
          {...target}
          place={room.number}
          className={room.helpRequested && open ? 'live-breakout live-breakout--help' : 'live-breakout'}
        >
          <RoomCard room={room} view={view} command={command} />
        </DropPlace>
      ))}
      <DropPlace {...target} place={mainRoom} className="live-breakout">
        <div className="stack">
          <h4>Not assigned</h4>
          <p>{unassigned.length === 0 ? 'Everyone listed has a room.' : unassigned.map((p) => p.name).join(', ')}</p>
        </div>
      </DropPlace>
    </ul>
  );
}

/**
 * A room (or "Not assigned") in the list of rooms, as a place to drop a dragged name on: marked
 * while a name it would take is over it, and the drop sends what the person's select sends.
 */
function DropPlace({
  view,
  command,
  dragged,
  place,
  className,
  children,
}: {
  view: RoomView;
  command: Command;
  dragged: string | null;
  place: number;
  className: string;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  // Both dragenter and dragover are cancelled to take a drop (HTML, "Drag-and-drop processing model").
  const offer = (event: DragEvent<HTMLElement>) => {
    if (!event.dataTransfer.types.includes(personType)) return;
    if (dragged !== null && !movesTo(view, dragged, place)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    setOver(true);
  };
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- dropping a name is a shortcut; each person's select is the way for keyboards
    <li
      className={over ? `${className} live-breakout--over` : className}
      onDragEnter={offer}
      onDragOver={offer}
      onDragLeave={(event) => {
        // Leaving for one of its own children is still over it.
        const into = event.relatedTarget;
        if (!(into instanceof Node && event.currentTarget.contains(into))) setOver(false);
      }}
      onDrop={(event) => {
        setOver(false);
        const userId = event.dataTransfer.getData(personType);
        if (userId === '') return;
        event.preventDefault();
        if (movesTo(view, userId, place)) assign(command, userId, place);
      }}
    >
      {children}
    </li>
  );
}

function RoomCard({ room, view, command }: { room: BreakoutRoom; view: RoomView; command: Command }) {
  const open = view.breakouts.stage === 'open';
  const names = room.assigned.map((id) => nameOfUser(view, id) ?? 'someone not here yet');
  const here = view.participants.filter((p) => p.place === room.number);
  const visiting = view.place === room.number;
  return (
    <div className="stack">
      <h4>
        Room {room.number}
        {room.helpRequested && open && <span className="tag live-breakout__help">Asked for a facilitator</span>}
      </h4>
      <p>Assigned: {names.length === 0 ? 'nobody yet' : names.join(', ')}</p>
      {open && <p>Here now: {namesOf(view, here)}</p>}
      {room.assigned.length > 0 && (
        <SelectField
          label={`Peer lead of room ${room.number}`}
          optional
          value={room.leadUserId}
          onChange={(event) =>
            void command('session.breakout_lead', { room: room.number, user_id: event.target.value })
          }
        >
          <option value="">No peer lead</option>
          {room.assigned.map((id) => (
            <option key={id} value={id}>
              {nameOfUser(view, id) ?? 'Someone not here yet'}
            </option>
          ))}
        </SelectField>
      )}
      {open && (
        <div className="actions">
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => void command('session.breakout_visit', { room: visiting ? mainRoom : room.number })}
          >
            {visiting ? 'Back to the main room' : `Visit room ${room.number}`}
          </button>
        </div>
      )}
    </div>
  );
}

function OpenForm({ command }: { command: Command }) {
  const [minutes, setMinutes] = useState('10');
  const [tried, setTried] = useState(false);
  const count = inRange(minutes, limits.minutes);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (count !== null) void command('session.breakouts_open', { seconds: count * 60 });
  };
  return (
    <form className="stack" noValidate onSubmit={submit} aria-label="Open the breakout rooms">
      <TextField
        label="Minutes in the rooms"
        hint={
          'Everyone assigned goes to their room at once; facilitators stay in the main room and can visit. ' +
          'Everyone is warned a minute before the end.'
        }
        type="number"
        inputMode="numeric"
        min={limits.minutes[0]}
        max={limits.minutes[1]}
        value={minutes}
        error={tried && count === null ? `From ${limits.minutes[0]} to ${limits.minutes[1]} minutes.` : null}
        onChange={(event) => {
          setMinutes(event.target.value);
        }}
      />
      <div className="actions">
        <button type="submit" className="button">
          Open rooms
        </button>
      </div>
    </form>
  );
}

function OpenControls({ view, command, clockOffsetMs }: { view: RoomView; command: Command; clockOffsetMs: number }) {
  const timeId = useId();
  const add = (seconds: number) => () => void command('session.breakouts_time', { seconds });
  return (
    <div className="stack">
      <BreakoutClock view={view} clockOffsetMs={clockOffsetMs} />
      {view.breakouts.warned && (
        <p className="notice notice--warning">Less than a minute left: everyone has been warned.</p>
      )}
      <div className="row-actions" role="group" aria-labelledby={timeId}>
        <span id={timeId} className="live-controls__label">
          Change the time
        </span>
        <button type="button" className="button button--small button--quiet" onClick={add(60)}>
          +1 minute
        </button>
        <button type="button" className="button button--small button--quiet" onClick={add(300)}>
          +5 minutes
        </button>
        <button type="button" className="button button--small button--quiet" onClick={add(-60)}>
          −1 minute
        </button>
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => void command('session.breakouts_recall')}>
          Call everyone back
        </button>
      </div>
      <BroadcastForm command={command} />
      <WhereEveryoneIs view={view} />
    </div>
  );
}

function BroadcastForm({ command }: { command: Command }) {
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const message = text.trim();
    if (message === '') return;
    if (await command('session.broadcast', { text: message })) {
      setText('');
      setSent(true);
    }
  };
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label="Broadcast to all rooms">
      <TextAreaField
        label="Message to all rooms"
        hint={`Everyone sees it, in every room, up to ${limits.broadcast} characters.`}
        maxLength={limits.broadcast}
        rows={2}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setSent(false);
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--quiet">
          Broadcast to all rooms
        </button>
        <span role="status">{sent ? 'Sent to all rooms.' : ''}</span>
      </div>
    </form>
  );
}

/** Who is in which place now, for the facilitators. */
export function WhereEveryoneIs({ view }: { view: RoomView }) {
  const headingId = useId();
  const rooms = view.breakouts.rooms.length;
  return (
    <section aria-labelledby={headingId} className="stack">
      <h4 id={headingId}>Where everyone is</h4>
      <ul className="live-people">
        {whereEveryoneIs(view).map(({ place, people }) => (
          <li key={place} className="live-people__row">
            <span className="live-people__name">{placeName(place, rooms)}:</span>{' '}
            {namesOf(view, people)}
          </li>
        ))}
      </ul>
    </section>
  );
}
