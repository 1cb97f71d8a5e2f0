import { useEffect, useRef, useState } from 'react';
import { formatDayAndTime } from '../../base/ui/dates';
import { Dialog } from '../../base/ui/Dialog';
import { FormAlert } from '../../base/ui/FormAlert';
import { Loading } from '../../base/ui/Loading';
import { useNow } from '../../base/ui/useNow';
import { useTimeZone } from '../session/useTimeZone';
import { hideReasonLabel, type ChatRoom } from './chat';
import { useRealtimeConnection } from './ChatContext';
import { listRestrictions, restoreMember, untilText, type Restriction } from './restrictions';

/**
 * For a room's moderators: who is muted or removed there now, and a way to restore each. A private
 * conversation has no moderators, so it offers nothing.
 */
export function RoomRestrictions({ room }: { room: ChatRoom }) {
  const [open, setOpen] = useState(false);
  if (!room.canModerate || room.kind === 'private') return null;
  return (
    <>
      <p>
        <button
          type="button"
          className="button button--quiet button--small"
          onClick={() => {
            setOpen(true);
          }}
        >
          Muted and removed people
        </button>
      </p>
      {open && (
        <RestrictionsDialog
          room={room}
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

export function RestrictionsDialog({ room, onClose }: { room: ChatRoom; onClose: () => void }) {
  const connection = useRealtimeConnection();
  const [restrictions, setRestrictions] = useState<Restriction[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ name: string; problem: string } | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const alertBox = useRef<HTMLDivElement>(null);
  const restoredBox = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let current = true;
    void listRestrictions(connection, room.id).then((outcome) => {
      if (!current) return;
      if (outcome.ok) setRestrictions(outcome.value);
      else setLoadProblem(outcome.problem);
    });
    return () => {
      current = false;
    };
  }, [connection, room.id]);

  useEffect(() => {
    if (refusal) alertBox.current?.focus();
  }, [refusal]);
  useEffect(() => {
    // The button pressed is gone with its entry: focus goes to what says it is done.
    if (restored) restoredBox.current?.focus();
  }, [restored]);

  const restore = async (restriction: Restriction) => {
    if (restoring !== null) return;
    setRestoring(restriction.userId);
    setRefusal(null);
    setRestored(null);
    const outcome = await restoreMember(connection, room.id, restriction.userId, restriction.userName);
    setRestoring(null);
    if (!outcome.ok) {
      setRefusal({ name: restriction.userName, problem: outcome.problem });
      return;
    }
    setRestrictions((list) => (list ?? []).filter((r) => r.userId !== restriction.userId));
    setRestored(
      restriction.kind === 'muted'
        ? `${restriction.userName} can post again.`
        : `${restriction.userName} is back in this room’s chat.`,
    );
  };

  return (
    <Dialog
      title={`Muted and removed in ${room.name}`}
      onCancel={onClose}
      initialFocus={closeButton}
      description={<p>People a moderator has muted or removed in this room’s chat. Only its moderators see this.</p>}
    >
      <div className="stack">
        {restored && (
          <p ref={restoredBox} role="status" className="notice notice--success" tabIndex={-1}>
            {restored}
          </p>
        )}
        {refusal && (
          <FormAlert ref={alertBox} title={`${refusal.name} was not restored.`}>
            <p>{refusal.problem}</p>
          </FormAlert>
        )}
        {loadProblem ? (
          <FormAlert title="The list could not be loaded.">
            <p>{loadProblem}</p>
          </FormAlert>
        ) : restrictions === null ? (
          <Loading what="who is muted or removed" />
        ) : restrictions.length === 0 ? (
          <p>No one is muted or removed in this room.</p>
        ) : (
          <ul className="chat-restrictions">
            {restrictions.map((restriction) => (
              <RestrictionItem
                key={restriction.userId}
                restriction={restriction}
                restoring={restoring === restriction.userId}
                onRestore={() => void restore(restriction)}
              />
            ))}
          </ul>
        )}
        <div className="actions">
          <button ref={closeButton} type="button" className="button button--quiet" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function RestrictionItem({
  restriction,
  restoring,
  onRestore,
}: {
  restriction: Restriction;
  restoring: boolean;
  onRestore: () => void;
}) {
  const timeZone = useTimeZone();
  const now = useNow(60_000);
  const what =
    restriction.kind === 'muted' && restriction.until !== null
      ? `Muted until ${untilText(restriction.until, timeZone, now)}`
      : 'Removed from this room’s chat';
  return (
    <li className="chat-restrictions__item">
      <p>
        <strong>{restriction.userName}</strong>: {what}
      </p>
      <p>Reason: {hideReasonLabel(restriction.reason)}</p>
      {restriction.note && <p>Note for moderators: {restriction.note}</p>}
      <p className="meta">
        By {restriction.byName || 'a moderator'}, {formatDayAndTime(restriction.at, timeZone)}
      </p>
      <button
        type="button"
        className="button button--small"
        // Not `disabled`: a disabled button loses focus, and keyboard users would lose their place.
        aria-disabled={restoring || undefined}
        onClick={onRestore}
      >
        {restoring ? `Restoring ${restriction.userName}…` : `Restore ${restriction.userName}`}
      </button>
    </li>
  );
}
