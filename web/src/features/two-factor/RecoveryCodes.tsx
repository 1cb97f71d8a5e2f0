import { useId, useRef, useState, type SyntheticEvent } from 'react';

/**
 * The ten recovery codes, shown once: copy, download as a text file, and an explicit "I have
 * saved them" before going on, since they cannot be shown again.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const headingId = useId();
  const checkId = useId();
  const errorId = useId();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState(false);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const check = useRef<HTMLInputElement>(null);
  const text = `Hearth recovery codes\nEach code works once, in place of a code from your authenticator app.\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Recovery codes copied.');
    } catch {
      setStatus('Could not copy automatically. Select the codes and copy them, or download them.');
    }
  };

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!saved) {
      setError(true);
      check.current?.focus();
      return;
    }
    onDone();
  };

  return (
    <section aria-labelledby={headingId} className="card recovery">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        Save your recovery codes
      </h3>
      <p>
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app.{' '}
        <strong>They are shown only now.</strong> Keep them somewhere safe, like a password manager.
      </p>
      <ol className="recovery__codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="button button--quiet" onClick={() => void copy()}>
          Copy codes
        </button>
        <a
          className="button button--quiet"
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="hearth-recovery-codes.txt"
        >
          Download codes
        </a>
      </div>
      <p role="status" className="field__hint">
        {status}
      </p>
      <form noValidate onSubmit={onSubmit}>
        <div className="field field--check">
          <input
            ref={check}
            id={checkId}
            type="checkbox"
            className="checkbox"
            checked={saved}
            aria-invalid={error && !saved ? true : undefined}
            aria-describedby={error && !saved ? errorId : undefined}
            onChange={(event) => {
              setSaved(event.target.checked);
            }}
          />
          <label htmlFor={checkId} className="field__label">
            I have saved my recovery codes
          </label>
          {error && !saved && (
            <p id={errorId} className="field__error">
              Confirm that you have saved the codes: they will not be shown again.
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Done
          </button>
        </div>
      </form>
    </section>
  );
}
