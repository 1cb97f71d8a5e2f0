import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { RadioGroup, TextAreaField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { characterCount, hideReasonLabel, hideReasons, maxHideNoteCharacters, type HideReason } from '../chat/chat';
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
  const [reason, setReason] = useState<HideReason | ''>('');
  const [note, setNote] = useState('');
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choiceBox = useRef<HTMLDivElement>(null);
  const reasonBox = useRef<HTMLDivElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);
  const noteCount = characterCount(note);

  useEffect(() => {
    if (refusal) alertBox.current?.focus();
  }, [refusal]);

  const firstRadio = (box: HTMLDivElement | null) => box?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (busy) return;
    setRefusal(null);
    const missingChoice = choice === '' ? 'Choose whether to dismiss the report or hide the message.' : null;
    const missingReason = choice === 'hide' && reason === '' ? 'Choose why you are hiding it.' : null;
    const longNote =
      choice === 'hide' && noteCount > maxHideNoteCharacters
        ? `A note can be at most ${maxHideNoteCharacters} characters; this one has ${noteCount}.`
        : null;
    setChoiceError(missingChoice);
    setReasonError(missingReason);
    setNoteError(longNote);
    if (missingChoice) return firstRadio(choiceBox.current);
    if (missingReason) return firstRadio(reasonBox.current);
    if (longNote) return noteBox.current?.focus();
    const request: DecisionRequest =
      choice === 'hide' && reason !== '' ? { decision: 'hide', reason, note } : { decision: 'dismiss' };
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
          <div ref={reasonBox}>
            <RadioGroup
              legend="Why hide it?"
              name="hide-reason"
              options={hideReasons.map((r) => ({ value: r.value, label: r.example ? `${r.label} (${r.example})` : r.label }))}
              value={reason}
              error={reasonError}
              onChange={(value) => {
                setReason(hideReasons.find((r) => r.value === value)?.value ?? '');
                setReasonError(null);
              }}
            />
          </div>
          <TextAreaField
            ref={noteBox}
            label="Note for the other moderators"
            optional
            hint={`Only the room’s moderators see it. ${noteCount} of ${maxHideNoteCharacters} characters.`}
            error={noteError}
            rows={2}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
              if (noteError) setNoteError(null);
            }}
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
