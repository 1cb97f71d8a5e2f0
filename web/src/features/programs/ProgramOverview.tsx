import { useCallback, useId, useRef } from 'react';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { capacityLabel, fetchPrograms, groupKindLabel, type Program } from './programs';

/** The programs this Hearth runs and their groups, as the server lists them. */
export function ProgramOverview() {
  const client = useHttpClient();
  const load = useCallback((signal: AbortSignal) => fetchPrograms(client, signal), [client]);
  const { state, retry } = useResource(load);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // The alert and its button go away on retry; keep keyboard focus in this section.
  const onRetry = () => {
    retry();
    heading.current?.focus();
  };

  return (
    <section className="programs" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Programs
      </h2>
      {state.status === 'loading' && <Loading what="programs" />}
      {state.status === 'error' && <LoadError what="the programs" error={state.error} onRetry={onRetry} />}
      {state.status === 'ready' && <ProgramList programs={state.data} />}
    </section>
  );
}

function ProgramList({ programs }: { programs: Program[] }) {
  if (programs.length === 0) {
    return <p>No programs have been set up yet.</p>;
  }
  return (
    <ul className="program-list">
      {programs.map((program) => (
        <li key={program.id}>
          <ProgramCard program={program} />
        </li>
      ))}
    </ul>
  );
}

function ProgramCard({ program }: { program: Program }) {
  const headingId = useId();
  return (
    <article className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{program.name}</h3>
      <p>{program.description}</p>
      <p className="meta">Times are shown in the {program.timeZone} time zone.</p>
      <h4>Groups</h4>
      {program.groups.length === 0 ? (
        <p>This program has no groups yet.</p>
      ) : (
        <ul className="group-list">
          {program.groups.map((group) => (
            <li key={group.id} className="group">
              <h5 className="group__name">{group.name}</h5>
              <p className="group__facts">
                <span>{groupKindLabel(group.kind)}</span>
                <span aria-hidden="true"> · </span>
                <span className="visually-hidden">, </span>
                <span>{capacityLabel(group.capacity)}</span>
              </p>
              {group.description && <p>{group.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
