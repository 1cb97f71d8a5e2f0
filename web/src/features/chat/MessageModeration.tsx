import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Dialog } from '../../base/ui/Dialog';
import { FormAlert } from '../../base/ui/FormAlert';
import { useSignedIn } from '../session/SessionContext';
import {
  hiddenReasonText,
  hideReasonLabel,
  hideReasons,
  maxHideNoteCharacters,
  typistName,
  type ChatMessage,
  type ChatRoom,
} from './chat';
import { useChat, useChatStore } from './ChatContext';
import { plainText } from './messageFormat';
import { ReasonAndNoteFields, useReasonAndNote } from './ReasonAndNote';

/** How much of a message the hide form quotes, so the moderator knows which one they are hiding. */
const quotedCharacters = 200;

/**
 * What a reader who may see a hidden message's text is told about it: the room's moderators the
 * reason, who hid it and the note left for them; its author only that it was hidden and why
 * (the server leaves the rest out of their copy: docs/protocol/realtime.md, "Hidden messages").
 */
export function HiddenNotice({ room, message }: { room: ChatRoom; message: ChatMessage }) {
  const { user } = useSignedIn();
  const messages = useChat()?.views[room.id]?.messages ?? [];
  if (message.hiddenReason === null) return null;
  if (!room.canModerate) {
    return (
      <p className="chat-message__hidden-notice">
        A moderator hid this message from the group because {hiddenReasonText(message.hiddenReason)}. Only you and the
        group’s moderators can see it.
      </p>
    );
  }
  const hider =
    message.hiddenBy === null
      ? null
      : message.hiddenBy === user.id
        ? 'you'
        : (typistName(room, message.hiddenBy, messages) ?? 'another moderator');
  return (
    <div className="chat-message__hidden-notice">
      <p>
        <strong>Hidden from the group: {hideReasonLabel(message.hiddenReason)}.</strong>
        {hider && ` Hidden by ${hider}.`}
      </p>
      {message.hiddenNote && <p>Note for moderators: {message.hiddenNote}</p>}
    </div>
  );
}

/**
 * A moderator's Hide or Unhide button for one message. One button whose words change, so that
 * focus, returned to it when the hide form closes or kept on it after an unhide, stays where the
 * moderator was.
 */
export function ModerationControls({ room, message, describedBy }: { room: ChatRoom; message: ChatMessage; describedBy: string }) {
  const { user } = useSignedIn();
  const store = useChatStore();
  const [open, setOpen] = useState(false);
  const [unhiding, setUnhiding] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const whose = message.authorId === user.id ? 'your' : `${message.authorName}’s`;
  const hidden = message.hiddenReason !== null;

  const unhide = async () => {
    if (unhiding) return;
    setUnhiding(true);
    setProblem(null);
    const refused = store ? await store.unhideMessage(room.id, message.id) : 'Not connected.';
    setUnhiding(false);
    setProblem(refused);
  };

  return (
    <>
      <button
        type="button"
        className="button button--quiet button--small"
        aria-label={hidden ? `Unhide ${whose} message` : `Hide ${whose} message`}
        aria-describedby={describedBy}
        // Not `disabled`: a disabled button loses focus, and keyboard users would lose their place.
        aria-disabled={unhiding || undefined}
        onClick={() => {
          if (hidden) {
            void unhide();
          } else {
            setProblem(null);
            setOpen(true);
          }
        }}
      >
        {hidden ? (unhiding ? 'Unhiding…' : 'Unhide') : 'Hide'}
      </button>
      {problem && (
        <p role="alert" className="field__error">
          {problem}
        </p>
      )}
      {open && (
        <HideDialog
          room={room}
          message={message}
          whose={whose}
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function HideDialog({
  room,
  message,
  whose,
  onClose,
}: {
  room: ChatRoom;
  message: ChatMessage;
  whose: string;
  onClose: () => void;
}) {
  const store = useChatStore();
  const { user } = useSignedIn();
  const { note, check, fields, reasonsBox, noteBox } = useReasonAndNote(
    hideReasons,
    maxHideNoteCharacters,
    'Choose why you are hiding it.',
  );
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const alertBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (refusal) alertBox.current?.focus();
  }, [refusal]);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(null);
    const reason = check();
    if (reason === null) return;
    setBusy(true);
    const refused = store ? await store.hideMessage(room.id, message.id, reason, note) : 'Not connected.';
    setBusy(false);
    if (refused === null) onClose();
    else setRefusal(refused);
  };

  const author = message.authorId === user.id ? 'You' : message.authorName;
  const quote = plainText(message.text);
  return (
    <Dialog
      title={`Hide ${whose} message`}
      onCancel={onClose}
      description={
        <>
          {quote !== '' && (
            <blockquote className="chat-hide__quote">
              {quote.length > quotedCharacters ? `${quote.slice(0, quotedCharacters)}…` : quote}
            </blockquote>
          )}
          <p>
            Everyone else in {room.name} will see a notice in its place with the reason you choose. {author} and the
            group’s moderators will still see it. You can unhide it later.
          </p>
        </>
      }
    >
      <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
        {refusal && (
          <FormAlert ref={alertBox} title="The message was not hidden.">
            <p>{refusal}</p>
          </FormAlert>
        )}
        <ReasonAndNoteFields
          fields={fields}
          reasonsRef={reasonsBox}
          noteRef={noteBox}
          legend="Why are you hiding it?"
          name="reason"
          noteLabel="Note for the other moderators"
          noteHint="Only the group’s moderators see it."
        />
        <div className="actions">
          <button type="submit" className="button" aria-disabled={busy || undefined}>
            {busy ? 'Hiding…' : 'Hide'}
          </button>
          <button type="button" className="button button--quiet" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
