import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { checkPassword } from '../password/passwordRules';
import { PasswordFields } from '../password/PasswordFields';
import { useSignedIn } from '../session/SessionContext';
import { changePassword } from './account';

interface Errors {
  current?: string | undefined;
  password?: string | undefined;
  confirm?: string | undefined;
}

export function PasswordSection() {
  const { user } = useSignedIn();
  const client = useHttpClient();
  const headingId = useId();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const currentInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  const focusFirst = (found: Errors) => {
    if (found.current) currentInput.current?.focus();
    else if (found.password) passwordInput.current?.focus();
    else if (found.confirm) confirmInput.current?.focus();
  };

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setDone(false);
    setProblem(null);
    const found: Errors = { ...checkPassword(password, confirm, { email: user.email, name: user.displayName }) };
    if (current === '') found.current = 'Enter your current password.';
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await changePassword(client, current, password);
      setCurrent('');
      setPassword('');
      setConfirm('');
      setDone(true);
    } catch (cause) {
      const error = asApiError(cause);
      const byField: Errors = {};
      if (error.field === 'current_password' || error.code === 'invalid_credentials') byField.current = error.message;
      else if (error.field === 'new_password' || error.field === 'password') byField.password = error.message;
      if (Object.keys(byField).length > 0) {
        setErrors(byField);
        focusFirst(byField);
      } else {
        setProblem(error.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} id="password">
      <h2 id={headingId}>Password</h2>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="Your password was not changed.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <input type="email" name="email" autoComplete="username" value={user.email} readOnly hidden />
        <TextField
          ref={currentInput}
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          error={errors.current}
          onChange={(event) => {
            setCurrent(event.target.value);
          }}
        />
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
            Change password
          </button>
        </div>
        {done && (
          <StatusMessage>Your password has been changed. Your other devices have been signed out.</StatusMessage>
        )}
      </form>
    </section>
  );
}
