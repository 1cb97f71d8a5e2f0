import { useCallback, useId } from 'react';
import { Link } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { InvitesPanel } from '../invites/InvitesPanel';
import { fetchParticipants, statusLabel } from './people';
import { TableWrap } from '../../base/ui/TableWrap';

/** The participants of the programs this clinician staffs (an admin sees all). */
export function ParticipantsPage() {
  useDocumentTitle('Participants');
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchParticipants(client, signal), [client]);
  const { state, retry } = useResource(load);
  const headingId = useId();

  return (
    <div className="page-wide">
      <PageHeading>Participants</PageHeading>
      <p className="lead">The people in the programs you work in, and anyone you hold emergency access for.</p>
      <section aria-labelledby={headingId} className="stack">
        <h2 id={headingId}>Your participants</h2>
        {state.status === 'loading' && <Loading what="participants" />}
        {state.status === 'error' && <LoadError what="the participants" error={state.error} onRetry={retry} />}
        {state.status === 'ready' &&
          (state.data.length === 0 ? (
            <p>No participants yet.</p>
          ) : (
            <TableWrap label="Your participants">
              <table className="table">
                <caption className="visually-hidden">Your participants</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email address</th>
                    <th scope="col">Programs</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {state.data.map((person) => (
                    <tr key={person.id}>
                      <th scope="row">
                        <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.displayName}</Link>
                        {person.pronouns && <span className="meta"> ({person.pronouns})</span>}
                      </th>
                      <td>{person.email}</td>
                      <td>{person.programs.map((program) => program.name).join(', ') || '—'}</td>
                      <td>{statusLabel(person.status)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ))}
      </section>
      <InvitesPanel mode="participant" />
    </div>
  );
}
