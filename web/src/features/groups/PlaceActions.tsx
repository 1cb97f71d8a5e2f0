import { useState } from 'react';
import { asApiError } from '../../base/http/client';
import { useHttpClient } from '../../base/http/HttpClientContext';
import { Dialog } from '../../base/ui/Dialog';
import { useSignedIn } from '../session/SessionContext';
import { askToJoin, catalogueAction, joinGroup, joinWaitingList, removeMember, type Group } from './groups';

export interface PlaceOutcome {
  /** What to say politely when it worked. */
  message?: string;
  /** The server's refusal (a 409 when the last seat went meanwhile, say), for an alert. */
  problem?: string;
}

/**
 * The participant's own action on a group: Join (open, a seat free), Join the waiting list (full),
 * Ask to join (closed), or Leave (member, waiting or asked), with a confirmation before leaving.
 * After any answer the caller reloads the group, so a refused join shows the waiting list next.
 */
export function PlaceActions({ group, onOutcome }: { group: Group; onOutcome: (outcome: PlaceOutcome) => void }) {
  const client = useHttpClient();
  const { user } = useSignedIn();
  const [busy, setBusy] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const action = catalogueAction(group);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      onOutcome({ message: await work() });
    } catch (cause) {
      onOutcome({ problem: asApiError(cause).message });
    } finally {
      setBusy(false);
      setConfirmLeave(false);
    }
  };

  const leaveLabel =
    action.kind === 'waiting'
      ? 'Leave the waiting list'
      : action.kind === 'requested'
        ? 'Withdraw request'
        : 'Leave group';

  let button: { label: string; work: () => Promise<string> } | null = null;
  if (action.kind === 'join') {
    button = {
      label: 'Join',
      work: async () => {
        await joinGroup(client, group.id);
        return `You joined ${group.name}. Its sessions are on your schedule.`;
      },
    };
  } else if (action.kind === 'waitlist') {
    button = {
      label: 'Join waiting list',
      work: async () => {
        const member = await joinWaitingList(client, group.id);
        if (member.state === 'member') return `A seat was free: you joined ${group.name}.`;
        return member.position === null
          ? `You are on the waiting list for ${group.name}.`
          : `You are number ${member.position} on the waiting list for ${group.name}.`;
      },
    };
  } else if (action.kind === 'request') {
    button = {
      label: 'Ask to join',
      work: async () => {
        await askToJoin(client, group.id);
        return `You asked to join ${group.name}. The facilitators will answer.`;
      },
    };
  }

  const canLeave = action.kind === 'member' || action.kind === 'waiting' || action.kind === 'requested';

  return (
    <div className="actions">
      {button && (
        <button
          type="button"
          className="button"
          disabled={busy}
          aria-label={`${button.label}: ${group.name}`}
          onClick={() => void run(button.work)}
        >
          {button.label}
        </button>
      )}
      {canLeave && (
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          aria-label={`${leaveLabel}: ${group.name}`}
          onClick={() => {
            setConfirmLeave(true);
          }}
        >
          {leaveLabel}
        </button>
      )}
      {confirmLeave && (
        <Dialog
          role="alertdialog"
          title={`${leaveLabel}: ${group.name}?`}
          onCancel={() => {
            setConfirmLeave(false);
          }}
          description={
            <p>
              {action.kind === 'member'
                ? 'Its sessions leave your schedule, and your seat goes to the next person waiting. You may not get a seat back at once.'
                : action.kind === 'waiting'
                  ? 'You lose your place on the waiting list.'
                  : 'Your request to join is withdrawn.'}
            </p>
          }
        >
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await removeMember(client, group.id, user.id);
                  return action.kind === 'member'
                    ? `You left ${group.name}.`
                    : action.kind === 'waiting'
                      ? `You left the waiting list for ${group.name}.`
                      : `Your request to join ${group.name} is withdrawn.`;
                })
              }
            >
              {leaveLabel}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setConfirmLeave(false);
              }}
            >
              Stay
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
