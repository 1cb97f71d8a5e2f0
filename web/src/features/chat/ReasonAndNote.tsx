import { useRef, useState, type RefObject } from 'react';
import { RadioGroup, TextAreaField } from '../../base/ui/Field';
import { characterCount } from './chat';

/** One reason a moderation form offers: a code the server knows, and how people read it. */
export interface ReasonOption<R extends string> {
  value: R;
  label: string;
  example?: string;
}

/**
 * The two questions every moderation form asks — why (one reason, required) and an optional
 * note for whoever reads it next — kept alike across hiding, muting, reporting and deciding on
 * a report. The caller owns the rest of its form and asks check() before sending.
 */
export function useReasonAndNote<R extends string>(
  reasons: readonly ReasonOption<R>[],
  maxNote: number,
  missingReason: string,
) {
  const [reason, setReason] = useState<R | ''>('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const reasonsBox = useRef<HTMLDivElement>(null);
  const noteBox = useRef<HTMLTextAreaElement>(null);

  /**
   * Shows what is wrong with the answers; with `focus`, moves focus to the first problem (a form
   * with an earlier question of its own passes false while that one is unanswered). The reason
   * when both answers are good, else null.
   */
  const check = (focus = true): R | null => {
    const count = characterCount(note);
    const longNote = count > maxNote ? `A note can be at most ${maxNote} characters; this one has ${count}.` : null;
    setReasonError(reason === '' ? missingReason : null);
    setNoteError(longNote);
    if (reason === '') {
      if (focus) firstRadioIn(reasonsBox);
      return null;
    }
    if (longNote) {
      if (focus) noteBox.current?.focus();
      return null;
    }
    return reason;
  };

  const fields = {
    reasons,
    maxNote,
    reason,
    note,
    reasonError,
    noteError,
    onReason: (value: string) => {
      setReason(reasons.find((r) => r.value === value)?.value ?? '');
      setReasonError(null);
    },
    onNote: (value: string) => {
      setNote(value);
      setNoteError(null);
    },
  };
  return { reason, note, check, setNoteError, fields, reasonsBox, noteBox };
}

/** Focuses the first radio button inside the box: where a radio group's error is answered. */
export function firstRadioIn(box: RefObject<HTMLDivElement | null>) {
  box.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
}

/** The fields of useReasonAndNote: the reasons as radio buttons, then the note with its count. */
export function ReasonAndNoteFields<R extends string>({
  fields,
  reasonsRef,
  noteRef,
  legend,
  name,
  noteLabel,
  noteHint,
  noteRows = 2,
}: {
  fields: ReturnType<typeof useReasonAndNote<R>>['fields'];
  reasonsRef: RefObject<HTMLDivElement | null>;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  legend: string;
  name: string;
  noteLabel: string;
  /** Who reads the note; the count follows. */
  noteHint: string;
  noteRows?: number;
}) {
  return (
    <>
      <div ref={reasonsRef}>
        <RadioGroup
          legend={legend}
          name={name}
          options={fields.reasons.map((r) => ({ value: r.value, label: r.example ? `${r.label} (${r.example})` : r.label }))}
          value={fields.reason}
          error={fields.reasonError}
          onChange={fields.onReason}
        />
      </div>
      <TextAreaField
        ref={noteRef}
        label={noteLabel}
        optional
        hint={`${noteHint} ${characterCount(fields.note)} of ${fields.maxNote} characters.`}
        error={fields.noteError}
        rows={noteRows}
        value={fields.note}
        onChange={(event) => {
          fields.onNote(event.target.value);
        }}
      />
    </>
  );
}
