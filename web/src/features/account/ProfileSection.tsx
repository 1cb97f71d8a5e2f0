import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { TimeZoneSelect } from '../../base/ui/TimeZoneSelect';
import { useSession, useSignedIn } from '../session/SessionContext';
import { patchAccount } from './account';

export function ProfileSection() {
  const { user } = useSignedIn();
  const { updateUser } = useSession();
  const client = useHttpClient();
  const headingId = useId();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [pronouns, setPronouns] = useState(user.pronouns);
  const [timeZone, setTimeZone] = useState(user.timeZone || 'UTC');
  const [nameError, setNameError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setSaved(false);
    setProblem(null);
    if (displayName.trim() === '') {
      setNameError('Enter the name you would like others to see.');
      nameInput.current?.focus();
      return;
    }
    setNameError(null);
    setBusy(true);
    try {
      const account = await patchAccount(client, {
        displayName: displayName.trim(),
        pronouns: pronouns.trim(),
        timeZone,
      });
      updateUser(account);
      setSaved(true);
    } catch (cause) {
      const error = asApiError(cause);
      if (error.field === 'display_name') {
        setNameError(error.message);
        nameInput.current?.focus();
      } else {
        setProblem(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} id="profile">
      <h2 id={headingId}>Profile</h2>
      <p>
        Email address: <strong>{user.email}</strong> (ask an administrator to change it).
      </p>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="Your profile was not saved.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <TextField
          ref={nameInput}
          label="Display name"
          autoComplete="name"
          value={displayName}
          error={nameError}
          onChange={(event) => {
            setDisplayName(event.target.value);
          }}
        />
        <TextField
          label="Pronouns"
          optional
          value={pronouns}
          onChange={(event) => {
            setPronouns(event.target.value);
          }}
        />
        <TimeZoneSelect value={timeZone} onChange={setTimeZone} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Save profile
          </button>
        </div>
        {saved && <StatusMessage>Your profile has been saved.</StatusMessage>}
      </form>
    </section>
  );
}
