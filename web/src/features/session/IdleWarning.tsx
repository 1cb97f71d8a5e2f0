import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { asApiError } from '../../base/http/client';
import { Dialog } from '../../base/ui/Dialog';
import { durationText, warningLeadMs } from './idle';
import { useSession } from './SessionContext';

/** After the deadline, wait this long before asking the server, so its clock has passed it too. */
const expiryGraceMs = 500;

/**
 * Warns before the session ends for inactivity and offers to keep it (WCAG 2.2 SC 2.2.1): a
 * minute ahead, or at half the time-out when that is two minutes or less. Escape counts as
 * "Stay signed in": pressing a key there shows the person is present.
 */
export function IdleWarning() {
  const { state, idleDeadline, keepAlive, signOut, checkIdle } = useSession();
  const timeoutSeconds = state.status === 'signed-in' ? state.info.session.idleTimeoutSeconds : null;
  const [clock, setClock] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stay = useRef<HTMLButtonElement>(null);
  const navigate = useNavigate();

  const warnAt = idleDeadline !== null && timeoutSeconds !== null ? idleDeadline - warningLeadMs(timeoutSeconds) : null;
  const open = warnAt !== null && clock >= warnAt;

  useEffect(() => {
    if (warnAt === null || idleDeadline === null) return;
    const now = Date.now();
    const timers = [
      setTimeout(
        () => {
          setClock(Date.now());
        },
        Math.max(0, warnAt - now),
      ),
      setTimeout(
        () => {
          setClock(Date.now());
          void checkIdle();
        },
        Math.max(0, idleDeadline - now + expiryGraceMs),
      ),
    ];
    return () => {
      for (const timer of timers) clearTimeout(timer);
    };
  }, [warnAt, idleDeadline, checkIdle]);

  // The countdown in the dialog; not a live region, so it does not talk over everything else.
  useEffect(() => {
    if (!open) return;
    const timer = setInterval(() => {
      setClock(Date.now());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [open]);

  if (!open || idleDeadline === null || timeoutSeconds === null) return null;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (cause) {
      setError(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };
  const onStay = () => void run(keepAlive);
  const onSignOut = () =>
    void run(async () => {
      await signOut();
      await navigate('/sign-in', { replace: true });
    });

  return (
    <Dialog
      role="alertdialog"
      title="Are you still there?"
      initialFocus={stay}
      onCancel={onStay}
      description={
        <>
          <p>For your privacy, Hearth signs you out after {durationText(timeoutSeconds * 1000)} without activity.</p>
          <p>
            Your session will end in <strong>{durationText(idleDeadline - clock)}</strong>.
          </p>
        </>
      }
    >
      {error && (
        <p role="alert" className="notice notice--error">
          {error}
        </p>
      )}
      <div className="actions">
        <button ref={stay} type="button" className="button" disabled={busy} onClick={onStay}>
          Stay signed in
        </button>
        <button type="button" className="button button--quiet" disabled={busy} onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </Dialog>
  );
}
