import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Dialog } from '../../base/ui/Dialog';
import { RadioGroup } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { useTimeZone } from '../session/useTimeZone';
import { hideReasons, maxHideNoteCharacters, type ChatRoom } from './chat';
import { useRealtimeConnection } from './ChatContext';
import { firstRadioIn, ReasonAndNoteFields, useReasonAndNote } from './ReasonAndNote';
import { memberActions, restrictedText, restrictMember } from './restrictions';

/**
 * A moderator's "Mute or remove" button on someone else's message, and what came of it. The
 * server alone knows who moderates the room, so the button is on every other person's message and
 * the server's refusal says when that person may not be muted (docs/protocol/realtime.md, "Who may
 * send what").
 */
export function MemberControls({ room, userId, name }: { room: ChatRoom; userId: string; name: string }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button button--quiet button--small"
        aria-label={`Mute or remove ${name}`}
        onClick={() => {
          setDone(null);
          setOpen(true);
        }}
      >
        Mute or remove
      </button>
      {done && (
        <p role="status" className="chat-member__done">
          {done}
        </p>
      )}
      {open && (
        <RestrictDialog
          room={room}
          userId={userId}
          name={name}
          onClose={(outcome) => {
            setOpen(false);
            setDone(outcome);
          }}
        />
      )}
    </>
  );
}

/** The form to mute or remove someone: what, why (required) and a note for the other moderators. */
export function RestrictDialog({
  room,
  userId,
  name,
  onClose,
}: {
  room: ChatRoom;
  userId: string;
  name: string;
  /** With what the moderator is told once it is done, or null when cancelled. */
  onClose: (outcome: string | null) => void;
}) {
  const connection = useRealtimeConnection();
  const timeZone = useTimeZone();
  const [action, setAction] = useState('');
  const { note, check, fields, reasonsBox, noteBox } = useReasonAndNote(
    hideReasons,
    maxHideNoteCharacters,
    'Choose a reason.',
  );
  const [actionError, setActionError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actionsBox = useRef<HTMLDivElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);
  const chosen = memberActions.find((a) => a.value === action)?.action ?? null;

  useEffect(() => {
    if (refusal) alertBox.current?.focus();
  }, [refusal]);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setActionError(chosen === null ? `Choose whether to mute or remove ${name}.` : null);
    setRefusal(null);
    // Every question shows its problem; focus goes to the first one.
    const reason = check(chosen !== null);
    if (chosen === null) {
      firstRadioIn(actionsBox);
      return;
    }
    if (reason === null) return;
    setBusy(true);
    const outcome = await restrictMember(connection, { roomId: room.id, userId, name, action: chosen, reason, note });
    setBusy(false);
    if (outcome.ok) onClose(restrictedText(outcome.value, timeZone, Date.now()));
    else setRefusal(outcome.problem);
  };

  const submitLabel = chosen === null ? 'Mute or remove' : chosen.kind === 'muted' ? 'Mute' : 'Remove';
  return (
    <Dialog
      title={`Mute or remove ${name}`}
      onCancel={() => {
        onClose(null);
      }}
      description={
        <p>
          Muting keeps {name} from posting in {room.name} for a while; they can still read it. Removing takes the room out
          of their chat until a moderator restores them. {name} is told, but never your note nor who did it.
        </p>
      }
    >
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        {refusal && (
          <FormAlert ref={alertBox} title="Nothing was changed.">
            <p>{refusal}</p>
          </FormAlert>
        )}
        <div ref={actionsBox}>
          <RadioGroup
            legend="What should happen?"
            name="action"
            options={memberActions.map((a) => ({ value: a.value, label: a.label }))}
            value={action}
            error={actionError}
            onChange={(value) => {
              setAction(value);
              setActionError(null);
            }}
          />
        </div>
        <ReasonAndNoteFields
          fields={fields}
          reasonsRef={reasonsBox}
          noteRef={noteBox}
          legend="Why?"
          name="reason"
          noteLabel="Note for the other moderators"
          noteHint="Only the room’s moderators see it."
        />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? 'Saving…' : submitLabel}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              onClose(null);
            }}
          >
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
