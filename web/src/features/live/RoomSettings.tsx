import { useId, useState, type SyntheticEvent } from 'react';
import { Dialog } from '../../base/ui/Dialog';
import { SelectField, TextAreaField } from '../../base/ui/Field';
import type { Command } from './FacilitatorPanel';
import { participantById, type RoomView } from './sessionState';

/** The waiting-room message's limit (docs/protocol/realtime.md, `session.settings`). */
const waitingMessageMax = 280;

/** The room's lock and options, the waiting-room message, handing over, and ending for everyone. */
export function RoomSettings({ view, command }: { view: RoomView; command: Command }) {
  const headingId = useId();
  const lockHintId = useId();
  const autoAdmitId = useId();
  const sharingId = useId();
  const [ending, setEnding] = useState(false);
  const lead = participantById(view, view.lead);
  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId}>The room</h3>
      {lead && (
        <p>
          Leading: <strong>{lead.participantId === view.you ? 'you' : lead.name}</strong>
        </p>
      )}
      <div>
        <div className="actions">
          <button
            type="button"
            className="button button--quiet live-toggle"
            aria-pressed={view.locked}
            aria-describedby={lockHintId}
            onClick={() => void command('session.lock', { locked: !view.locked })}
          >
            Lock room
            <span className="live-toggle__state" aria-hidden="true">
              {view.locked ? 'locked' : 'open'}
            </span>
          </button>
        </div>
        <p id={lockHintId} className="field__hint">
          While the room is locked nobody new can join; people already waiting can still be let in.
        </p>
      </div>
      <div className="checks">
        <div className="check">
          <input
            id={autoAdmitId}
            type="checkbox"
            className="checkbox"
            checked={view.autoAdmit}
            onChange={(event) => void command('session.settings', { auto_admit: event.target.checked })}
          />
          <label htmlFor={autoAdmitId}>Let people in without the waiting room</label>
        </div>
        <div className="check">
          <input
            id={sharingId}
            type="checkbox"
            className="checkbox"
            checked={view.sharingAllowed}
            onChange={(event) => void command('session.settings', { sharing_allowed: event.target.checked })}
          />
          <label htmlFor={sharingId}>Participants may share their screen</label>
        </div>
      </div>
      <WaitingMessageForm current={view.waitingMessage} command={command} />
      <HandOver view={view} command={command} />
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          onClick={() => {
            setEnding(true);
          }}
        >
          End session for everyone
        </button>
      </div>
      {ending && (
        <Dialog
          role="alertdialog"
          title="End the session for everyone?"
          description={<p>Everyone leaves at once, and nobody can join this session again.</p>}
          onCancel={() => {
            setEnding(false);
          }}
        >
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setEnding(false);
                void command('session.end');
              }}
            >
              End session
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setEnding(false);
              }}
            >
              Keep it going
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

/**
 * The message people in the waiting room see. The room's state carries the current one to
 * facilitators, so the form starts from it and follows it (another facilitator may change it),
 * except while one is writing a different one.
 */
function WaitingMessageForm({ current, command }: { current: string; command: Command }) {
  /** What one is writing; null: the form shows the current message. */
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [seen, setSeen] = useState(current);
  if (seen !== current) {
    // Adjusted while rendering, as React's "storing information from previous renders" does.
    setSeen(current);
    if (draft !== null && (draft.trim() === seen || draft.trim() === current)) setDraft(null);
  }
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const message = (draft ?? current).trim();
    if (await command('session.settings', { waiting_message: message })) {
      // Kept until the room's state brings the message back as the current one.
      setDraft(message);
      setSaved(message);
    }
  };
  return (
    <form className="stack" onSubmit={(event) => void submit(event)} aria-label="Waiting-room message">
      <p className="meta">
        {current ? `Shown now: “${current}”` : 'No message is shown in the waiting room now.'}
      </p>
      <TextAreaField
        label="Message for the waiting room"
        hint={`Shown to everyone waiting, up to ${waitingMessageMax} characters. Leave it empty for none.`}
        optional
        maxLength={waitingMessageMax}
        value={draft ?? current}
        onChange={(event) => {
          setDraft(event.target.value);
          setSaved(null);
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--quiet">
          Save message
        </button>
        <span role="status">{saved === null ? '' : saved ? 'Saved.' : 'Message removed.'}</span>
      </div>
    </form>
  );
}

function HandOver({ view, command }: { view: RoomView; command: Command }) {
  const others = view.participants.filter((p) => p.role === 'facilitator' && p.participantId !== view.you);
  const [chosen, setChosen] = useState('');
  const target = others.find((p) => p.participantId === chosen) ?? others[0];
  if (!target) return null;
  return (
    <div className="stack">
      <SelectField
        label="Hand over to"
        hint="They lead from then on: the waiting room’s and the hands’ notices go to them first."
        value={target.participantId}
        onChange={(event) => {
          setChosen(event.target.value);
        }}
      >
        {others.map((person) => (
          <option key={person.participantId} value={person.participantId}>
            {person.name}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => void command('session.hand_over', { participant_id: target.participantId })}
        >
          Hand over{' '}
          <span className="visually-hidden">to {target.name}</span>
        </button>
      </div>
    </div>
  );
}
