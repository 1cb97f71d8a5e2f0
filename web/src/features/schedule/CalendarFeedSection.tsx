import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { CopyField } from '../../base/ui/CopyField';
import { Dialog } from '../../base/ui/Dialog';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { useTimeZone } from '../session/useTimeZone';
import { createCalendarFeed, deleteCalendarFeed, fetchCalendarFeed } from './occurrences';

/**
 * A private calendar link for the person's own calendar app. The link is a secret: it is shown
 * once, anyone holding it sees session titles and times, and making a new one stops the old.
 */
export function CalendarFeedSection() {
  const client = useHttpClient();
  const timeZone = useTimeZone();
  const load = useCallback((signal: AbortSignal) => fetchCalendarFeed(client, signal), [client]);
  const { state, retry, reload } = useResource(load);
  const headingId = useId();
  const [created, setCreated] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'replace' | 'off' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const linkHeading = useRef<HTMLHeadingElement>(null);

  // After the confirmation closes (and has returned focus to its opener, which may be about to
  // disappear), focus goes to what changed.
  useEffect(() => {
    if (created) linkHeading.current?.focus();
  }, [created]);
  useEffect(() => {
    if (message) heading.current?.focus();
  }, [message]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      await work();
      reload();
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
      setConfirm(null);
    }
  };

  const create = () =>
    void run(async () => {
      const feed = await createCalendarFeed(client);
      setCreated(feed.url);
    });

  const turnOff = () =>
    void run(async () => {
      await deleteCalendarFeed(client);
      setCreated(null);
      setMessage('Your calendar link is off. Calendars that used it stop getting your sessions.');
    });

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Calendar feed
      </h2>
      <p>
        Add your sessions to the calendar app on your phone or computer with a private link. Anyone who has the link
        can see your session titles and times, so keep it to yourself. Making a new link stops the old one.
      </p>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && (
        <FormAlert title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {created && (
        <div className="card stack">
          <h3 ref={linkHeading} tabIndex={-1}>
            Your new calendar link
          </h3>
          <p>
            <strong>It is shown only now.</strong> Copy it into your calendar app (look for “Subscribe to calendar” or
            “Add calendar from URL”).
          </p>
          <CopyField label="Calendar link" value={created} />
        </div>
      )}
      {state.status === 'loading' && <Loading what="your calendar link" />}
      {state.status === 'error' && <LoadError what="your calendar link" error={state.error} onRetry={retry} />}
      {state.status === 'ready' && (
        <>
          <p>
            {state.data.active
              ? `Your calendar link is on${
                  state.data.createdAt ? `, made ${formatDateTime(state.data.createdAt, timeZone)}` : ''
                }.`
              : 'You have no calendar link.'}
          </p>
          <div className="actions">
            {state.data.active ? (
              <>
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy}
                  onClick={() => {
                    setConfirm('replace');
                  }}
                >
                  Make a new link
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={busy}
                  onClick={() => {
                    setConfirm('off');
                  }}
                >
                  Turn off
                </button>
              </>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={create}>
                Make a calendar link
              </button>
            )}
          </div>
        </>
      )}
      {confirm && (
        <Dialog
          role="alertdialog"
          title={confirm === 'replace' ? 'Make a new calendar link?' : 'Turn off your calendar link?'}
          onCancel={() => {
            setConfirm(null);
          }}
          description={
            <p>
              {confirm === 'replace'
                ? 'The link you have now stops working, and calendars that use it stop getting your sessions. You will need to add the new link to them.'
                : 'Calendars that use the link stop getting your sessions. You can make a new link at any time.'}
            </p>
          }
        >
          <div className="actions">
            <button
              type="button"
              className={confirm === 'off' ? 'button button--danger' : 'button'}
              disabled={busy}
              onClick={confirm === 'replace' ? create : turnOff}
            >
              {confirm === 'replace' ? 'Make a new link' : 'Turn off'}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setConfirm(null);
              }}
            >
              Cancel
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
