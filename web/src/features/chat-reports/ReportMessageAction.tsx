import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { RealtimeError, type ServerFrame } from '../../base/realtime/connection';
import { Dialog } from '../../base/ui/Dialog';
import { FormAlert } from '../../base/ui/FormAlert';
import { useRealtimeConnection } from '../chat/ChatContext';
import { ReasonAndNoteFields, useReasonAndNote } from '../chat/ReasonAndNote';
import { maxReportNoteCharacters, reportReasons } from './chatReports';

/** Sends one real-time request and resolves with its `ack` (RealtimeConnection.request). */
export type RealtimeRequest = (type: string, fields: Record<string, unknown>) => Promise<ServerFrame>;

export interface ReportMessageActionProps {
  roomId: string;
  messageId: string;
  /** The message's author as the room shows them: names the button and the form. */
  authorName: string;
  /** How the request is sent; by default on the tab's real-time connection. */
  request?: RealtimeRequest | undefined;
  /** The id of the element holding the message's text, read with the button as Edit and Delete are. */
  describedBy?: string | undefined;
}

/**
 * Whether someone may report a message (docs/protocol/realtime.md, "Who may send what"): someone
 * else's, neither deleted nor hidden. The server decides in the end; this keeps the button off
 * where it would only be refused.
 */
export function mayReport(
  message: { authorId: string; deleted: boolean; hiddenReason: string | null },
  userId: string,
): boolean {
  return message.authorId !== userId && !message.deleted && message.hiddenReason === null;
}

/**
 * A "Report" button for one message, opening a small form: why (one reason), an optional note
 * for the program's clinicians, Send report or Cancel. The report goes to the care team only
 * (`message.report`); the room and the author are told nothing.
 */
export function ReportMessageAction({ roomId, messageId, authorName, request, describedBy }: ReportMessageActionProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--quiet button--small"
        aria-describedby={describedBy}
        onClick={() => {
          setOpen(true);
        }}
      >
        Report{' '}
        <span className="visually-hidden">the message from {authorName}</span>
      </button>
      {open && (
        <ReportDialog
          roomId={roomId}
          messageId={messageId}
          authorName={authorName}
          request={request}
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

type Sent = 'created' | 'already';

function ReportDialog({
  roomId,
  messageId,
  authorName,
  request,
  onClose,
}: {
  roomId: string;
  messageId: string;
  authorName: string;
  request: RealtimeRequest | undefined;
  onClose: () => void;
}) {
  const connection = useRealtimeConnection();
  const { note, check, setNoteError, fields, reasonsBox, noteBox } = useReasonAndNote(
    reportReasons,
    maxReportNoteCharacters,
    'Choose why you are reporting it.',
  );
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<Sent | null>(null);
  const alertBox = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (refusal) alertBox.current?.focus();
  }, [refusal]);
  useEffect(() => {
    // The form's buttons are gone; the thanks is read from the status region.
    if (sent) closeButton.current?.focus();
  }, [sent]);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(null);
    const reason = check();
    if (reason === null) return;
    const send: RealtimeRequest | null = request ?? (connection ? (type, fields) => connection.request(type, fields) : null);
    if (send === null) {
      setRefusal(refusalOf(new RealtimeError('offline', 'not connected')));
      return;
    }
    const trimmed = note.trim();
    setBusy(true);
    try {
      const ack = await send('message.report', {
        room_id: roomId,
        message_id: messageId,
        reason,
        ...(trimmed === '' ? {} : { note: trimmed }),
      });
      setSent(ack.created === false ? 'already' : 'created');
    } catch (cause) {
      const failure = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
      if (failure.code === 'invalid_argument' && failure.field === 'note') setNoteError(capitalised(failure.message));
      else setRefusal(refusalOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Report the message from ${authorName}`}
      onCancel={onClose}
      description={
        <p>
          Your report goes to the clinicians of this program only: they read the message and a few messages around it,
          your reason and your note. {authorName} and the room are not told who reported it.
        </p>
      }
    >
      <div role="status" className="chat-report-sent">
        {sent && (
          <p className="notice notice--success">
            {sent === 'created' ? 'Thanks — the care team will look at it.' : 'You reported this message already.'}
          </p>
        )}
      </div>
      {sent ? (
        <div className="actions">
          <button ref={closeButton} type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      ) : (
        <form className="stack" noValidate onSubmit={(event) => void onSubmit(event)}>
          {refusal && (
            <FormAlert ref={alertBox} title="The report was not sent.">
              <p>{refusal}</p>
            </FormAlert>
          )}
          <ReasonAndNoteFields
            fields={fields}
            reasonsRef={reasonsBox}
            noteRef={noteBox}
            legend="Why are you reporting it?"
            name="report-reason"
            noteLabel="Anything the care team should know"
            noteHint="Only the program’s clinicians see it."
            noteRows={3}
          />
          <div className="actions">
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? 'Sending…' : 'Send report'}
            </button>
            <button type="button" className="button button--quiet" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1) + (text.endsWith('.') ? '' : '.');
}

/** What to tell the reporter when the server refused (docs/protocol/realtime.md, error codes). */
function refusalOf(error: RealtimeError): string {
  switch (error.code) {
    case 'rate_limited': {
      const seconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
      return `You are sending quickly. Wait ${seconds === 1 ? 'a second' : `${seconds} seconds`} and try again.`;
    }
    case 'not_found':
      return 'That message is no longer here.';
    case 'invalid_argument':
      return `This message cannot be reported: ${error.message.replace(/\.$/, '')}.`;
    case 'offline':
    case 'timeout':
      return 'Not connected. Try again once the connection is back.';
    case 'unavailable':
      return 'The server cannot take reports just now. Try again in a moment.';
    default:
      return 'Something went wrong on the server. Try again.';
  }
}
