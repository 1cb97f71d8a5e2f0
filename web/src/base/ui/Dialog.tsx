import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface Props {
  /** `alertdialog` for a warning or a confirmation that needs an answer. */
  role?: 'dialog' | 'alertdialog';
  title: string;
  /** The text a screen reader reads with the title (aria-describedby). */
  description: ReactNode;
  children: ReactNode;
  /** Escape; omit it to make the dialog answerable only by its buttons. */
  onCancel?: () => void;
  /** What takes focus on open; by default the first control. */
  initialFocus?: RefObject<HTMLElement | null>;
}

/**
 * A modal dialog (WAI-ARIA APG "Dialog (Modal)" pattern): rendered at the end of the body, the
 * rest of the page made inert, Tab and Shift+Tab kept inside, focus returned on close to what
 * had it before. Mount it to open it; unmount it to close it.
 */
export function Dialog({ role = 'dialog', title, description, children, onCancel, initialFocus }: Props) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const container = panel.current?.closest<HTMLElement>('[data-dialog-root]') ?? null;
    const others = [...document.body.children].filter(
      (element): element is HTMLElement => element instanceof HTMLElement && element !== container && !element.inert,
    );
    for (const element of others) element.inert = true;
    const first = initialFocus?.current ?? panel.current?.querySelector<HTMLElement>(focusable) ?? panel.current;
    first?.focus();
    return () => {
      for (const element of others) element.inert = false;
      if (opener?.isConnected) opener.focus();
    };
  }, [initialFocus]);

  // Latest onCancel without re-running the open/close effect when a parent re-renders.
  const cancel = useRef(onCancel);
  useEffect(() => {
    cancel.current = onCancel;
  }, [onCancel]);

  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && cancel.current) {
        event.stopPropagation();
        cancel.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const controls = [...element.querySelectorAll<HTMLElement>(focusable)];
      const first = controls[0];
      const last = controls[controls.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && (document.activeElement === first || document.activeElement === element)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    element.addEventListener('keydown', onKeyDown);
    return () => {
      element.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  return createPortal(
    <div className="dialog-backdrop" data-dialog-root="">
      <div
        ref={panel}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className={role === 'alertdialog' ? 'dialog dialog--alert' : 'dialog'}
        tabIndex={-1}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div id={descriptionId}>{description}</div>
        {children}
      </div>
    </div>,
    document.body,
  );
}
