import { useCallback, useId, useState, type SyntheticEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { asApiError, type HttpClient } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { FormAlert } from '../../base/ui/FormAlert';
import { browserTimeZone } from '../../base/ui/format';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { TableWrap } from '../../base/ui/TableWrap';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import { fetchPerson } from '../people/people';
import { isAdmin } from '../session/roles';
import { useSignedIn } from '../session/SessionContext';
import { createProgram, programBody, programFieldOf, type ProgramForm, type ProgramFormErrors } from './program';
import { ProgramFields } from './ProgramFields';
import { fetchPrograms } from './programs';

interface ProgramRow {
  id: string;
  name: string;
  timeZone: string | null;
  groups: number | null;
}

/** Admins see every program; staff the programs they work in (from their own person record). */
async function loadRows(client: HttpClient, userId: string, admin: boolean, signal: AbortSignal): Promise<ProgramRow[]> {
  if (admin) {
    return (await fetchPrograms(client, signal)).map((program) => ({
      id: program.id,
      name: program.name,
      timeZone: program.timeZone,
      groups: program.groups.length,
    }));
  }
  const self = await fetchPerson(client, userId, signal);
  return self.programs
    .filter((program) => program.membership === 'staff')
    .map((program) => ({ id: program.id, name: program.name, timeZone: null, groups: null }));
}

export function ProgramsPage() {
  useDocumentTitle('Programs');
  const client = useHttpClient();
  const { user } = useSignedIn();
  const admin = isAdmin(user.roles);
  const load = useCallback((signal: AbortSignal) => loadRows(client, user.id, admin, signal), [client, user.id, admin]);
  const { state, retry } = useResource(load);
  const listId = useId();

  return (
    <div className="page-wide">
      <PageHeading>Programs</PageHeading>
      <p className="lead">
        {admin
          ? 'Every program of this Hearth: its staff, participants, groups and attendance.'
          : 'The programs you work in: their participants, groups and attendance.'}
      </p>
      <section aria-labelledby={listId} className="stack">
        <h2 id={listId}>{admin ? 'All programs' : 'Your programs'}</h2>
        {state.status === 'loading' && <Loading what="programs" />}
        {state.status === 'error' && <LoadError what="the programs" error={state.error} onRetry={retry} />}
        {state.status === 'ready' &&
          (state.data.length === 0 ? (
            <p>{admin ? 'No programs yet.' : 'You are not on the staff of any program yet. Ask an administrator.'}</p>
          ) : (
            <TableWrap label="Programs">
              <table className="table">
                <caption className="visually-hidden">Programs</caption>
                <thead>
                  <tr>
                    <th scope="col">Program</th>
                    {admin && <th scope="col">Time zone</th>}
                    {admin && <th scope="col">Groups</th>}
                  </tr>
                </thead>
                <tbody>
                  {state.data.map((program) => (
                    <tr key={program.id}>
                      <th scope="row">
                        <Link to={`/programs/${encodeURIComponent(program.id)}`}>{program.name}</Link>
                      </th>
                      {admin && <td>{program.timeZone?.replace(/_/g, ' ')}</td>}
                      {admin && <td>{program.groups}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ))}
      </section>
      {admin && <CreateProgram />}
    </div>
  );
}

export function emptyProgramForm(timeZone: string): ProgramForm {
  return {
    name: '',
    slug: '',
    description: '',
    timeZone,
    audience: 'adult',
    weeklyHours: '',
    dailyMinimumHours: '',
    daysPerWeek: '',
    lengthWeeks: '',
    groupCapacityCap: '',
  };
}

function CreateProgram() {
  const client = useHttpClient();
  const navigate = useNavigate();
  const headingId = useId();
  const [form, setForm] = useState(() => emptyProgramForm(browserTimeZone()));
  const [errors, setErrors] = useState<ProgramFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setProblem(null);
    const { body, errors: found } = programBody(form, true);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      const program = await createProgram(client, body);
      await navigate(`/programs/${encodeURIComponent(program.id)}`);
    } catch (cause) {
      const failure = asApiError(cause);
      const field = failure.field === undefined ? undefined : programFieldOf[failure.field];
      if (field) setErrors({ [field]: failure.message });
      else setProblem(failure.message);
      focusError();
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Create a program</h2>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {problem && (
          <FormAlert title="The program was not created.">
            <p>{problem}</p>
          </FormAlert>
        )}
        <ProgramFields form={form} onChange={setForm} errors={errors} forCreate />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Create program
          </button>
        </div>
      </form>
    </section>
  );
}
