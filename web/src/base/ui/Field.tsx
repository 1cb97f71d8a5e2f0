import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface Common {
  label: ReactNode;
  /** Shown under the label and read with the control (aria-describedby). */
  hint?: ReactNode;
  /** The problem with the value: marks the control invalid and is read with it. */
  error?: string | null | undefined;
  /** Adds "(optional)" to the label; required fields are the norm, so they carry no mark. */
  optional?: boolean;
}

function useDescription(hint: ReactNode, error: string | null | undefined) {
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const parts = (
    <>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </>
  );
  return { describedBy, parts };
}

function Label({ htmlFor, label, optional }: { htmlFor: string; label: ReactNode; optional?: boolean | undefined }) {
  return (
    <label htmlFor={htmlFor} className="field__label">
      {label}
      {optional && <span className="field__optional"> (optional)</span>}
    </label>
  );
}

type TextFieldProps = Common &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { ref?: Ref<HTMLInputElement> | undefined };

/** A labelled input with its hint and error wired for screen readers. */
export function TextField({ label, hint, error, optional, ref, className, ...input }: TextFieldProps) {
  const id = useId();
  const { describedBy, parts } = useDescription(hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <Label htmlFor={id} label={label} optional={optional} />
      {parts}
      <input
        ref={ref}
        id={id}
        className={className ?? 'input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
    </div>
  );
}

type TextAreaProps = Common &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { ref?: Ref<HTMLTextAreaElement> | undefined };

export function TextAreaField({ label, hint, error, optional, ref, ...textarea }: TextAreaProps) {
  const id = useId();
  const { describedBy, parts } = useDescription(hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <Label htmlFor={id} label={label} optional={optional} />
      {parts}
      <textarea
        ref={ref}
        id={id}
        className="input input--area"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
    </div>
  );
}

type SelectFieldProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
    ref?: Ref<HTMLSelectElement> | undefined;
    children: ReactNode;
  };

export function SelectField({ label, hint, error, optional, ref, children, ...select }: SelectFieldProps) {
  const id = useId();
  const { describedBy, parts } = useDescription(hint, error);
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <Label htmlFor={id} label={label} optional={optional} />
      {parts}
      <select
        ref={ref}
        id={id}
        className="input input--select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

interface CheckboxGroupProps {
  legend: ReactNode;
  options: readonly { value: string; label: string; disabled?: boolean }[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  hint?: ReactNode;
  error?: string | null | undefined;
  /** For focusing the group on an error: the first checkbox. */
  firstRef?: Ref<HTMLInputElement> | undefined;
}

/** Checkboxes in a fieldset whose legend names the group (WCAG 1.3.1, 3.3.2). */
export function CheckboxGroup({ legend, options, value, onChange, hint, error, firstRef }: CheckboxGroupProps) {
  const { describedBy, parts } = useDescription(hint, error);
  const baseId = useId();
  const toggle = (option: string, checked: boolean) => {
    const next = checked ? [...value, option] : value.filter((item) => item !== option);
    onChange(options.map((item) => item.value).filter((item) => next.includes(item)));
  };
  return (
    <fieldset className={error ? 'fieldset field--invalid' : 'fieldset'} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      {parts}
      <div className="checks">
        {options.map((option, index) => (
          <div key={option.value} className="check">
            <input
              ref={index === 0 ? firstRef : undefined}
              id={`${baseId}-${option.value}`}
              type="checkbox"
              className="checkbox"
              checked={value.includes(option.value)}
              disabled={option.disabled}
              onChange={(event) => {
                toggle(option.value, event.target.checked);
              }}
            />
            <label htmlFor={`${baseId}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

interface RadioGroupProps {
  legend: ReactNode;
  /** The radios' shared name. */
  name: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string | null | undefined;
}

/** Radio buttons in a fieldset whose legend names the choice (WCAG 1.3.1, 3.3.2). */
export function RadioGroup({ legend, name, options, value, onChange, hint, error }: RadioGroupProps) {
  const { describedBy, parts } = useDescription(hint, error);
  const baseId = useId();
  return (
    <fieldset className={error ? 'fieldset field--invalid' : 'fieldset'} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      {parts}
      <div className="checks">
        {options.map((option) => (
          <div key={option.value} className="check">
            <input
              id={`${baseId}-${option.value}`}
              type="radio"
              className="checkbox"
              name={`${baseId}-${name}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => {
                onChange(option.value);
              }}
            />
            <label htmlFor={`${baseId}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
