import { useCallback, useRef, useState, type SyntheticEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { FormAlert } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { tokenFromHash } from '../invite/invite';
import { checkPassword } from '../password/passwordRules';
import { PasswordFields } from '../password/PasswordFields';
import { useSession } from '../session/SessionContext';
import { acceptReset, lookupReset, type ResetDetails } from './passwordReset';

export const passwordChangedNotice = 'Your password has been changed. Please sign in with your new password.';

export function PasswordResetPage() {
  useDocumentTitle('Choose a new password');
  const client = useHttpClient();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const load = useCallback((signal: AbortSignal) => lookupReset(client, token, signal), [client, token]);
  return (
    <>
      <PageHeading>Choose a new password</PageHeading>
      {token === '' ? <BrokenLink /> : <Lookup token={token} load={load} />}
    </>
  );
}

function Lookup({ token, load }: { token: string; load: (signal: AbortSignal) => Promise<ResetDetails> }) {
  const { state, retry } = useResource(load);
  if (state.status === 'loading') return <Loading what="your reset link" />;
  if (state.status === 'error') {
    if (state.error.status === 404) return <BrokenLink />;
    return <LoadError what="your reset link" error={state.error} onRetry={retry} />;
  }
  return <ResetForm token={token} details={state.data} />;
}

function BrokenLink() {
  return (
    <div className="notice notice--error">
      <p className="notice__title">This password reset link does not work.</p>
      <p>
        It may be incomplete, already used or expired (links last 24 hours). Ask your care team or administrator for a
        new one, or <Link to="/sign-in">sign in</Link> if you remember your password.
      </p>
    </div>
  );
}

function ResetForm({ token, details }: { token: string; details: ResetDetails }) {
  const client = useHttpClient();
  const session = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string | undefined; confirm?: string | undefined }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLDivElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const found = checkPassword(password, confirm, { email: details.email });
    setErrors(found);
    if (found.password) {
      passwordInput.current?.focus();
      return;
    }
    if (found.confirm) {
      confirmInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await acceptReset(client, token, password);
      // Every session of the account ended; if one was open here, notice it now.
      await session.refresh();
      session.setNotice(passwordChangedNotice);
      await navigate('/sign-in', { replace: true });
    } catch (cause) {
      const error = asApiError(cause);
      if (error.field === 'password') {
        setErrors({ password: error.message });
        passwordInput.current?.focus();
      } else {
        setProblem(error.status === 404 ? 'This link is no longer valid. Ask for a new one.' : error.message);
        queueMicrotask(() => alert.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="lead">
        Choose a new password for <strong>{details.email}</strong>. You will be signed out everywhere and can then sign
        in with it.
      </p>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert ref={alert} title="Your password was not changed.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <input type="email" name="email" autoComplete="username" value={details.email} readOnly hidden />
        <PasswordFields
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
            {busy ? 'Saving…' : 'Save new password'}
          </button>
        </div>
      </form>
    </>
  );
}
