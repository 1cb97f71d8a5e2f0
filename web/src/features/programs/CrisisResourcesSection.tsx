import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import {
  crisisResourceLimits,
  fetchCrisisResources,
  resourceErrorOf,
  resourceProblems,
  saveCrisisResources,
  type CrisisResource,
  type ProgramCrisisResources,
  type ResourceErrors,
} from './crisisResources';
import type { ProgramDetail } from './program';

/** Where focus goes after a change to the rows: a row's field or button, found by data attribute. */
type FocusTarget = { row: number; control: 'name' | 'up' | 'down' } | 'add';

interface Row extends CrisisResource {
  /** Stable across moves, so React keeps each row's inputs (and their focus) with it. */
  key: number;
}

const headingId = 'program-crisis-resources';

/**
 * The admin's editor for a program's crisis resources: up to ten rows, added, removed and moved
 * with buttons (no dragging, so the keyboard does all of it), saved as one list; "Reset to
 * default" saves an empty list, which the server reads as "use the default".
 */
export function CrisisResourcesSection({ program }: { program: ProgramDetail }) {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchCrisisResources(client, program.id, signal), [client, program.id]);
  const { state, retry } = useResource(load);
  const [saved, setSaved] = useState<ProgramCrisisResources | null>(null);
  const current = saved ?? (state.status === 'ready' ? state.data : null);

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId} tabIndex={-1}>
        Crisis resources
      </h2>
      <p>
        Shown at once to a participant whose chat message holds words of crisis, with the program&apos;s clinicians
        alerted. Without a list of its own the program uses the default: 988 Suicide &amp; Crisis Lifeline, Crisis
        Text Line and emergency services.
      </p>
      {state.status === 'loading' && <Loading what="the crisis resources" />}
      {state.status === 'error' && <LoadError what="the crisis resources" error={state.error} onRetry={retry} />}
      {current && <CrisisResourcesForm program={program} listed={current} onSaved={setSaved} />}
    </section>
  );
}

let nextRowKey = 1;
const rowOf = (resource: CrisisResource): Row => ({ ...resource, key: nextRowKey++ });

function CrisisResourcesForm({
  program,
  listed,
  onSaved,
}: {
  program: ProgramDetail;
  listed: ProgramCrisisResources;
  onSaved: (listed: ProgramCrisisResources) => void;
}) {
  const client = useHttpClient();
  const [rows, setRows] = useState<Row[]>(() => listed.resources.map(rowOf));
  const [errors, setErrors] = useState<ResourceErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Set with a change to the rows and taken once that change is on screen.
  const focusTarget = useRef<FocusTarget | null>(null);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();
  const addButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const wanted = focusTarget.current;
    if (wanted === null) return;
    focusTarget.current = null;
    if (wanted === 'add') {
      addButton.current?.focus();
      return;
    }
    const selector = `[data-row="${wanted.row}"] [data-control="${wanted.control}"]`;
    const target = formRef.current?.querySelector<HTMLElement>(selector);
    // A move button at the list's end is disabled: the row's other move button takes focus.
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
    else formRef.current?.querySelector<HTMLElement>(`[data-row="${wanted.row}"] button:not([disabled])`)?.focus();
  }, [rows, formRef]);

  const change = (index: number, field: keyof CrisisResource, value: string) => {
    setRows((list) => list.map((row, i) => (i === index ? { ...row, [field]: value } : row)));
  };
  const move = (index: number, by: -1 | 1) => {
    setRows((list) => {
      const next = [...list];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });
    setErrors({});
    focusTarget.current = { row: index + by, control: by === -1 ? 'up' : 'down' };
  };
  const remove = (index: number) => {
    setRows((list) => list.filter((_, i) => i !== index));
    setErrors({});
    focusTarget.current = rows.length > 1 ? { row: Math.min(index, rows.length - 2), control: 'name' } : 'add';
  };
  const add = () => {
    setRows((list) => [...list, rowOf({ name: '', contact: '', url: '' })]);
    focusTarget.current = { row: rows.length, control: 'name' };
  };

  const save = async (resources: CrisisResource[], done: string) => {
    setBusy(true);
    try {
      const answer = await saveCrisisResources(client, program.id, resources);
      onSaved(answer);
      setRows(answer.resources.map(rowOf));
      setErrors({});
      setMessage(done);
      // Resetting takes away the button that was pressed: the section's heading takes focus.
      if (resources.length === 0) document.getElementById(headingId)?.focus();
    } catch (cause) {
      const failure = asApiError(cause);
      const located = failure.status === 422 ? resourceErrorOf(failure.field, failure.message) : null;
      if (located) setErrors({ [located.row]: { [located.field]: located.text } });
      else setProblem(failure.message);
      focusError();
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    setMessage(null);
    const resources = rows.map(({ name, contact, url }) => ({ name: name.trim(), contact: contact.trim(), url: url.trim() }));
    const found = resourceProblems(resources);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    if (resources.length === 0) {
      setProblem('Add at least one resource, or use “Reset to default” to go back to the default list.');
      focusError();
      return;
    }
    void save(resources, 'The program’s crisis resources are saved.');
  };

  const full = rows.length >= crisisResourceLimits.rows;
  return (
    <form ref={formRef} className="form" noValidate aria-label="Crisis resources" onSubmit={onSubmit}>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && (
        <FormAlert title="The crisis resources were not saved.">
          <p>{problem}</p>
        </FormAlert>
      )}
      <p className="meta">
        {listed.own
          ? 'This program has its own list.'
          : 'This program uses the default list. Saving it here, changed or not, makes it the program’s own.'}
      </p>
      {rows.length === 0 && <p>No resources in the list.</p>}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="fieldset card" data-row={index}>
          <legend className="field__label">Resource {index + 1}</legend>
          <TextField
            label="Name"
            data-control="name"
            value={row.name}
            error={errors[index]?.name}
            onChange={(event) => {
              change(index, 'name', event.target.value);
            }}
          />
          <TextField
            label="How to reach them"
            hint="For example: Call or text 988."
            value={row.contact}
            error={errors[index]?.contact}
            onChange={(event) => {
              change(index, 'contact', event.target.value);
            }}
          />
          <TextField
            label="Web address"
            optional
            type="url"
            inputMode="url"
            spellCheck={false}
            value={row.url}
            error={errors[index]?.url}
            onChange={(event) => {
              change(index, 'url', event.target.value);
            }}
          />
          <div className="row-actions">
            <button
              type="button"
              className="button button--quiet button--small"
              data-control="up"
              disabled={index === 0}
              onClick={() => {
                move(index, -1);
              }}
            >
              Move up{' '}
              <span className="visually-hidden">resource {index + 1}</span>
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              data-control="down"
              disabled={index === rows.length - 1}
              onClick={() => {
                move(index, 1);
              }}
            >
              Move down{' '}
              <span className="visually-hidden">resource {index + 1}</span>
            </button>
            <button
              type="button"
              className="button button--quiet button--small"
              onClick={() => {
                remove(index);
              }}
            >
              Remove{' '}
              <span className="visually-hidden">resource {index + 1}</span>
            </button>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button ref={addButton} type="button" className="button button--quiet" disabled={full} onClick={add}>
          Add a resource
        </button>
        {full && <p className="meta">A program lists at most {crisisResourceLimits.rows} resources.</p>}
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Save crisis resources
        </button>
        {listed.own && (
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() => {
              setProblem(null);
              setMessage(null);
              setErrors({});
              void save([], 'The program now uses the default crisis resources.');
            }}
          >
            Reset to default
          </button>
        )}
      </div>
    </form>
  );
}
