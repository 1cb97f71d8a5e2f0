import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { formatMinutes } from '../../base/ui/dates';
import { TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import {
  formOfProgram,
  programBody,
  programFieldOf,
  setSessionTimeout,
  updateProgram,
  type ProgramDetail,
  type ProgramFormErrors,
} from './program';
import { PrivateMessagesForm, privateMessagesLabels } from './PrivateMessagesForm';
import { ProgramFields } from './ProgramFields';

export function ProgramDetailsSection({
  program,
  editable,
  onSaved,
}: {
  program: ProgramDetail;
  editable: boolean;
  onSaved: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (message) heading.current?.focus();
  }, [message]);

  const { targets } = program;
  return (
    <section aria-labelledby="program-details" className="stack">
      <h2 id="program-details" ref={heading} tabIndex={-1}>
        Details
      </h2>
      {message && <StatusMessage>{message}</StatusMessage>}
      <dl className="facts">
        <div>
          <dt>Time zone</dt>
          <dd>{program.timeZone.replace(/_/g, ' ')}</dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{program.audience === 'adolescent' ? 'Adolescents' : 'Adults'}</dd>
        </div>
        <div>
          <dt>Weekly target</dt>
          <dd>
            {formatMinutes(targets.weeklyMinutes)} a week, at least {formatMinutes(targets.dailyMinimumMinutes)} on{' '}
            {targets.daysPerWeek} {targets.daysPerWeek === 1 ? 'day' : 'days'}
          </dd>
        </div>
        <div>
          <dt>Length</dt>
          <dd>{program.lengthWeeks === null ? 'Not set' : `${program.lengthWeeks} weeks`}</dd>
        </div>
        <div>
          <dt>Largest group</dt>
          <dd>{program.groupCapacityCap === null ? 'Not set' : `${program.groupCapacityCap} seats`}</dd>
        </div>
        <div>
          <dt>Idle sign-out</dt>
          <dd>
            {program.idleTimeoutMinutes === null || program.idleTimeoutMinutes === 0
              ? 'The server’s default'
              : `After ${program.idleTimeoutMinutes} minutes without activity`}
          </dd>
        </div>
        <div>
          <dt>Private messages between participants</dt>
          <dd>{privateMessagesLabels[program.privateMessages]}</dd>
        </div>
      </dl>
      {editable && !editing && (
        <div className="actions">
          <button
            ref={editButton}
            type="button"
            className="button button--quiet"
            onClick={() => {
              setMessage(null);
              setEditing(true);
            }}
          >
            Edit details
          </button>
        </div>
      )}
      {editable && editing && (
        <EditProgram
          program={program}
          onDone={(text) => {
            setEditing(false);
            if (text) {
              setMessage(text);
              onSaved();
            } else queueMicrotask(() => editButton.current?.focus());
          }}
        />
      )}
      {editable && (
        <SessionTimeoutForm
          program={program}
          onSaved={() => {
            setMessage('The idle sign-out time is saved. It applies to sessions started from now on.');
            onSaved();
          }}
        />
      )}
      {editable && (
        <PrivateMessagesForm
          program={program}
          onSaved={(text) => {
            setMessage(text);
            onSaved();
          }}
        />
      )}
    </section>
  );
}

function EditProgram({ program, onDone }: { program: ProgramDetail; onDone: (message: string | null) => void }) {
  const client = useHttpClient();
  const [form, setForm] = useState(() => formOfProgram(program));
  const [errors, setErrors] = useState<ProgramFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [formRef]);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const { body, errors: found } = programBody(form, false);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      await updateProgram(client, program.id, body);
      onDone('The program’s details are saved.');
    } catch (cause) {
      const failure = asApiError(cause);
      const field = failure.field === undefined ? undefined : programFieldOf[failure.field];
      if (field) setErrors({ [field]: failure.message });
      else setProblem(failure.message);
      focusError();
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form card" noValidate aria-label="Edit the program" onSubmit={(event) => void onSubmit(event)}>
      {problem && (
        <FormAlert title="The program was not saved.">
          <p>{problem}</p>
        </FormAlert>
      )}
      <ProgramFields form={form} onChange={setForm} errors={errors} forCreate={false} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Save details
        </button>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            onDone(null);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

function SessionTimeoutForm({ program, onSaved }: { program: ProgramDetail; onSaved: () => void }) {
  const client = useHttpClient();
  const [minutes, setMinutes] = useState(String(program.idleTimeoutMinutes ?? 0));
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const value = /^\d+$/.test(minutes.trim()) ? Number(minutes.trim()) : NaN;
    if (!(value >= 0 && value <= 720)) {
      setError('Enter minutes from 0 to 720; 0 uses the server’s default.');
      input.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await setSessionTimeout(client, program.id, value);
      onSaved();
    } catch (cause) {
      const failure = asApiError(cause);
      if (failure.field === 'idle_timeout_minutes') {
        setError(failure.message);
        input.current?.focus();
      } else setProblem(failure.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate aria-label="Idle sign-out" onSubmit={(event) => void onSubmit(event)}>
      {problem && (
        <FormAlert title="The idle sign-out time was not saved.">
          <p>{problem}</p>
        </FormAlert>
      )}
      <TextField
        ref={input}
        label="Sign people out after this many idle minutes"
        hint="For the program’s staff and participants, from their next sign-in. 0: the server’s default. A shorter time protects shared computers."
        inputMode="numeric"
        value={minutes}
        error={error}
        onChange={(event) => {
          setMinutes(event.target.value);
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--quiet" disabled={busy}>
          Save idle sign-out
        </button>
      </div>
    </form>
  );
}
