import type { ReactNode, Ref } from 'react';

/**
 * A problem with what was just submitted, announced at once (role=alert). Give it a ref and
 * focus it when the problem is not tied to one field.
 */
export function FormAlert({
  title,
  children,
  ref,
}: {
  title?: string;
  children?: ReactNode;
  ref?: Ref<HTMLDivElement>;
}) {
  return (
    <div ref={ref} role="alert" className="notice notice--error" tabIndex={-1}>
      {title && <p className="notice__title">{title}</p>}
      {children}
    </div>
  );
}

/** A polite confirmation ("Saved."), read when the screen reader is free. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice notice--success">
      {children}
    </p>
  );
}
