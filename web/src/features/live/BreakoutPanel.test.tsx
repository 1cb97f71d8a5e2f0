import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  blakeInRoom,
  expectedPerson,
  priyaInRoom,
  roomState,
  waitingPerson,
  wireBreakoutRoom,
  wireBreakouts,
  wireLiveParticipant,
} from '../../testing/liveFrames';
import { FacilitatorPanel } from './FacilitatorPanel';
import { sessionViewOf, type RoomView } from './sessionState';

const now = 1_764_000_000_000;

function facilitatorView(overrides: Record<string, unknown> = {}, breakouts: Record<string, unknown> | null = null): RoomView {
  const view = sessionViewOf(
    roomState({
      you: 'p-priya',
      role: 'facilitator',
      participants: [priyaInRoom, wireLiveParticipant(), blakeInRoom],
      waiting: [waitingPerson()],
      server_now_ms: now,
      ...(breakouts ? { breakouts: wireBreakouts(breakouts) } : {}),
      ...overrides,
    }),
  );
  if (view?.stage !== 'in_room') throw new Error('a room view');
  return view;
}

const twoRooms = { stage: 'prepared', rooms: [wireBreakoutRoom(1, ['u-avery']), wireBreakoutRoom(2)] };
const openRooms = {
  stage: 'open',
  ends_at_ms: now + 95_000,
  rooms: [wireBreakoutRoom(1, ['u-avery']), wireBreakoutRoom(2, ['u-blake'], { help_requested: true })],
};
const inRooms = [priyaInRoom, wireLiveParticipant({ place: 1 }), { ...blakeInRoom, place: 2 }];

function renderPanel(view: RoomView, clockOffsetMs = 0) {
  const command = vi.fn<(type: string, fields?: Record<string, unknown>) => Promise<boolean>>(() => Promise.resolve(true));
  render(<FacilitatorPanel view={view} command={command} timeZone="America/Chicago" clockOffsetMs={clockOffsetMs} />);
  const sent = () => command.mock.calls.map(([type, fields]) => [type, fields]);
  return { command, sent };
}

const panel = () => screen.getByRole('region', { name: 'Breakout rooms' });

/** A drag's data, which jsdom lacks: what `setData` put in, by type, as a page reads it. */
function dragData(entries: Record<string, string> = {}) {
  const data = new Map(Object.entries(entries));
  return {
    get types() {
      return [...data.keys()];
    },
    getData: (type: string) => data.get(type) ?? '',
    setData: (type: string, value: string) => {
      data.set(type, value);
    },
    dropEffect: 'none',
    effectAllowed: 'uninitialized',
  };
}

/** The row of a person in the assignments, the one that is dragged. */
function rowOf(name: string): HTMLElement {
  const row = within(panel()).getByLabelText(`Room for ${name}`).closest('li');
  if (!row) throw new Error(`a row for ${name}`);
  return row;
}

/** A room's card in the list of rooms ('Room 2', 'Not assigned'), the place a name is dropped on. */
function placeCard(heading: string): HTMLElement {
  const card = within(panel()).getByRole('heading', { level: 4, name: heading }).closest('li');
  if (!card) throw new Error(`a card for ${heading}`);
  return card;
}

/** Drags a person's name onto a place and drops it; whether the place offered to take it. */
function dragOnto(name: string, heading: string): boolean {
  const dataTransfer = dragData();
  fireEvent.dragStart(rowOf(name), { dataTransfer });
  // fireEvent's answer is false when a handler cancelled the event: for dragover, "drop here".
  const offered = !fireEvent.dragOver(placeCard(heading), { dataTransfer });
  fireEvent.drop(placeCard(heading), { dataTransfer });
  fireEvent.dragEnd(rowOf(name), { dataTransfer });
  return offered;
}

describe('BreakoutPanel', () => {
  it('prepares rooms with a cap, 4 unless changed, and checks the numbers first', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel(facilitatorView());
    const rooms = within(panel()).getByLabelText('Number of rooms');
    await user.clear(rooms);
    await user.type(rooms, '30');
    await user.click(within(panel()).getByRole('button', { name: 'Prepare rooms' }));
    expect(within(panel()).getByLabelText('Number of rooms')).toHaveAccessibleDescription(/From 1 to 20/);
    expect(sent()).toEqual([]);
    await user.clear(rooms);
    await user.type(rooms, '3');
    await user.click(within(panel()).getByRole('button', { name: 'Prepare rooms' }));
    expect(sent()).toEqual([['session.breakouts_prepare', { rooms: 3, cap: 4 }]]);
  });

  it('assigns by hand (those waiting too), at random, by choice, names a peer lead and opens for some minutes', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel(facilitatorView({}, twoRooms));
    const region = panel();
    expect(within(region).getByText('2 rooms, up to 4 people each, ready to open.')).toBeInTheDocument();
    expect(within(region).getByLabelText('Room for Avery M.')).toHaveValue('1');
    await user.selectOptions(within(region).getByLabelText('Room for Blake T.'), 'Room 2 (0 of 4)');
    await user.selectOptions(within(region).getByLabelText('Room for Casey R.'), '1');
    await user.selectOptions(within(region).getByLabelText('Room for Avery M.'), 'Not assigned');
    await user.click(within(region).getByRole('button', { name: 'Assign the rest at random' }));
    await user.click(within(region).getByRole('checkbox', { name: 'Let people choose their room' }));
    await user.selectOptions(within(region).getByLabelText(/Peer lead of room 1/), 'Avery M.');
    const minutes = within(region).getByLabelText('Minutes in the rooms');
    await user.clear(minutes);
    await user.type(minutes, '2');
    await user.click(within(region).getByRole('button', { name: 'Open rooms' }));
    expect(sent()).toEqual([
      ['session.breakout_assign', { user_id: 'u-blake', room: 2 }],
      ['session.breakout_assign', { user_id: 'u-casey', room: 1 }],
      ['session.breakout_assign', { user_id: 'u-avery', room: 0 }],
      ['session.breakouts_random', undefined],
      ['session.breakouts_choosing', { choosing: true }],
      ['session.breakout_lead', { room: 1, user_id: 'u-avery' }],
      ['session.breakouts_open', { seconds: 120 }],
    ]);
  });

  it('assigns by dragging a name onto a room, or onto "Not assigned", as the select does', () => {
    const { sent } = renderPanel(facilitatorView({}, twoRooms));
    expect(within(panel()).getByText('Drag a name onto a room, or pick each person’s room below.')).toBeInTheDocument();
    expect(rowOf('Blake T.')).toHaveAttribute('draggable', 'true');
    expect(within(placeCard('Not assigned')).getByText('Blake T., Casey R.')).toBeInTheDocument();

    const dataTransfer = dragData();
    fireEvent.dragStart(rowOf('Blake T.'), { dataTransfer });
    expect(dataTransfer.getData('application/x-hearth-person')).toBe('u-blake');
    expect(fireEvent.dragOver(placeCard('Room 2'), { dataTransfer })).toBe(false);
    expect(placeCard('Room 2')).toHaveClass('live-breakout--over');
    fireEvent.dragLeave(placeCard('Room 2'), { dataTransfer });
    expect(placeCard('Room 2')).not.toHaveClass('live-breakout--over');
    fireEvent.dragOver(placeCard('Room 2'), { dataTransfer });
    fireEvent.drop(placeCard('Room 2'), { dataTransfer });
    fireEvent.dragEnd(rowOf('Blake T.'), { dataTransfer });
    expect(placeCard('Room 2')).not.toHaveClass('live-breakout--over');

    expect(dragOnto('Avery M.', 'Not assigned')).toBe(true);
    expect(sent()).toEqual([
      ['session.breakout_assign', { user_id: 'u-blake', room: 2 }],
      ['session.breakout_assign', { user_id: 'u-avery', room: 0 }],
    ]);
  });

  it('takes no drop of something other than a name, nor a name onto the room it is in or a full one', () => {
    const rooms = { stage: 'prepared', cap: 2, rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey']), wireBreakoutRoom(2)] };
    const { sent } = renderPanel(facilitatorView({}, rooms));
    const text = dragData({ 'text/plain': 'u-blake' });
    expect(fireEvent.dragOver(placeCard('Room 2'), { dataTransfer: text })).toBe(true);
    fireEvent.drop(placeCard('Room 2'), { dataTransfer: text });
    expect(placeCard('Room 2')).not.toHaveClass('live-breakout--over');

    expect(dragOnto('Avery M.', 'Room 1')).toBe(false);
    expect(dragOnto('Blake T.', 'Not assigned')).toBe(false);
    // Room 1 is full (the select offers it to Blake disabled).
    expect(dragOnto('Blake T.', 'Room 1')).toBe(false);
    // A name from another session's tab: not on this list.
    const stranger = dragData({ 'application/x-hearth-person': 'u-drew' });
    fireEvent.drop(placeCard('Room 2'), { dataTransfer: stranger });
    expect(sent()).toEqual([]);
  });

  it('lists everyone expected too, in the roster’s order, marked by where they are, and assigns someone not here yet', async () => {
    const user = userEvent.setup();
    const expected = [
      expectedPerson({ user_id: 'u-avery', name: 'Avery M.' }),
      expectedPerson({ user_id: 'u-blake', name: 'Blake T.' }),
      expectedPerson(),
      expectedPerson({ user_id: 'u-drew', name: 'Drew K.' }),
      expectedPerson({ user_id: 'u-robin', name: 'Robin M.', guest: true }),
    ];
    const { sent } = renderPanel(
      facilitatorView({ expected, participants: [priyaInRoom, wireLiveParticipant()] }, twoRooms),
    );
    const region = panel();
    const selects = within(region).getAllByRole<HTMLSelectElement>('combobox', { name: /^Room for / });
    expect(selects.map((select) => select.labels[0]?.textContent)).toEqual([
      'Room for Avery M.',
      'Room for Blake T.',
      'Room for Casey R.',
      'Room for Drew K.',
      'Room for Robin M.',
    ]);
    expect(within(region).getByLabelText('Room for Avery M.')).not.toHaveAccessibleDescription();
    expect(within(region).getByLabelText('Room for Blake T.')).toHaveAccessibleDescription('Not here yet');
    expect(within(region).getByLabelText('Room for Casey R.')).toHaveAccessibleDescription('In the waiting room');
    expect(within(region).getByLabelText('Room for Robin M.')).toHaveAccessibleDescription('Guest, not here yet');
    await user.selectOptions(within(region).getByLabelText('Room for Drew K.'), 'Room 2 (0 of 4)');
    expect(sent()).toEqual([['session.breakout_assign', { user_id: 'u-drew', room: 2 }]]);
  });

  it('names those assigned before they came, in the rooms and as a peer lead', () => {
    const expected = [expectedPerson({ user_id: 'u-drew', name: 'Drew K.' })];
    const rooms = { stage: 'prepared', rooms: [wireBreakoutRoom(1, ['u-drew', 'u-gone']), wireBreakoutRoom(2)] };
    renderPanel(facilitatorView({ expected }, rooms));
    const region = panel();
    expect(within(region).getByText('Assigned: Drew K., someone not here yet')).toBeInTheDocument();
    expect(within(within(region).getByLabelText(/Peer lead of room 1/)).getByRole('option', { name: 'Drew K.' })).toBeInTheDocument();
    expect(within(region).getByLabelText('Room for Drew K.')).toHaveValue('1');
    // Someone assigned who is neither here nor on the roster (a guest whose invitation was withdrawn, say).
    expect(within(region).getByText(/1 person assigned earlier is not\s+in the session now/)).toBeInTheDocument();
  });

  it('lists no facilitator, even one on the roster, and says random placing is for those in the room', () => {
    const expected = [expectedPerson({ user_id: 'u-priya', name: 'Dr. Priya Shah' }), expectedPerson({ user_id: 'u-avery', name: 'Avery M.' })];
    renderPanel(facilitatorView({ expected, waiting: [] }, twoRooms));
    const region = panel();
    expect(within(region).queryByLabelText('Room for Dr. Priya Shah')).not.toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Assign the rest at random' })).toHaveAccessibleDescription(
      'Only participants in the room now are placed at random; assign anyone waiting or not here yet by hand.',
    );
  });

  it('prepares rooms and lists the expected before anyone is here', () => {
    const expected = [expectedPerson({ user_id: 'u-avery', name: 'Avery M.' })];
    renderPanel(facilitatorView({ expected, participants: [priyaInRoom], waiting: [] }, twoRooms));
    expect(within(panel()).getByLabelText('Room for Avery M.')).toHaveAccessibleDescription('Not here yet');
  });

  it('says so when nobody is here or expected', () => {
    renderPanel(facilitatorView({ participants: [priyaInRoom], waiting: [] }, twoRooms));
    expect(within(panel()).getByText('No participants are here or expected yet.')).toBeInTheDocument();
  });

  it('offers no room that is full, except to those already in it', () => {
    renderPanel(facilitatorView({}, { stage: 'prepared', cap: 2, rooms: [wireBreakoutRoom(1, ['u-avery', 'u-casey']), wireBreakoutRoom(2)] }));
    const forBlake = within(panel()).getByLabelText('Room for Blake T.');
    expect(within(forBlake).getByRole('option', { name: 'Room 1 (2 of 2, full)' })).toBeDisabled();
    expect(within(within(panel()).getByLabelText('Room for Avery M.')).getByRole('option', { name: 'Room 1 (2 of 2)' })).toBeEnabled();
  });

  it('while open: counts down on the server’s clock, changes the time, broadcasts, visits and calls everyone back', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // The browser's clock is a minute behind the server's.
    vi.setSystemTime(now - 60_000);
    try {
      const user = userEvent.setup();
      const { sent } = renderPanel(facilitatorView({ participants: inRooms }, openRooms), 60_000);
      const region = panel();
      expect(within(region).getByRole('timer')).toHaveTextContent('Time left: 1:35');
      expect(within(region).getByRole('timer')).toHaveTextContent('1 minute 35 seconds');
      await user.click(within(region).getByRole('button', { name: '+1 minute' }));
      await user.click(within(region).getByRole('button', { name: '+5 minutes' }));
      await user.click(within(region).getByRole('button', { name: '−1 minute' }));
      await user.type(within(region).getByLabelText('Message to all rooms'), 'Two minutes left');
      await user.click(within(region).getByRole('button', { name: 'Broadcast to all rooms' }));
      expect(await within(region).findByText('Sent to all rooms.')).toBeInTheDocument();
      expect(within(region).getByLabelText('Message to all rooms')).toHaveValue('');
      await user.click(within(region).getByRole('button', { name: 'Visit room 1' }));
      await user.click(within(region).getByRole('button', { name: 'Call everyone back' }));
      expect(sent()).toEqual([
        ['session.breakouts_time', { seconds: 60 }],
        ['session.breakouts_time', { seconds: 300 }],
        ['session.breakouts_time', { seconds: -60 }],
        ['session.broadcast', { text: 'Two minutes left' }],
        ['session.breakout_visit', { room: 1 }],
        ['session.breakouts_recall', undefined],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a room that asked for a facilitator first, with a way to go there, and who is where', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel(facilitatorView({ participants: inRooms }, openRooms));
    const calls = screen.getByRole('region', { name: 'Calls for a facilitator' });
    expect(calls).toHaveTextContent('Room 2 asked for a facilitator');
    // First in the facilitator's panel, before the waiting room.
    const controls = screen.getByRole('region', { name: 'Facilitator controls' });
    expect(within(controls).getAllByRole('heading', { level: 3 })[0]).toHaveTextContent('Calls for a facilitator');
    await user.click(within(calls).getByRole('button', { name: 'Go to room 2' }));
    expect(sent()).toEqual([['session.breakout_visit', { room: 2 }]]);
    expect(within(panel()).getByText('Asked for a facilitator')).toBeInTheDocument();
    const where = within(panel()).getByRole('region', { name: 'Where everyone is' });
    expect(within(where).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Main room: you',
      'Breakout room 1 of 2: Avery M.',
      'Breakout room 2 of 2: Blake T.',
    ]);
    // The people list says where each one is too.
    expect(screen.getByRole('region', { name: 'People in the room (3)' })).toHaveTextContent('Avery M. in breakout room 1');
  });

  it('offers the way back to the main room from a room one visits', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel(facilitatorView({ place: 2, participants: [{ ...priyaInRoom, place: 2 }, ...inRooms.slice(1)] }, openRooms));
    await user.click(within(panel()).getByRole('button', { name: 'Back to the main room' }));
    expect(sent()).toEqual([['session.breakout_visit', { room: 0 }]]);
  });
});

describe('the pull-aside in the people list', () => {
  it('takes a participant aside, and brings them back; nobody else meanwhile', async () => {
    const user = userEvent.setup();
    const first = renderPanel(facilitatorView());
    const people = screen.getByRole('region', { name: 'People in the room (3)' });
    expect(within(people).queryByRole('button', { name: /Take aside Dr. Priya Shah/ })).not.toBeInTheDocument();
    await user.click(within(people).getByRole('button', { name: 'Take aside Avery M. for a private word' }));
    expect(first.sent()).toEqual([['session.pull_aside', { participant_id: 'p-avery' }]]);
  });

  it('while aside, returns to the group and offers no second private word', async () => {
    const user = userEvent.setup();
    const aside = [{ ...priyaInRoom, place: -1 }, wireLiveParticipant({ place: -1 }), blakeInRoom];
    const { sent } = renderPanel(facilitatorView({ place: -1, participants: aside }));
    const people = screen.getByRole('region', { name: 'People in the room (3)' });
    expect(people).toHaveTextContent('Avery M. in a private conversation');
    expect(within(people).queryByRole('button', { name: /Take aside/ })).not.toBeInTheDocument();
    await user.click(within(people).getByRole('button', { name: 'Return to the group with Avery M.' }));
    expect(sent()).toEqual([['session.aside_end', {}]]);
  });
});
