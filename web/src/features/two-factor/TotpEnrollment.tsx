import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { CopyField } from '../../base/ui/CopyField';
import { TextField } from '../../base/ui/Field';
import { FormAlert } from '../../base/ui/FormAlert';
import { QrCode } from './QrCode';
import { RecoveryCodes } from './RecoveryCodes';
import { confirmTotp, groupSecret, setupTotp, type TotpSetup } from './twoFactor';

type Step = { name: 'start' } | { name: 'verify'; setup: TotpSetup } | { name: 'codes'; codes: string[] };

/**
 * Turning on two-factor authentication: a new secret (QR code and the key as text for typing
 * in), a code from the app to prove it works, then the recovery codes, once.
 */
export function TotpEnrollment({ onDone }: { onDone: () => void }) {
  const client = useHttpClient();
  const [step, setStep] = useState<Step>({ name: 'start' });
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const codesRef = useRef<HTMLDivElement>(null);
  const headingId = useId();

  useEffect(() => {
    if (step.name === 'verify') stepHeading.current?.focus();
    if (step.name === 'codes') codesRef.current?.querySelector<HTMLElement>('h3')?.focus();
  }, [step.name]);

  const start = async () => {
    setProblem(null);
    setBusy(true);
    try {
      setStep({ name: 'verify', setup: await setupTotp(client) });
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setCodeError('Enter the 6 digits your authenticator app shows for Hearth.');
      codeInput.current?.focus();
      return;
    }
    setCodeError(null);
    setBusy(true);
    try {
      setStep({ name: 'codes', codes: await confirmTotp(client, digits) });
    } catch (cause) {
      const error = asApiError(cause);
      if (error.status === 401 || error.status === 422 || error.code === 'invalid_second_factor') {
        setCodeError('That code did not work. Check that the time on your phone is right and try the current code.');
        codeInput.current?.focus();
      } else {
        setProblem(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  if (step.name === 'codes') {
    return (
      <div ref={codesRef}>
        <RecoveryCodes codes={step.codes} onDone={onDone} />
      </div>
    );
  }

  if (step.name === 'start') {
    return (
      <div className="stack">
        {problem && (
          <FormAlert title="Two-factor set-up did not start.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <p>
          You need an authenticator app on your phone, such as FreeOTP, Aegis, Google Authenticator or Microsoft
          Authenticator.
        </p>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void start()}>
            Set up two-factor authentication
          </button>
        </div>
      </div>
    );
  }

  const { setup } = step;
  return (
    <section aria-labelledby={headingId} className="card stack">
      <h3 id={headingId} ref={stepHeading} tabIndex={-1}>
        Add Hearth to your authenticator app
      </h3>
      <ol className="steps">
        <li>In your authenticator app, choose to add an account and scan this QR code.</li>
        <li>Or, if you cannot scan it, enter the key below by hand (type: time-based).</li>
        <li>Enter the 6-digit code the app then shows for Hearth.</li>
      </ol>
      <QrCode
        value={setup.otpauthUri}
        alt="QR code to add Hearth to an authenticator app. If you cannot scan it, use the key shown below."
      />
      <CopyField label="Key for manual entry" value={groupSecret(setup.secret)} hint="Spaces do not matter." />
      <form className="form" noValidate onSubmit={(event) => void verify(event)}>
        {problem && (
          <FormAlert title="Two-factor authentication is not on yet.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <TextField
          ref={codeInput}
          label="6-digit code"
          hint="From your authenticator app."
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={7}
          spellCheck={false}
          value={code}
          error={codeError}
          onChange={(event) => {
            setCode(event.target.value);
          }}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Turn on two-factor authentication
          </button>
        </div>
      </form>
    </section>
  );
}
