import { useId, useRef, useState, type ReactNode, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { useSession, useSignedIn } from '../session/SessionContext';
import { RecoveryCodes } from '../two-factor/RecoveryCodes';
import { TotpEnrollment } from '../two-factor/TotpEnrollment';
import { disableTotp, regenerateRecoveryCodes } from '../two-factor/twoFactor';

export function TwoFactorSection() {
  const info = useSignedIn();
  const { refresh } = useSession();
  const headingId = useId();
  const [message, setMessage] = useState<string | null>(null);

  const enrolled = info.user.totpEnabled;
  return (
    <section aria-labelledby={headingId} id="two-factor">
      <h2 id={headingId}>Two-factor authentication</h2>
      {message && <StatusMessage>{message}</StatusMessage>}
      {enrolled ? (
        <>
          <p>
            <strong>On.</strong> After your password, Hearth asks for a code from your authenticator app.
          </p>
          <RegenerateCodes />
          {!info.secondFactor.required && (
            <TurnOff
              onDone={async () => {
                await refresh();
                setMessage('Two-factor authentication is now off.');
              }}
            />
          )}
          {info.secondFactor.required && (
            <p className="meta">Your role requires two-factor authentication, so it cannot be turned off.</p>
          )}
        </>
      ) : (
        <>
          <p>
            <strong>Off.</strong> Add a second step to signing in, so that a stolen password alone cannot open your
            account.
          </p>
          <TotpEnrollment
            onDone={() => {
              void refresh().then(() => {
                setMessage('Two-factor authentication is now on.');
              });
            }}
          />
        </>
      )}
    </section>
  );
}

interface PasswordFormProps<T> {
  title: string;
  intro?: string;
  submitLabel: string;
  problemTitle: string;
  action: (password: string) => Promise<T>;
  onSuccess: (result: T) => void;
  children?: ReactNode;
}

/** An action that asks for the password again first (re-authentication for a sensitive change). */
function PasswordForm<T>({
  title,
  intro,
  submitLabel,
  problemTitle,
  action,
  onSuccess,
  children,
}: PasswordFormProps<T>) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    if (password === '') {
      setError('Enter your password to confirm it is you.');
      input.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const result = await action(password);
      setPassword('');
      onSuccess(result);
    } catch (cause) {
      const failure = asApiError(cause);
      if (failure.code === 'invalid_credentials' || failure.field === 'password') {
        setError(failure.message);
        input.current?.focus();
      } else {
        setProblem(failure.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form card" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h3>{title}</h3>
      {intro && <p>{intro}</p>}
      {problem && (
        <FormAlert title={problemTitle}>
          <p>{problem}</p>
        </FormAlert>
      )}
      <TextField
        ref={input}
        label="Your password"
        type="password"
        autoComplete="current-password"
        value={password}
        error={error}
        onChange={(event) => {
          setPassword(event.target.value);
        }}
      />
      <div className="actions">
        <button type="submit" className="button button--quiet" disabled={busy}>
          {submitLabel}
        </button>
      </div>
      {children}
    </form>
  );
}

function RegenerateCodes() {
  const client = useHttpClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [done, setDone] = useState(false);
  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          setDone(true);
        }}
      />
    );
  }
  return (
    <PasswordForm
      title="New recovery codes"
      intro="Get ten new recovery codes. The ones you have now stop working."
      submitLabel="Make new recovery codes"
      problemTitle="No new codes were made."
      action={(password) => regenerateRecoveryCodes(client, password)}
      onSuccess={setCodes}
    >
      {done && <StatusMessage>Your new recovery codes are in use.</StatusMessage>}
    </PasswordForm>
  );
}

function TurnOff({ onDone }: { onDone: () => Promise<void> }) {
  const client = useHttpClient();
  return (
    <PasswordForm
      title="Turn off two-factor authentication"
      submitLabel="Turn off two-factor authentication"
      problemTitle="Two-factor authentication is still on."
      action={(password) => disableTotp(client, password)}
      onSuccess={() => void onDone()}
    />
  );
}
