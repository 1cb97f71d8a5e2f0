import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useSignedIn } from '../session/SessionContext';
import { typistName, type ChatMessage, type ChatRoom } from './chat';
import { useChat, useChatStore } from './ChatContext';
import {
  hasReacted,
  reactionKinds,
  reactionLabel,
  reactorNames,
  toggled,
  type MessageReaction,
  type ReactionCode,
} from './reactions';
import { useRoomPeople } from './roomPeople';

/**
 * Under a message: the reactions given, each a toggle button with its emoji and how many gave it
 * (pressed when one of them is oneself), and "Add reaction", a menu of the six. A click shows its
 * effect at once and asks the server (`reaction.add` / `reaction.remove`), whose copy of the
 * message then replaces it; a refusal (say, `muted`) puts it back and says why. Deleted and
 * hidden messages take no reactions (docs/protocol/realtime.md).
 */
export function Reactions({ room, message, describedBy }: { room: ChatRoom; message: ChatMessage; describedBy?: string }) {
  const { user } = useSignedIn();
  const store = useChatStore();
  const messages = useChat()?.views[room.id]?.messages;
  const people = useRoomPeople(room.id, message.reactions.length > 0);
  const [optimistic, setOptimistic] = useState<MessageReaction[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (message.deleted || message.hiddenReason !== null) return null;
  const shown = optimistic ?? message.reactions;

  const nameOf = (id: string) => people?.find((p) => p.id === id)?.name ?? typistName(room, id, messages ?? []);
  const toggle = async (code: ReactionCode) => {
    if (!store || busy) return;
    const add = !hasReacted(shown, code, user.id);
    setBusy(true);
    setProblem(null);
    setOptimistic(toggled(shown, code, user.id));
    const refused = await store.react(room.id, message.id, code, add);
    setOptimistic(null);
    setBusy(false);
    setProblem(refused);
  };

  return (
    <div className="reactions">
      {shown.length > 0 && (
        <ul className="reactions__given" aria-label="Reactions">
          {shown.map((reaction) => {
            const kind = reactionKinds.find((k) => k.code === reaction.reaction);
            const mine = reaction.userIds.includes(user.id);
            return (
              <li key={reaction.reaction}>
                <button
                  type="button"
                  className={mine ? 'reaction reaction--mine' : 'reaction'}
                  aria-pressed={mine}
                  aria-label={reactionLabel(reaction, user.id)}
                  aria-describedby={describedBy}
                  title={reactorNames(reaction.userIds, user.id, nameOf)}
                  onClick={() => void toggle(reaction.reaction)}
                >
                  <span aria-hidden="true">{kind?.emoji}</span> {reaction.userIds.length}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ReactionMenu
        given={shown}
        me={user.id}
        describedBy={describedBy}
        onChoose={(code) => {
          void toggle(code);
        }}
      />
      {problem && (
        <p role="alert" className="field__error reactions__problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/**
 * "Add reaction" and its menu (WAI-ARIA APG "Menu Button" pattern): the button opens the menu with
 * focus on its first item; Up and Down (or Left and Right), Home and End move; Enter or Space
 * chooses; Escape closes it and returns focus to the button, as does choosing; Tab leaves it.
 * Each item is checked when the reaction is one's own, since choosing it then takes it back.
 */
export function ReactionMenu({
  given,
  me,
  describedBy,
  onChoose,
}: {
  given: readonly MessageReaction[];
  me: string;
  describedBy?: string | undefined;
  onChoose: (code: ReactionCode) => void;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (open) menu.current?.querySelectorAll<HTMLElement>('[role="menuitemcheckbox"]')[active]?.focus();
  }, [open, active]);

  const show = (at: number) => {
    setActive(at);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = reactionKinds.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active === last ? 0 : active + 1,
      ArrowRight: active === last ? 0 : active + 1,
      ArrowUp: active === 0 ? last : active - 1,
      ArrowLeft: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      setActive(to);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div className="reactions__add">
      <button
        ref={button}
        type="button"
        className="button button--quiet button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-describedby={describedBy}
        onClick={() => {
          if (open) setOpen(false);
          else show(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show(event.key === 'ArrowDown' ? 0 : reactionKinds.length - 1);
          }
        }}
      >
        Add reaction
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          tabIndex={-1}
          aria-label="Reactions"
          className="reaction-menu"
          onKeyDown={onMenuKey}
          onBlur={(event) => {
            // Clicking or tabbing elsewhere closes it; moving between its items does not.
            const next = event.relatedTarget;
            if (!(next instanceof Node) || (!menu.current?.contains(next) && next !== button.current)) setOpen(false);
          }}
        >
          {reactionKinds.map((kind, index) => (
            <button
              key={kind.code}
              type="button"
              role="menuitemcheckbox"
              aria-checked={hasReacted(given, kind.code, me)}
              tabIndex={index === active ? 0 : -1}
              className="reaction-menu__item"
              onClick={() => {
                onChoose(kind.code);
                close();
              }}
            >
              <span aria-hidden="true">{kind.emoji}</span> {kind.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
