import { useId, type Ref } from 'react';
import { TextField } from '../../base/ui/Field';
import { passwordRules } from './passwordRules';

interface Props {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  errors: { password?: string | undefined; confirm?: string | undefined };
  passwordRef?: Ref<HTMLInputElement>;
  confirmRef?: Ref<HTMLInputElement>;
  /** "Password" when setting the first one, "New password" when changing it. */
  label?: string;
}

/** A new password and its confirmation, with the rules listed where they apply. */
export function PasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
  passwordRef,
  confirmRef,
  label = 'New password',
}: Props) {
  const rulesId = useId();
  return (
    <>
      <TextField
        ref={passwordRef}
        label={label}
        type="password"
        autoComplete="new-password"
        value={password}
        error={errors.password}
        hint={
          <span id={rulesId}>
            Your password needs to be:
            <span className="rules">
              {passwordRules.map((rule) => (
                <span key={rule} className="rules__item">
                  {rule}
                </span>
              ))}
            </span>
          </span>
        }
        onChange={(event) => {
          onPassword(event.target.value);
        }}
      />
      <TextField
        ref={confirmRef}
        label={`Confirm ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        value={confirm}
        error={errors.confirm}
        onChange={(event) => {
          onConfirm(event.target.value);
        }}
      />
    </>
  );
}
