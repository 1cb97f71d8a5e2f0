import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { FormAlert } from '../../base/ui/FormAlert';
import { SelectField, TextField } from '../../base/ui/Field';
import { formatDateTime, nextDay, startOfDay } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { fetchPeople } from '../people/people';
import { useSignedIn } from '../session/SessionContext';
import { exportPath, fetchAudit, type AuditEvent, type AuditFilter, type AuditPage } from './audit';
import { TableWrap } from '../../base/ui/TableWrap';

const outcomeLabels: Readonly<Record<string, string>> = { success: 'Success', failure: 'Failure', denied: 'Denied' };

export function AuditPage() {
  useDocumentTitle('Audit trail');
  const client = useHttpClient();
  const loadPeople = useCallback((signal: AbortSignal) => fetchPeople(client, {}, signal), [client]);
  const people = useResource(loadPeople);
  const [filter, setFilter] = useState<AuditFilter>({});
  const names = new Map(
    people.state.status === 'ready' ? people.state.data.map((person) => [person.id, person.displayName]) : [],
  );

  return (
    <div className="page-wide">
      <PageHeading>Audit trail</PageHeading>
      <p className="lead">
        Who did what, when, newest first: sign-ins, changes to accounts and every read of a person&apos;s record.
      </p>
      <Filters
        people={
          people.state.status === 'ready' ? people.state.data.map(({ id, displayName }) => ({ id, displayName })) : []
        }
        onApply={setFilter}
      />
      <p>
        <a className="button button--quiet" href={exportPath(filter)} download>
          Export CSV{filter.from || filter.to ? ' for these dates' : ''}
        </a>
      </p>
      <Events key={JSON.stringify(filter)} filter={filter} names={names} />
    </div>
  );
}

function Filters({
  people,
  onApply,
}: {
  people: { id: string; displayName: string }[];
  onApply: (filter: AuditFilter) => void;
}) {
  const headingId = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [actorId, setActorId] = useState('');
  const [action, setAction] = useState('');
  const [error, setError] = useState<string | null>(null);
  const toInput = useRef<HTMLInputElement>(null);
  const { user } = useSignedIn();
  const timeZone = user.timeZone || 'UTC';

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (from && to && to < from) {
      setError('The end date is before the start date.');
      toInput.current?.focus();
      return;
    }
    setError(null);
    // Days as the person reads them, in their own time zone, sent as instants (docs/api.md
    // takes RFC 3339); a bare date would be a UTC day on the server.
    const filter: AuditFilter = {};
    if (from) filter.from = new Date(startOfDay(from, timeZone)).toISOString();
    if (to) filter.to = new Date(startOfDay(nextDay(to), timeZone) - 1).toISOString();
    if (actorId) filter.actorId = actorId;
    if (action.trim()) filter.action = action.trim();
    onApply(filter);
  };

  return (
    <form role="search" aria-labelledby={headingId} className="filters" noValidate onSubmit={onSubmit}>
      <h2 id={headingId} className="visually-hidden">
        Filter the audit trail
      </h2>
      <TextField
        label="From"
        type="date"
        hint={`Days in your time zone, ${timeZone.replace(/_/g, ' ')}.`}
        value={from}
        onChange={(event) => {
          setFrom(event.target.value);
        }}
      />
      <TextField
        ref={toInput}
        label="To"
        type="date"
        value={to}
        error={error}
        onChange={(event) => {
          setTo(event.target.value);
        }}
      />
      <SelectField
        label="Who"
        value={actorId}
        onChange={(event) => {
          setActorId(event.target.value);
        }}
      >
        <option value="">Anyone</option>
        {people.map((person) => (
          <option key={person.id} value={person.id}>
            {person.displayName}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Action"
        hint="The exact name, for example sign_in or people.list."
        spellCheck={false}
        value={action}
        onChange={(event) => {
          setAction(event.target.value);
        }}
      />
      <div className="actions">
        <button type="submit" className="button">
          Show events
        </button>
      </div>
    </form>
  );
}

function Events({ filter, names }: { filter: AuditFilter; names: Map<string, string> }) {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const headingId = useId();
  const load = useCallback((signal: AbortSignal) => fetchAudit(client, filter, null, signal), [client, filter]);
  const { state, retry } = useResource(load);
  const [more, setMore] = useState<AuditPage[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const firstNew = useRef<HTMLTableRowElement>(null);
  const end = useRef<HTMLParagraphElement>(null);
  const [focusTarget, setFocusTarget] = useState<'row' | 'end' | null>(null);

  useEffect(() => {
    if (focusTarget === 'row') firstNew.current?.focus();
    if (focusTarget === 'end') end.current?.focus();
  }, [focusTarget, more]);

  if (state.status === 'loading') return <Loading what="the audit trail" />;
  if (state.status === 'error') return <LoadError what="the audit trail" error={state.error} onRetry={retry} />;

  const pages = [state.data, ...more];
  const events = pages.flatMap((page) => page.events);
  const nextBefore = pages[pages.length - 1]?.nextBefore ?? null;
  const firstNewSeq = more.length > 0 ? more[more.length - 1]?.events[0]?.seq : undefined;

  const loadMore = async () => {
    if (nextBefore === null) return;
    setBusy(true);
    setProblem(null);
    try {
      const page = await fetchAudit(client, filter, nextBefore);
      setMore((loaded) => [...loaded, page]);
      setStatus(`${page.events.length} more ${page.events.length === 1 ? 'event' : 'events'} loaded.`);
      // The Load more button goes away at the end; put focus where reading continues.
      setFocusTarget(page.events.length > 0 ? 'row' : 'end');
    } catch (cause) {
      setProblem(asApiError(cause).message);
    } finally {
      setBusy(false);
    }
  };

  const actor = (event: AuditEvent) =>
    event.actorId === null ? 'System' : (names.get(event.actorId) ?? event.actorId);

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Events</h2>
      {events.length === 0 ? (
        <p>No events match these filters.</p>
      ) : (
        <TableWrap label="Audit events, newest first">
          <table className="table table--dense">
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Outcome</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr
                  key={event.seq}
                  ref={event.seq === firstNewSeq ? firstNew : undefined}
                  tabIndex={event.seq === firstNewSeq ? -1 : undefined}
                >
                  <th scope="row">{formatDateTime(event.at, user.timeZone)}</th>
                  <td>{actor(event)}</td>
                  <td>
                    <code>{event.action}</code>
                    {event.detail && <span className="meta"> {event.detail}</span>}
                  </td>
                  <td>
                    {event.subjectType}
                    {event.subjectId && <span className="meta"> {names.get(event.subjectId) ?? event.subjectId}</span>}
                  </td>
                  <td>
                    <span className={event.outcome === 'success' ? 'tag' : 'tag tag--danger'}>
                      {outcomeLabels[event.outcome] ?? event.outcome}
                    </span>
                  </td>
                  <td>{event.clientAddress}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p role="status" className="meta">
        {status}
      </p>
      {problem && (
        <FormAlert title="No more events were loaded.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {nextBefore !== null ? (
        <div className="actions">
          <button type="button" className="button button--quiet" disabled={busy} onClick={() => void loadMore()}>
            Load more
          </button>
        </div>
      ) : (
        events.length > 0 && (
          <p ref={end} tabIndex={-1} className="meta">
            That is every event for these filters.
          </p>
        )
      )}
    </section>
  );
}
