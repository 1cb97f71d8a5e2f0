import { useId, useState } from 'react';
import { Link } from 'react-router';
import { asApiError } from '../../base/http/client';
import { formatDateTime, formatRelative } from '../../base/ui/format';
import { alertKindLabel, alertPlace, type CareTeamAlert } from './safetyAlerts';

/**
 * One alert: who, where, what kind and when, never the words; and either the Acknowledge button or
 * who acknowledged it and when. The heading takes focus when the list changes under the keyboard
 * (see SafetyAlertsPage), hence tabIndex -1.
 */
export function SafetyAlertItem({
  alert,
  now,
  timeZone,
  isNew,
  onAcknowledge,
}: {
  alert: CareTeamAlert;
  now: number;
  timeZone: string;
  /** Heard live while the page was open: marked so that it stands out among the others. */
  isNew: boolean;
  onAcknowledge: (alert: CareTeamAlert) => Promise<void>;
}) {
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const kind = alertKindLabel(alert.category);

  const acknowledge = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onAcknowledge(alert);
    } catch (cause) {
      const failure = asApiError(cause);
      setProblem(
        failure.status === 404
          ? 'This alert is not open to you: only the program’s current clinicians can acknowledge it.'
          : failure.message,
      );
      setBusy(false);
    }
  };

  const acknowledged = alert.acknowledgement;
  return (
    <li className={acknowledged ? 'card safety-alert-item' : 'card safety-alert-item safety-alert-item--open'}>
      <article aria-labelledby={headingId} className="stack">
        <h2 id={headingId} className="safety-alert-item__heading" tabIndex={-1} data-alert-heading>
          {alert.participantName}
          <span className="visually-hidden">: </span>
          <span className={acknowledged ? 'tag tag--off' : 'tag tag--danger'}>{kind}</span>
          {isNew && !acknowledged && <span className="tag">New</span>}
        </h2>
        <dl className="facts">
          <div>
            <dt>Where</dt>
            <dd>{alertPlace(alert)}</dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{kind}</dd>
          </div>
          <div>
            <dt>When</dt>
            <dd>
              <time dateTime={alert.createdAt}>
                {formatRelative(alert.createdAt, now)} ({formatDateTime(alert.createdAt, timeZone)})
              </time>
            </dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              {acknowledged ? (
                <>
                  Acknowledged by {acknowledged.byName || 'a colleague'}{' '}
                  <time dateTime={acknowledged.at}>
                    {formatRelative(acknowledged.at, now)} ({formatDateTime(acknowledged.at, timeZone)})
                  </time>
                </>
              ) : (
                'Open: no one has acknowledged it yet'
              )}
            </dd>
          </div>
        </dl>
        {problem && (
          <p role="alert" className="field__error">
            {problem}
          </p>
        )}
        <div className="actions">
          {!acknowledged && (
            <button type="button" className="button" disabled={busy} onClick={() => void acknowledge()}>
              Acknowledge{' '}
              <span className="visually-hidden">the alert for {alert.participantName}</span>
            </button>
          )}
          <Link to={`/chat/${encodeURIComponent(alert.roomId)}`} className="button button--quiet">
            Open the room{' '}
            <span className="visually-hidden">where {alert.participantName} wrote</span>
          </Link>
        </div>
      </article>
    </li>
  );
}
