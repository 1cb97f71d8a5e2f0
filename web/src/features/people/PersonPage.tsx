import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { formatDateTime } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { roleList } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { fetchPerson, statusLabel, type Person } from './people';

const membershipLabels: Readonly<Record<string, string>> = { participant: 'Participant', staff: 'Staff' };

/** One person's record. The server audits every read of it and answers 404 to anyone else. */
export function PersonPage() {
  const { id = '' } = useParams();
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchPerson(client, id, signal), [client, id]);
  const { state, retry } = useResource(load);
  useDocumentTitle(state.status === 'ready' ? state.data.displayName : 'Person');

  if (state.status === 'loading') {
    return (
      <>
        <PageHeading>Person</PageHeading>
        <Loading what="this person" />
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <PageHeading>Person</PageHeading>
        {state.error.status === 404 ? (
          <p className="lead">
            There is no such person, or their record is not open to you. <Link to="/">Go to the home page</Link>
          </p>
        ) : (
          <LoadError what="this person" error={state.error} onRetry={retry} />
        )}
      </>
    );
  }
  return <PersonRecord person={state.data} />;
}

function PersonRecord({ person }: { person: Person }) {
  const { user } = useSignedIn();
  return (
    <>
      <PageHeading>{person.displayName}</PageHeading>
      <dl className="facts">
        <div>
          <dt>Email address</dt>
          <dd>{person.email}</dd>
        </div>
        <div>
          <dt>Pronouns</dt>
          <dd>{person.pronouns || 'Not given'}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{person.timeZone || 'Not given'}</dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>{roleList(person.roles)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{statusLabel(person.status)}</dd>
        </div>
        <div>
          <dt>Two-factor</dt>
          <dd>{person.totpEnabled ? 'On' : 'Off'}</dd>
        </div>
        <div>
          <dt>Account created</dt>
          <dd>{formatDateTime(person.createdAt, user.timeZone)}</dd>
        </div>
      </dl>
      <h2>Programs</h2>
      {person.programs.length === 0 ? (
        <p>Not in any program.</p>
      ) : (
        <ul>
          {person.programs.map((program) => (
            <li key={program.id}>
              {program.name} — {membershipLabels[program.membership] ?? program.membership}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
