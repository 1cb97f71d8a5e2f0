import { useCallback, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError, type HttpClient } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { SelectField, TextAreaField, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { characterCount } from '../password/passwordRules';
import { fetchPeople, type Person } from '../people/people';
import { useSignedIn } from '../session/SessionContext';
import { createGrant, fetchGrants, minutesRange, reasonLength, revokeGrant, type Grant } from './breakGlass';
import { TableWrap } from '../../base/ui/TableWrap';

interface Directory {
  clinicians: Person[];
  participants: Person[];
  grants: Grant[];
}

async function loadDirectory(client: HttpClient, signal: AbortSignal): Promise<Directory> {
  const [clinicians, participants, grants] = await Promise.all([
    fetchPeople(client, { role: 'clinician', status: 'active' }, signal),
    fetchPeople(client, { role: 'participant', status: 'active' }, signal),
    fetchGrants(client, signal),
  ]);
  return { clinicians, participants, grants };
}

export function BreakGlassPage() {
  useDocumentTitle('Break-glass access');
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => loadDirectory(client, signal), [client]);
  const { state, retry, reload } = useResource(load);

  return (
    <div className="page-wide">
      <PageHeading>Break-glass access</PageHeading>
      <div className="notice notice--danger">
        <p className="notice__title">
          <span aria-hidden="true">⚠ </span>Emergency access only
        </p>
        <p>
          Use this only when a participant&apos;s safety needs a clinician who is not on their care team to see their
          record now. Access ends by itself after the time you set. Every grant, and every record read under it, is kept
          in the audit trail with your reason.
        </p>
      </div>
      {state.status === 'loading' && <Loading what="clinicians, participants and grants" />}
      {state.status === 'error' && <LoadError what="the break-glass page" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && <BreakGlass directory={state.data} onChanged={reload} />}
    </div>
  );
}

function BreakGlass({ directory, onChanged }: { directory: Directory; onChanged: () => void }) {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const listId = useId();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const names = new Map(
    [...directory.clinicians, ...directory.participants].map((person) => [person.id, person.displayName]),
  );
  const name = (id: string) => names.get(id) ?? id;

  const revoke = async (grant: Grant) => {
    setMessage(null);
    setProblem(null);
    try {
      await revokeGrant(client, grant.id);
      setMessage(`Access of ${name(grant.clinicianId)} to ${name(grant.participantId)} has been revoked.`);
      listHeading.current?.focus();
      onChanged();
    } catch (cause) {
      setProblem(asApiError(cause).message);
    }
  };

  return (
    <>
      <GrantForm
        directory={directory}
        onGranted={(grant) => {
          setProblem(null);
          setMessage(
            `${name(grant.clinicianId)} can see the record of ${name(grant.participantId)} until ${formatDateTime(grant.expiresAt, user.timeZone)}.`,
          );
          listHeading.current?.focus();
          onChanged();
        }}
      />
      <section aria-labelledby={listId} className="stack">
        <h2 id={listId} ref={listHeading} tabIndex={-1}>
          Grants
        </h2>
        {message && <StatusMessage>{message}</StatusMessage>}
        {problem && (
          <FormAlert title="The grant was not revoked.">
            <p>{problem}</p>
          </FormAlert>
        )}
        {directory.grants.length === 0 ? (
          <p>No break-glass access has been granted.</p>
        ) : (
          <TableWrap label="Break-glass grants">
            <table className="table">
              <caption className="visually-hidden">Break-glass grants</caption>
              <thead>
                <tr>
                  <th scope="col">Clinician</th>
                  <th scope="col">Participant</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Granted</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {directory.grants.map((grant) => (
                  <tr key={grant.id}>
                    <th scope="row">{name(grant.clinicianId)}</th>
                    <td>{name(grant.participantId)}</td>
                    <td>{grant.reason}</td>
                    <td>
                      {formatDateTime(grant.createdAt, user.timeZone)} by {name(grant.grantedBy)}
                    </td>
                    <td>{formatDateTime(grant.revokedAt ?? grant.expiresAt, user.timeZone)}</td>
                    <td>
                      <span className={grant.active ? 'tag tag--danger' : 'tag tag--off'}>
                        {grant.active ? 'Active' : grant.revokedAt ? 'Revoked' : 'Expired'}
                      </span>
                    </td>
                    <td>
                      {grant.active && (
                        <button
                          aria-label={`Revoke access of ${name(grant.clinicianId)} to ${name(grant.participantId)}`}
                          type="button"
                          className="button button--quiet button--small"
                          onClick={() => void revoke(grant)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

interface Errors {
  clinician?: string;
  participant?: string;
  reason?: string;
  minutes?: string;
}

function GrantForm({ directory, onGranted }: { directory: Directory; onGranted: (grant: Grant) => void }) {
  const client = useHttpClient();
  const headingId = useId();
  const [clinicianId, setClinicianId] = useState('');
  const [participantId, setParticipantId] = useState('');
  const [reason, setReason] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const clinicianSelect = useRef<HTMLSelectElement>(null);
  const participantSelect = useRef<HTMLSelectElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);
  const minutesInput = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: Errors = {};
    const reasonLengthNow = characterCount(reason.trim());
    const count = Number(minutes);
    if (clinicianId === '') found.clinician = 'Choose the clinician who needs access.';
    if (participantId === '') found.participant = 'Choose the participant whose record they need.';
    if (reasonLengthNow < reasonLength.min || reasonLengthNow > reasonLength.max) {
      found.reason = `Give a reason of ${reasonLength.min} to ${reasonLength.max} characters.`;
    }
    if (!Number.isInteger(count) || count < minutesRange.min || count > minutesRange.max) {
      found.minutes = `Enter a whole number of minutes from ${minutesRange.min} to ${minutesRange.max}.`;
    }
    setErrors(found);
    if (found.clinician) clinicianSelect.current?.focus();
    else if (found.participant) participantSelect.current?.focus();
    else if (found.reason) reasonInput.current?.focus();
    else if (found.minutes) minutesInput.current?.focus();
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const grant = await createGrant(client, { clinicianId, participantId, reason: reason.trim(), minutes: count });
      setReason('');
      onGranted(grant);
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="stack card card--danger">
      <h2 id={headingId}>Grant emergency access</h2>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="No access was granted.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <SelectField
          ref={clinicianSelect}
          label="Clinician"
          value={clinicianId}
          error={errors.clinician}
          onChange={(event) => {
            setClinicianId(event.target.value);
          }}
        >
          <option value="">Choose a clinician</option>
          {directory.clinicians.map((person) => (
            <option key={person.id} value={person.id}>
              {person.displayName} ({person.email})
            </option>
          ))}
        </SelectField>
        <SelectField
          ref={participantSelect}
          label="Participant"
          value={participantId}
          error={errors.participant}
          onChange={(event) => {
            setParticipantId(event.target.value);
          }}
        >
          <option value="">Choose a participant</option>
          {directory.participants.map((person) => (
            <option key={person.id} value={person.id}>
              {person.displayName} ({person.email})
            </option>
          ))}
        </SelectField>
        <TextAreaField
          ref={reasonInput}
          label="Reason"
          hint={`Why this access is needed now, ${reasonLength.min} to ${reasonLength.max} characters. ${characterCount(reason.trim())} so far.`}
          rows={4}
          maxLength={reasonLength.max}
          value={reason}
          error={errors.reason}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        <TextField
          ref={minutesInput}
          label="Minutes of access"
          hint={`From ${minutesRange.min} to ${minutesRange.max} (24 hours).`}
          type="number"
          inputMode="numeric"
          min={minutesRange.min}
          max={minutesRange.max}
          value={minutes}
          error={errors.minutes}
          onChange={(event) => {
            setMinutes(event.target.value);
          }}
        />
        <div className="actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            Grant emergency access
          </button>
        </div>
      </form>
    </section>
  );
}
