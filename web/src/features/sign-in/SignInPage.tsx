import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { TextField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { durationText } from '../session/idle';
import type { FromState } from '../session/RequireSession';
import { fetchAuthConfig, type SignInRequest } from '../session/session';
import { useSession } from '../session/SessionContext';

type Step = 'password' | 'code' | 'recovery';

/** Where to go after signing in: the page that asked for it, or home. */
function destination(state: unknown): string {
  const from = (state as FromState | null)?.from;
  if (!from || from.pathname === '/sign-in') return '/';
  return `${from.pathname}${from.search}`;
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useHttpClient();
  const loadConfig = useCallback((signal: AbortSignal) => fetchAuthConfig(client, signal), [client]);
  const { state: config } = useResource(loadConfig);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [errors, setErrors] = useState<{ email?: string; password?: string; code?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  // Filled after the first render, so the live region exists before its text arrives and
  // screen readers announce it.
  const sessionNotice = session.notice;
  useEffect(() => {
    if (sessionNotice === null) return;
    const timer = setTimeout(() => {
      setNotice(sessionNotice);
    }, 50);
    return () => {
      clearTimeout(timer);
    };
  }, [sessionNotice]);

  useEffect(() => {
    if (step !== 'password') codeInput.current?.focus();
  }, [step]);

  if (session.state.status === 'signed-in') {
    return <Navigate to={destination(location.state)} replace />;
  }

  const validate = (): boolean => {
    const found: typeof errors = {};
    if (step === 'password') {
      if (email.trim() === '') found.email = 'Enter your email address.';
      if (password === '') found.password = 'Enter your password.';
    } else if (step === 'code' && !/^\d{6}$/.test(code.trim())) {
      found.code = 'Enter the 6 digits your authenticator app shows.';
    } else if (step === 'recovery' && code.trim() === '') {
      found.code = 'Enter one of your recovery codes.';
    }
    setErrors(found);
    if (found.email) emailInput.current?.focus();
    else if (found.password) passwordInput.current?.focus();
    else if (found.code) codeInput.current?.focus();
    return Object.keys(found).length === 0;
  };

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    if (!validate()) return;
    const request: SignInRequest = { email: email.trim(), password };
    if (step === 'code') request.code = code.trim();
    if (step === 'recovery') request.recoveryCode = code.trim();
    setBusy(true);
    try {
      await session.signIn(request);
      await navigate(destination(location.state), { replace: true });
    } catch (cause) {
      const error = asApiError(cause);
      if (error.code === 'second_factor_required') {
        setStep('code');
        setCode('');
        return;
      }
      if (error.code === 'invalid_second_factor') {
        setErrors({
          code:
            step === 'recovery'
              ? 'That recovery code did not work. Check it and try again.'
              : 'That code did not work. Codes change every 30 seconds: try the current one.',
        });
        codeInput.current?.focus();
        return;
      }
      setProblem(problemText(error));
      if (error.code === 'invalid_credentials') passwordInput.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const startOver = () => {
    setStep('password');
    setCode('');
    setErrors({});
    setProblem(null);
    setPassword('');
    queueMicrotask(() => passwordInput.current?.focus());
  };

  const demo = config.status === 'ready' && config.data.demo;

  return (
    <>
      <PageHeading>Sign in</PageHeading>
      {demo && (
        <aside className="notice notice--demo" aria-label="Demo">
          <p className="notice__title">This is a demo of Hearth — no real health information.</p>
          <p>
            Demo accounts are printed by <code>hearth demo</code>.
          </p>
        </aside>
      )}
      <div role="status" className={notice ? 'notice notice--info' : undefined}>
        {notice}
      </div>

      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && <FormAlert title="You are not signed in.">{<p>{problem}</p>}</FormAlert>}
        {step === 'password' ? (
          <>
            <TextField
              ref={emailInput}
              label="Email address"
              type="email"
              name="email"
              autoComplete="username"
              spellCheck={false}
              value={email}
              error={errors.email}
              onChange={(event) => {
                setEmail(event.target.value);
              }}
            />
            <TextField
              ref={passwordInput}
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              error={errors.password}
              onChange={(event) => {
                setPassword(event.target.value);
              }}
            />
          </>
        ) : (
          <>
            <p>
              Signing in as <strong>{email.trim()}</strong>. Your account has two-factor authentication turned on.
            </p>
            {step === 'code' ? (
              <TextField
                key="code"
                ref={codeInput}
                label="6-digit code"
                hint="From your authenticator app."
                name="code"
                autoComplete="one-time-code"
                inputMode="numeric"
                pattern="[0-9]*"
                maxLength={6}
                spellCheck={false}
                value={code}
                error={errors.code}
                onChange={(event) => {
                  setCode(event.target.value.replace(/\s+/g, ''));
                }}
              />
            ) : (
              <TextField
                key="recovery"
                ref={codeInput}
                label="Recovery code"
                hint="One of the ten codes you saved when you set up two-factor authentication, like abcde-12345. Each works once."
                name="recovery-code"
                autoComplete="off"
                spellCheck={false}
                value={code}
                error={errors.code}
                onChange={(event) => {
                  setCode(event.target.value);
                }}
              />
            )}
          </>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          {step === 'code' && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setStep('recovery');
                setCode('');
                setErrors({});
              }}
            >
              Use a recovery code instead
            </button>
          )}
          {step === 'recovery' && (
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setStep('code');
                setCode('');
                setErrors({});
              }}
            >
              Use a code from the app instead
            </button>
          )}
          {step !== 'password' && (
            <button type="button" className="button button--quiet" onClick={startOver}>
              Start over
            </button>
          )}
        </div>
      </form>
      <p className="meta">
        Forgot your password, or no account yet? Ask your care team or program administrator for a link.
      </p>
      <p className="meta">
        <Link to="/settings">Text size and contrast</Link>
      </p>
    </>
  );
}

function problemText(error: ApiError): string {
  if (error.code === 'rate_limited') {
    const wait = error.retryAfterSeconds;
    return wait === undefined
      ? 'Too many sign-in attempts. Please wait a few minutes before trying again.'
      : `Too many sign-in attempts. Please wait ${durationText(wait * 1000)} before trying again.`;
  }
  return error.message;
}
