import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import {
  blakeInRoom,
  priyaInRoom,
  roomState,
  waitingPerson,
  wireBreakoutRoom,
  wireBreakouts,
  wireLiveParticipant,
} from '../../testing/liveFrames';
import { FacilitatorPanel } from './FacilitatorPanel';
import { sessionViewOf, type RoomView } from './sessionState';

const samInRoom = wireLiveParticipant({
  participant_id: 'p-sam',
  user_id: 'u-sam',
  name: 'Dr. Sam Okafor',
  role: 'facilitator',
  joined_seq: 4,
});

function facilitatorView(overrides: Record<string, unknown> = {}): RoomView {
  const view = sessionViewOf(
    roomState({
      you: 'p-priya',
      role: 'facilitator',
      participants: [priyaInRoom, wireLiveParticipant({ hand_raised: true }), blakeInRoom, samInRoom],
      hands: ['p-avery'],
      waiting: [waitingPerson(), waitingPerson({ participant_id: 'p-devon', user_id: 'u-devon', name: 'Devon K.', pronouns: '' })],
      ...overrides,
    }),
  );
  if (view?.stage !== 'in_room') throw new Error('a room view');
  return view;
}

function renderPanel(view = facilitatorView()) {
  const command = vi.fn<(type: string, fields?: Record<string, unknown>) => Promise<boolean>>(() => Promise.resolve(true));
  render(<FacilitatorPanel view={view} command={command} timeZone="America/Chicago" />);
  const sent = () => command.mock.calls.map(([type, fields]) => [type, fields]);
  return { command, sent };
}

describe('FacilitatorPanel', () => {
  it('admits one person or everyone waiting, each button naming whom it admits', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel();
    const waiting = screen.getByRole('region', { name: 'Waiting room (2)' });
    expect(within(waiting).getByText('Casey R. (she/her)')).toBeInTheDocument();
    await user.click(within(waiting).getByRole('button', { name: 'Admit Casey R.' }));
    await user.click(within(waiting).getByRole('button', { name: 'Admit all' }));
    expect(sent()).toEqual([
      ['session.admit', { participant_id: 'p-casey' }],
      ['session.admit', { all: true }],
    ]);
  });

  it('marks invited guests beside their names: waiting, in the room, with a hand up, in the breakout assignments', () => {
    const robin = { participant_id: 'p-robin', user_id: 'u-robin', name: 'Robin M.', pronouns: 'they/them', guest: true };
    renderPanel(
      facilitatorView({
        participants: [priyaInRoom, wireLiveParticipant(), wireLiveParticipant({ ...robin, joined_seq: 3, hand_raised: true })],
        hands: ['p-robin'],
        waiting: [waitingPerson({ ...robin, participant_id: 'p-robin-2', user_id: 'u-robin-2', name: 'Sky M.' }), waitingPerson()],
        breakouts: wireBreakouts({ stage: 'prepared', rooms: [wireBreakoutRoom(1), wireBreakoutRoom(2)] }),
      }),
    );
    const waiting = screen.getByRole('region', { name: 'Waiting room (2)' });
    const [sky, casey] = within(waiting).getAllByRole('listitem');
    expect(sky?.querySelector('.live-people__name')).toHaveTextContent('Sky M. (they/them) Guest');
    expect(casey?.querySelector('.live-people__name')).toHaveTextContent(/^Casey R\. \(she\/her\)$/);
    expect(within(waiting).getByRole('button', { name: 'Admit Sky M.' })).toBeInTheDocument();

    const people = screen.getByRole('region', { name: 'People in the room (3)' });
    const names = [...people.querySelectorAll('.live-people__name')].map((name) => name.textContent);
    expect(names).toEqual(['Dr. Priya Shah (she/her) (you)', 'Avery M.', 'Robin M. (they/them) Guest']);
    // A guest is a participant to the controls: muted, moved and removed like anyone.
    expect(within(people).getByRole('button', { name: 'Mute Robin M.' })).toBeInTheDocument();
    expect(within(people).getByRole('button', { name: 'Remove Robin M.' })).toBeInTheDocument();

    const hands = screen.getByRole('region', { name: 'Raised hands (1)' });
    expect(within(hands).getByText('Guest')).toBeInTheDocument();

    expect(screen.getByLabelText(/^Room for Robin M\./)).toHaveAccessibleDescription('Guest');
    expect(screen.getByLabelText(/^Room for Sky M\./)).toHaveAccessibleDescription('Guest, in the waiting room');
    expect(screen.getByLabelText(/^Room for Avery M\./)).not.toHaveAccessibleDescription();
  });

  it('acts on one participant: mute, hard mute, camera, hand, spotlight, waiting room', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel();
    const people = screen.getByRole('region', { name: 'People in the room (4)' });
    await user.click(within(people).getByRole('button', { name: 'Mute Avery M.' }));
    await user.click(within(people).getByRole('button', { name: 'Hard mute Avery M.' }));
    await user.click(within(people).getByRole('button', { name: 'Stop camera of Avery M.' }));
    await user.click(within(people).getByRole('button', { name: 'Lower hand of Avery M.' }));
    await user.click(within(people).getByRole('button', { name: 'Spotlight Blake T.' }));
    await user.click(within(people).getByRole('button', { name: 'Send to waiting room: Blake T.' }));
    expect(sent()).toEqual([
      ['session.mute', { participant_id: 'p-avery' }],
      ['session.mute', { participant_id: 'p-avery', hard: true }],
      ['session.stop_camera', { participant_id: 'p-avery' }],
      ['session.lower_hand', { participant_id: 'p-avery' }],
      ['session.spotlight', { participant_id: 'p-blake' }],
      ['session.send_back', { participant_id: 'p-blake' }],
    ]);
    // Facilitators can be spotlit, not muted or removed.
    expect(within(people).queryByRole('button', { name: 'Mute Dr. Sam Okafor' })).not.toBeInTheDocument();
    expect(within(people).getByRole('button', { name: 'Spotlight Dr. Sam Okafor' })).toBeInTheDocument();
    expect(within(people).getByRole('button', { name: 'Spotlight yourself' })).toBeInTheDocument();
  });

  it('offers to allow an unmute after a hard mute, and to take the spotlight away', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel(
      facilitatorView({
        participants: [priyaInRoom, wireLiveParticipant({ muted: true, hard_muted: true }), blakeInRoom],
        spotlight: 'p-avery',
      }),
    );
    expect(screen.queryByRole('button', { name: 'Mute Avery M.' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Allow unmute for Avery M.' }));
    await user.click(screen.getByRole('button', { name: 'Remove spotlight from Avery M.' }));
    expect(sent()).toEqual([
      ['session.allow_unmute', { participant_id: 'p-avery' }],
      ['session.spotlight', { participant_id: null }],
    ]);
  });

  it('asks before removing someone, and removes only on confirmation', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Remove Avery M.' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Avery M. from this session?' });
    expect(dialog).toHaveTextContent('cannot join this session again');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(sent()).toEqual([]);
    expect(screen.getByRole('button', { name: 'Remove Avery M.' })).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Remove Avery M.' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    expect(sent()).toEqual([['session.remove', { participant_id: 'p-avery' }]]);
  });

  it('lists raised hands in order, each with a way to lower it', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel(facilitatorView({ hands: ['p-blake', 'p-avery'] }));
    const hands = screen.getByRole('region', { name: 'Raised hands (2)' });
    expect(within(hands).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Blake T.Lower hand of Blake T.',
      'Avery M.Lower hand of Avery M.',
    ]);
    await user.click(within(hands).getByRole('button', { name: 'Lower hand of Blake T.' }));
    expect(sent()).toEqual([['session.lower_hand', { participant_id: 'p-blake' }]]);
  });

  it('mutes everyone softly or hard, and lets everyone unmute', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Mute everyone' }));
    await user.click(screen.getByRole('button', { name: 'Hard mute everyone' }));
    await user.click(screen.getByRole('button', { name: 'Allow everyone to unmute' }));
    expect(sent()).toEqual([
      ['session.mute', { all: true }],
      ['session.mute', { all: true, hard: true }],
      ['session.allow_unmute', { all: true }],
    ]);
  });

  it('locks the room, changes its settings and the waiting-room message', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel();
    const lock = screen.getByRole('button', { name: 'Lock room' });
    expect(lock).toHaveAttribute('aria-pressed', 'false');
    await user.click(lock);
    await user.click(screen.getByRole('checkbox', { name: 'Let people in without the waiting room' }));
    await user.click(screen.getByRole('checkbox', { name: 'Participants may share their screen' }));
    await user.type(screen.getByLabelText(/Message for the waiting room/), '  We start in five minutes. ');
    await user.click(screen.getByRole('button', { name: 'Save message' }));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();
    expect(sent()).toEqual([
      ['session.lock', { locked: true }],
      ['session.settings', { auto_admit: true }],
      ['session.settings', { sharing_allowed: true }],
      ['session.settings', { waiting_message: 'We start in five minutes.' }],
    ]);
  });

  it('shows the waiting room’s current message and follows it, except while one writes another', async () => {
    const user = userEvent.setup();
    const command = vi.fn(() => Promise.resolve(true));
    const { rerender } = render(
      <FacilitatorPanel view={facilitatorView({ waiting_message: 'We start at six.' })} command={command} timeZone="UTC" />,
    );
    const field = screen.getByLabelText(/Message for the waiting room/);
    expect(screen.getByText('Shown now: “We start at six.”')).toBeInTheDocument();
    expect(field).toHaveValue('We start at six.');

    // Another facilitator changed it.
    rerender(<FacilitatorPanel view={facilitatorView({ waiting_message: 'Five more minutes.' })} command={command} timeZone="UTC" />);
    expect(field).toHaveValue('Five more minutes.');

    await user.clear(field);
    await user.type(field, 'Almost there.');
    rerender(<FacilitatorPanel view={facilitatorView({ waiting_message: 'Two more minutes.' })} command={command} timeZone="UTC" />);
    expect(screen.getByText('Shown now: “Two more minutes.”')).toBeInTheDocument();
    expect(field).toHaveValue('Almost there.');

    await user.click(screen.getByRole('button', { name: 'Save message' }));
    expect(command).toHaveBeenLastCalledWith('session.settings', { waiting_message: 'Almost there.' });
    rerender(<FacilitatorPanel view={facilitatorView({ waiting_message: 'Almost there.' })} command={command} timeZone="UTC" />);
    rerender(<FacilitatorPanel view={facilitatorView({ waiting_message: '' })} command={command} timeZone="UTC" />);
    expect(screen.getByText('No message is shown in the waiting room now.')).toBeInTheDocument();
    expect(field).toHaveValue('');
  });

  it('hands over to another facilitator in the room, and ends the session for all after asking', async () => {
    const user = userEvent.setup();
    const { sent } = renderPanel();
    expect(screen.getByLabelText(/^Hand over to/)).toHaveValue('p-sam');
    await user.click(screen.getByRole('button', { name: 'Hand over to Dr. Sam Okafor' }));
    await user.click(screen.getByRole('button', { name: 'End session for everyone' }));
    const dialog = screen.getByRole('alertdialog', { name: 'End the session for everyone?' });
    await user.click(within(dialog).getByRole('button', { name: 'End session' }));
    expect(sent()).toEqual([
      ['session.hand_over', { participant_id: 'p-sam' }],
      ['session.end', undefined],
    ]);
  });
});
