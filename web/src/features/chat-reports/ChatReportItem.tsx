import { useId, useState } from 'react';
import { formatDateTime, formatRelative } from '../../base/ui/format';
import { decisionLabel, reportPlace, reportReasonLabel, reportSubject, type ChatReport, type DecisionRequest } from './chatReports';
import { ReportReview } from './ReportReview';

/**
 * One report: where, whose message, who reported it, why, their note and when; then either the
 * Review control, which opens the message in its context and the decision form, or what was
 * decided, by whom and when. The heading takes focus when the list changes under the keyboard
 * (see ChatReportsPage), hence tabIndex -1.
 */
export function ChatReportItem({
  report,
  now,
  timeZone,
  isNew,
  onDecide,
}: {
  report: ChatReport;
  now: number;
  timeZone: string;
  /** Heard live while the page was open: marked so that it stands out among the others. */
  isNew: boolean;
  onDecide: (report: ChatReport, request: DecisionRequest) => Promise<void>;
}) {
  const headingId = useId();
  const reviewId = useId();
  const [reviewing, setReviewing] = useState(false);
  const decided = report.decision;
  const subject = reportSubject(report);
  const when = (iso: string) => (
    <time dateTime={iso}>
      {formatRelative(iso, now)} ({formatDateTime(iso, timeZone)})
    </time>
  );

  return (
    <li className={decided ? 'card chat-report' : 'card chat-report chat-report--open'}>
      <article aria-labelledby={headingId} className="stack">
        <h2 id={headingId} className="chat-report__heading" tabIndex={-1} data-report-heading>
          {subject.charAt(0).toUpperCase() + subject.slice(1)}
          <span className="visually-hidden">: </span>
          <span className={decided ? 'tag tag--off' : 'tag tag--danger'}>{decided ? 'Decided' : 'Open'}</span>
          {isNew && !decided && <span className="tag">New</span>}
        </h2>
        <dl className="facts">
          <div>
            <dt>Where</dt>
            <dd>{reportPlace(report)}</dd>
          </div>
          {report.programName && (
            <div>
              <dt>Program</dt>
              <dd>{report.programName}</dd>
            </div>
          )}
          <div>
            <dt>Reported by</dt>
            <dd>{report.reporterName ?? 'Someone in the room'}</dd>
          </div>
          <div>
            <dt>Why</dt>
            <dd>{reportReasonLabel(report.reason)}</dd>
          </div>
          {report.note !== '' && (
            <div>
              <dt>Reporter’s note</dt>
              <dd className="chat-report__note">{report.note}</dd>
            </div>
          )}
          <div>
            <dt>When</dt>
            <dd>{when(report.createdAt)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              {decided ? (
                <>
                  {decisionLabel(decided.decision)}, by {decided.byName || 'a colleague'} {when(decided.at)}
                </>
              ) : (
                'Open: no one has decided yet'
              )}
            </dd>
          </div>
        </dl>
        {!decided && (
          <div className="actions">
            <button
              type="button"
              className="button"
              aria-expanded={reviewing}
              aria-controls={reviewing ? reviewId : undefined}
              onClick={() => {
                setReviewing((open) => !open);
              }}
            >
              Review{' '}
              <span className="visually-hidden">the report of {subject}</span>
            </button>
          </div>
        )}
        {reviewing && !decided && (
          <div id={reviewId}>
            <ReportReview
              report={report}
              timeZone={timeZone}
              onDecide={(request) => onDecide(report, request)}
            />
          </div>
        )}
      </article>
    </li>
  );
}
