import { useCallback, useId, useState, type SyntheticEvent } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { useOutcome } from '../../base/ui/useOutcome';
import { useResource } from '../../base/http/useResource';
import { formatDayAndTime } from '../../base/ui/dates';
import { Dialog } from '../../base/ui/Dialog';
import { TextField } from '../../base/ui/Field';
import { FormAlert, StatusMessage } from '../../base/ui/FormAlert';
import { LoadError } from '../../base/ui/LoadError';
import { Loading } from '../../base/ui/Loading';
import { useFocusFirstError } from '../../base/ui/useFocusFirstError';
import { useNow } from '../../base/ui/useNow';
import { nameWithPronouns } from '../people/people';
import { useTimeZone } from '../session/useTimeZone';
import { fetchGuests, inviteGuest, inviteRefusal, maxGuests, sameEmail, withdrawGuest, type Guest } from './guests';
import type { ManagedOccurrence } from './occurrences';

/**
 * The session's invited guests, for those who manage it: who is invited and by whom, withdrawing
 * an invitation (after asking), and inviting someone by the email of their Hearth account while
 * the session is still ahead or under way. `onChanged` reloads the session when a refusal says it
 * changed (cancelled or over) since the page loaded it.
 */
export function GuestsSection({ occurrence, onChanged }: { occurrence: ManagedOccurrence; onChanged: () => void }) {
  const client = useHttpClient();
  const timeZone = useTimeZone();
  const now = useNow(15_000);
  const load = useCallback((signal: AbortSignal) => fetchGuests(client, occurrence.id, signal), [client, occurrence.id]);
  const { state, retry, reload } = useResource(load);
  const headingId = useId();
  const { heading, alert, message, problem, say: said, clear } = useOutcome<{ title: string; text: string }>();
  const [withdrawing, setWithdrawing] = useState<Guest | null>(null);
  const [busy, setBusy] = useState(false);

  const withdraw = async (guest: Guest) => {
    setBusy(true);
    try {
      await withdrawGuest(client, occurrence.id, guest.person.id);
      said({ message: `The invitation of ${guest.person.displayName} is withdrawn.` });
    } catch (cause) {
      const failure = asApiError(cause);
      const text =
        failure.status === 404
          ? `${guest.person.displayName} is no longer invited; someone else may have withdrawn the invitation.`
          : failure.message;
      said({ problem: { title: 'The invitation was not withdrawn.', text } });
    } finally {
      setBusy(false);
      setWithdrawing(null);
      reload();
    }
  };

  const guests = state.status === 'ready' ? state.data : [];
  const over = now >= Date.parse(occurrence.endsAt);

  return (
    <section aria-labelledby={headingId} className="stack">
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        Guests
      </h3>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && (
        <FormAlert ref={alert} title={problem.title}>
          <p>{problem.text}</p>
        </FormAlert>
      )}
      {state.status === 'loading' && <Loading what="the guests" />}
      {state.status === 'error' && <LoadError what="the guests" error={state.error} onRetry={retry} />}
      {state.status === 'ready' &&
        (guests.length === 0 ? (
          <p>
            No guests are invited. A guest is someone from outside the group whom you invite to this one session, a
            family member at a family session for example. Guests wait in the waiting room until a facilitator lets them
            in, and they are not counted in attendance.
          </p>
        ) : (
          <>
            <p>Guests wait in the waiting room until a facilitator lets them in, and they are not counted in attendance.</p>
            <ul className="plain-list" aria-label="Invited guests">
              {guests.map((guest) => (
                <li key={guest.person.id} className="plain-list__row">
                  <span>
                    <strong>{nameWithPronouns(guest.person)}</strong> — {guest.email}
                    <br />
                    <span className="meta">
                      Invited by {guest.invitedBy.displayName}, {formatDayAndTime(guest.invitedAt, timeZone)}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="button button--quiet button--small"
                    disabled={busy}
                    aria-label={`Withdraw the invitation of ${guest.person.displayName}`}
                    onClick={() => {
                      setWithdrawing(guest);
                    }}
                  >
                    Withdraw
                  </button>
                </li>
              ))}
            </ul>
          </>
        ))}
      {occurrence.status === 'cancelled' ? (
        <p>The session is cancelled, so nobody more can be invited.</p>
      ) : over ? (
        <p>The session is over, so nobody more can be invited.</p>
      ) : guests.length >= maxGuests ? (
        <p>
          This session has {maxGuests} guests, as many as a session can have. Withdraw an invitation to invite someone
          else.
        </p>
      ) : (
        state.status === 'ready' && (
          <InviteForm
            occurrenceId={occurrence.id}
            guests={guests}
            onInvited={(guest) => {
              said({
                message: `${guest.person.displayName} is invited. They are notified and see this session in their schedule.`,
              });
              reload();
            }}
            onSending={clear}
            onRefused={(text, sessionChanged) => {
              said({ problem: { title: 'The guest was not invited.', text } });
              if (sessionChanged) {
                onChanged();
                reload();
              }
            }}
          />
        )
      )}
      {withdrawing && (
        <Dialog
          role="alertdialog"
          title={`Withdraw the invitation of ${withdrawing.person.displayName}?`}
          onCancel={() => {
            setWithdrawing(null);
          }}
          description={
            <p>
              They are notified, and the session leaves their schedule: they can no longer open it or join it, and if
              they are in the live session now, they leave it at once. You can invite them again later.
            </p>
          }
        >
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() => void withdraw(withdrawing)}
            >
              Withdraw
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setWithdrawing(null);
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

function InviteForm({
  occurrenceId,
  guests,
  onInvited,
  onSending,
  onRefused,
}: {
  occurrenceId: string;
  guests: readonly Guest[];
  onInvited: (guest: Guest) => void;
  /** A new attempt: what the section said about the last one is out of date. */
  onSending: () => void;
  /** A refusal about the session rather than the address; `sessionChanged` when the page is out of date. */
  onRefused: (text: string, sessionChanged: boolean) => void;
}) {
  const client = useHttpClient();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [formRef, focusError] = useFocusFirstError<HTMLFormElement>();

  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    onSending();
    const address = email.trim();
    // Only what is plainly incomplete is caught here; the server checks the rest.
    const found =
      address === ''
        ? 'Enter the email of the guest’s Hearth account.'
        : !address.includes('@')
          ? 'Enter the whole email address, like name@example.org.'
          : null;
    setError(found);
    if (found) {
      focusError();
      return;
    }
    setBusy(true);
    try {
      const guest = await inviteGuest(client, occurrenceId, address);
      setEmail('');
      onInvited(guest);
    } catch (cause) {
      const failure = asApiError(cause);
      const refusal = inviteRefusal(failure, guests.some((guest) => sameEmail(guest.email, address)));
      if (refusal.onEmail) {
        setError(refusal.text);
        focusError();
      } else {
        setError(null);
        onRefused(refusal.text, failure.code === 'conflict');
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="form" noValidate aria-label="Invite a guest" onSubmit={(event) => void onSubmit(event)}>
      <TextField
        label="Email of the guest’s Hearth account"
        hint="They need an active Hearth account. They are notified and see this session in their schedule."
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={email}
        error={error}
        onChange={(event) => {
          setEmail(event.target.value);
        }}
      />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          Invite guest
        </button>
      </div>
    </form>
  );
}
