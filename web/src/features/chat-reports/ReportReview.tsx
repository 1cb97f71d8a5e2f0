import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { RadioGroup } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { hideReasonLabel, hideReasons, maxHideNoteCharacters } from '../chat/chat';
import { firstRadioIn, ReasonAndNoteFields, useReasonAndNote } from '../chat/ReasonAndNote';
import { MessageText } from '../chat/MessageText';
import { fetchReportReview, reportSubject, type ChatReport, type DecisionRequest, type ReviewMessage } from './chatReports';

/**
 * The reported message among its neighbours, as the room's moderators read them, and the form
 * to decide. Read when opened, never kept: the words stay with the server.
 */
export function ReportReview({
  report,
  timeZone,
  onDecide,
}: {
  report: ChatReport;
  timeZone: string;
  onDecide: (request: DecisionRequest) => Promise<void>;
}) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchReportReview(client, report.id, signal), [client, report.id]);
  const { state, retry } = useResource(load);
  const contextId = useId();

  if (state.status === 'loading') return <Loading what="the reported message" />;
  if (state.status === 'error') {
    if (state.error.status === 404) {
      return (
        <p role="alert" className="field__error">
          This report is not open to you: only the program’s current clinicians can review it.
        </p>
      );
    }
    return <LoadError what="the reported message" error={state.error} onRetry={retry} />;
  }
  const { messages } = state.data;
  const reported = messages.find((message) => message.reported) ?? null;
  return (
    <div className="stack chat-report__review">
      <h3 id={contextId} className="chat-report__subheading">
        The message in its conversation
      </h3>
      <ol className="chat-report__context" aria-labelledby={contextId}>
        {messages.map((message) => (
          <ContextMessage key={message.id} message={message} timeZone={timeZone} />
        ))}
      </ol>
      <DecisionForm
        subject={reportSubject(state.data.report)}
        mayHide={reported !== null && !reported.deleted}
        onDecide={onDecide}
      />
    </div>
  );
}

function ContextMessage({ message, timeZone }: { message: ReviewMessage; timeZone: string }) {
  const classes = ['chat-report__message'];
  if (message.reported) classes.push('chat-report__message--reported');
  if (message.deleted) classes.push('chat-message--deleted');
  return (
    <li className={classes.join(' ')}>
      {message.reported && <p className="chat-report__mark">Reported message</p>}
      <p className="chat-message__meta">
        <span className="chat-message__author">{message.authorName}</span>{' '}
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, timeZone)}</time>
        {message.edited && !message.deleted && <span className="chat-message__edited"> (edited)</span>}
      </p>
      {message.deleted ? (
        <p className="chat-message__text chat-message__tombstone">Message deleted</p>
      ) : (
        <MessageText text={message.text} />
      )}
      {message.hiddenReason !== null && !message.deleted && (
        <p className="chat-message__hidden-notice">
          <strong>Hidden from the room: {hideReasonLabel(message.hiddenReason)}.</strong>
          {message.hiddenNote && ` Note for moderators: ${message.hiddenNote}`}
        </p>
      )}
    </li>
  );
}

type Choice = '' | 'dismiss' | 'hide';

/** Dismiss, or hide with a reason and an optional note for the room's other moderators. */
function DecisionForm({
  subject,
  mayHide,
  onDecide,
}: {
  subject: string;
  /** False for a deleted message: its report can only be dismissed (docs/api.md). */
  mayHide: boolean;
  onDecide: (request: DecisionRequest) => Promise<void>;
}) {
  const [choice, setChoice] = useState<Choice>('');
  const { note, check, fields, reasonsBox, noteBox } = useReasonAndNote(
    hideReasons,
    maxHideNoteCharacters,
    'Choose why you are hiding it.',
  );
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choiceBox = useRef<HTMLDivElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (refusal) alertBox.current?.focus();
  }, [refusal]);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(null);
    setChoiceError(choice === '' ? 'Choose whether to dismiss the report or hide the message.' : null);
    if (choice === '') {
      firstRadioIn(choiceBox);
      return;
    }
    // Only a hide asks why; a dismissal sends neither.
    const reason = choice === 'hide' ? check() : null;
    if (choice === 'hide' && reason === null) return;
    const request: DecisionRequest =
      choice === 'hide' && reason !== null ? { decision: 'hide', reason, note } : { decision: 'dismiss' };
    setBusy(true);
    try {
      await onDecide(request);
    } catch (cause) {
      const failure = asApiError(cause);
      setRefusal(
        failure.status === 404
          ? 'This report is not open to you: only the program’s current clinicians can decide it.'
          : failure.message,
      );
      setBusy(false);
    }
  };

  const options = [
    { value: 'dismiss', label: 'Dismiss the report: the message stays' },
    ...(mayHide ? [{ value: 'hide', label: 'Hide the message from the room' }] : []),
  ];
  return (
    <form className="stack" noValidate aria-label={`Decide on the report of ${subject}`} onSubmit={(event) => void onSubmit(event)}>
      {refusal && (
        <FormAlert ref={alertBox} title="The decision was not saved.">
          <p>{refusal}</p>
        </FormAlert>
      )}
      <div ref={choiceBox}>
        <RadioGroup
          legend="Your decision"
          name="decision"
          hint={
            mayHide
              ? 'Hiding leaves a notice with your reason in its place; its author and the room’s moderators still see it. The reporter is not told what you decide.'
              : 'The message was deleted, so its report can only be dismissed.'
          }
          options={options}
          value={choice}
          error={choiceError}
          onChange={(value) => {
            setChoice(value === 'hide' ? 'hide' : 'dismiss');
            setChoiceError(null);
          }}
        />
      </div>
      {choice === 'hide' && (
        <>
          <ReasonAndNoteFields
            fields={fields}
            reasonsRef={reasonsBox}
            noteRef={noteBox}
            legend="Why hide it?"
            name="hide-reason"
            noteLabel="Note for the other moderators"
            noteHint="Only the room’s moderators see it."
          />
        </>
      )}
      <div className="actions">
        <button type="submit" className="button" aria-disabled={busy || undefined}>
          {busy ? 'Saving…' : 'Save decision'}
        </button>
      </div>
    </form>
  );
}
