import { useCallback, useRef, useState, type SyntheticEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { TextField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { browserTimeZone, formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { TimeZoneSelect } from '../../base/ui/TimeZoneSelect';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { checkPassword } from '../password/passwordRules';
import { PasswordFields } from '../password/PasswordFields';
import { enrollPath } from '../session/RequireSession';
import { roleList } from '../session/roles';
import { useSession } from '../session/SessionContext';
import { acceptInvite, lookupInvite, tokenFromHash, type InviteDetails } from './invite';

export function InvitePage() {
  useDocumentTitle('Accept your invitation');
  const client = useHttpClient();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const load = useCallback((signal: AbortSignal) => lookupInvite(client, token, signal), [client, token]);

  return (
    <>
      <PageHeading>Accept your invitation</PageHeading>
      {token === '' ? <BrokenLink /> : <Lookup token={token} load={load} />}
    </>
  );
}

function Lookup({ token, load }: { token: string; load: (signal: AbortSignal) => Promise<InviteDetails> }) {
  const { state, retry } = useResource(load);
  if (state.status === 'loading') return <Loading what="your invitation" />;
  if (state.status === 'error') {
    if (state.error.status === 404) return <BrokenLink />;
    return <LoadError what="your invitation" error={state.error} onRetry={retry} />;
  }
  return <AcceptForm token={token} invite={state.data} />;
}

function BrokenLink() {
  return (
    <div className="notice notice--error">
      <p className="notice__title">This invitation link does not work.</p>
      <p>
        It may be incomplete, already used, withdrawn or expired. Ask the person who invited you to send a new one. If
        you already have an account, <Link to="/sign-in">sign in</Link>.
      </p>
    </div>
  );
}

interface Errors {
  displayName?: string | undefined;
  password?: string | undefined;
  confirm?: string | undefined;
  timeZone?: string | undefined;
}

function AcceptForm({ token, invite }: { token: string; invite: InviteDetails }) {
  const client = useHttpClient();
  const session = useSession();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [pronouns, setPronouns] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);

  const focusFirst = (found: Errors) => {
    if (found.displayName) nameInput.current?.focus();
    else if (found.password) passwordInput.current?.focus();
    else if (found.confirm) confirmInput.current?.focus();
  };

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found: Errors = { ...checkPassword(password, confirm, { email: invite.email, name: displayName }) };
    if (displayName.trim() === '') found.displayName = 'Enter the name you would like others to see.';
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const info = await acceptInvite(client, { token, password, displayName: displayName.trim(), pronouns, timeZone });
      session.adopt(info);
      await navigate(info.secondFactor.enrollmentPending ? enrollPath : '/', { replace: true });
    } catch (cause) {
      const error = asApiError(cause);
      const byField: Errors = {};
      if (error.field === 'password') byField.password = error.message;
      else if (error.field === 'display_name') byField.displayName = error.message;
      else if (error.field === 'time_zone') byField.timeZone = error.message;
      if (Object.keys(byField).length > 0) {
        setErrors(byField);
        focusFirst(byField);
      } else {
        setProblem(error.status === 404 ? 'This invitation is no longer valid. Ask for a new one.' : error.message);
        queueMicrotask(() => alert.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="lead">Welcome to Hearth. Set up your account to join your program.</p>
      <dl className="facts">
        <div>
          <dt>Email address</dt>
          <dd>{invite.email}</dd>
        </div>
        <div>
          <dt>Invited as</dt>
          <dd>{roleList(invite.roles)}</dd>
        </div>
        <div>
          <dt>Link valid until</dt>
          <dd>{formatDateTime(invite.expiresAt)}</dd>
        </div>
      </dl>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert ref={alert} title="Your account was not created.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <input type="email" name="email" autoComplete="username" value={invite.email} readOnly hidden />
        <TextField
          ref={nameInput}
          label="Display name"
          hint="How others in Hearth see you. In forums you can choose a pseudonym later."
          autoComplete="name"
          value={displayName}
          error={errors.displayName}
          onChange={(event) => {
            setDisplayName(event.target.value);
          }}
        />
        <TextField
          label="Pronouns"
          optional
          hint="For example she/her, he/him, they/them."
          value={pronouns}
          onChange={(event) => {
            setPronouns(event.target.value);
          }}
        />
        <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={errors.timeZone} />
        <PasswordFields
          label="Password"
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          errors={errors}
          passwordRef={passwordInput}
          confirmRef={confirmInput}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Creating your account…' : 'Create account'}
          </button>
        </div>
      </form>
    </>
  );
}
