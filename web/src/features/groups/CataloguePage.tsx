import { useCallback, useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useResource } from '../../base/http/useResource';
import { SelectField, TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import { ageBandLabel } from '../programs/program';
import { groupKindLabel } from '../programs/programs';
import { catalogueKinds, fetchCatalogue, placeText, seatsLeft, type CatalogueFilter, type Group } from './groups';
import { PlaceActions, type PlaceOutcome } from './PlaceActions';

/** Peer support groups and workshops a participant can join, with filters by kind and tag. */
export function CataloguePage() {
  useDocumentTitle('Groups');
  const client = useHttpClient();
  const [filter, setFilter] = useState<CatalogueFilter>({});
  const load = useCallback((signal: AbortSignal) => fetchCatalogue(client, filter, signal), [client, filter]);
  const { state, retry, reload } = useResource(load);
  const [outcome, setOutcome] = useState<(PlaceOutcome & { groupId: string }) | null>(null);
  const listId = useId();
  const alert = useRef<HTMLDivElement>(null);

  // After an action the button pressed may be gone (Join became Leave): focus goes to the alert
  // when something went wrong, otherwise to that group's heading, under which the new state shows.
  useEffect(() => {
    if (!outcome) return;
    if (outcome.problem) alert.current?.focus();
    else document.getElementById(groupHeadingId(outcome.groupId))?.focus();
  }, [outcome]);

  return (
    <div className="page-wide">
      <PageHeading>Groups</PageHeading>
      <p className="lead">
        Peer support groups, skills workshops and social events you can join alongside your program.
      </p>
      <Filters
        onApply={(next) => {
          setOutcome(null);
          setFilter(next);
        }}
      />
      <section aria-labelledby={listId} className="stack">
        <h2 id={listId}>Groups you can join</h2>
        {outcome?.problem && (
          <FormAlert ref={alert} title="That did not work.">
            <p>{outcome.problem}</p>
            <p>The list below is up to date again.</p>
          </FormAlert>
        )}
        {outcome?.message && <StatusMessage>{outcome.message}</StatusMessage>}
        {state.status === 'loading' && <Loading what="groups" />}
        {state.status === 'error' && <LoadError what="the groups" error={state.error} onRetry={retry} />}
        {state.status === 'ready' &&
          (state.data.length === 0 ? (
            <p>
              {filter.kind || filter.tag
                ? 'No groups match these filters.'
                : 'There are no groups to join in your programs right now.'}
            </p>
          ) : (
            <ul className="catalogue">
              {state.data.map((group) => (
                <li key={group.id}>
                  <GroupCard
                    group={group}
                    onOutcome={(next) => {
                      setOutcome({ ...next, groupId: group.id });
                      reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          ))}
      </section>
    </div>
  );
}

const groupHeadingId = (id: string) => `catalogue-group-${id}`;

function Filters({ onApply }: { onApply: (filter: CatalogueFilter) => void }) {
  const headingId = useId();
  const [kind, setKind] = useState('');
  const [tag, setTag] = useState('');
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const filter: CatalogueFilter = {};
    if (kind) filter.kind = kind;
    if (tag.trim()) filter.tag = tag.trim();
    onApply(filter);
  };
  return (
    <form role="search" aria-labelledby={headingId} className="filters" onSubmit={onSubmit}>
      <h2 id={headingId} className="visually-hidden">
        Filter groups
      </h2>
      <SelectField
        label="Kind"
        value={kind}
        onChange={(event) => {
          setKind(event.target.value);
        }}
      >
        <option value="">Any kind</option>
        {catalogueKinds.map((value) => (
          <option key={value} value={value}>
            {groupKindLabel(value)}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Topic"
        hint="A tag, like grief or LGBTQ+."
        value={tag}
        onChange={(event) => {
          setTag(event.target.value);
        }}
      />
      <div className="actions">
        <button type="submit" className="button">
          Show groups
        </button>
      </div>
    </form>
  );
}

export function seatsText(group: Group): string {
  const left = seatsLeft(group);
  if (left === 0) {
    return group.waiting > 0 ? `Full — ${group.waiting} waiting` : 'Full';
  }
  return `${left} of ${group.capacity} ${group.capacity === 1 ? 'seat' : 'seats'} left`;
}

function GroupCard({ group, onOutcome }: { group: Group; onOutcome: (outcome: PlaceOutcome) => void }) {
  const place = placeText(group);
  return (
    <article className="card stack catalogue__card" aria-labelledby={groupHeadingId(group.id)}>
      <h3 id={groupHeadingId(group.id)} tabIndex={-1}>
        <Link to={`/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link>
      </h3>
      <p className="group__facts">
        {groupKindLabel(group.kind)}
        {group.programName && ` · ${group.programName}`}
      </p>
      {group.description && <p>{group.description}</p>}
      <dl className="facts">
        {group.facilitator && (
          <div>
            <dt>Led by</dt>
            <dd>
              {group.facilitator.displayName}
              {group.coFacilitator && ` and ${group.coFacilitator.displayName}`}
            </dd>
          </div>
        )}
        <div>
          <dt>Seats</dt>
          <dd>{seatsText(group)}</dd>
        </div>
        <div>
          <dt>Joining</dt>
          <dd>{group.membership === 'closed' ? 'Ask to join; the facilitators decide' : 'Open to join'}</dd>
        </div>
        {group.ageBand && (
          <div>
            <dt>For</dt>
            <dd>{ageBandLabel(group.ageBand)}</dd>
          </div>
        )}
        {group.tags.length > 0 && (
          <div>
            <dt>Topics</dt>
            <dd>{group.tags.join(', ')}</dd>
          </div>
        )}
      </dl>
      {place && <p className="place">{place}</p>}
      <PlaceActions group={group} onOutcome={onOutcome} />
    </article>
  );
}
