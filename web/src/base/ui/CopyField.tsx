import { useId, useRef, useState } from 'react';

/**
 * A value to copy (a link, a key): shown in a read-only field anyone can select, with a Copy
 * button. Where the clipboard is not allowed, the text is selected so Ctrl+C copies it.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const id = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      input.current?.focus();
      input.current?.select();
      setStatus('Could not copy automatically. The text is selected: press Ctrl+C (or ⌘C) to copy it.');
    }
  };

  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className="field__row">
        <input
          ref={input}
          id={id}
          className="input input--code"
          readOnly
          value={value}
          aria-describedby={hint ? hintId : undefined}
          onFocus={(event) => {
            event.target.select();
          }}
        />
        <button
          aria-label={`Copy ${label.toLowerCase()}`}
          type="button"
          className="button button--quiet"
          onClick={() => void copy()}
        >
          Copy
        </button>
      </div>
      <p role="status" className="field__hint">
        {status}
      </p>
    </div>
  );
}
