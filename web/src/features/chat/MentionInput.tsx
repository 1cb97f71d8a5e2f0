import { useId, useLayoutEffect, useRef, useState, type ComponentProps, type KeyboardEvent } from 'react';
import { useSignedIn } from '../session/SessionContext';
import type { Person } from './chat';
import { insertMention, matchingPeople, mentionQueryAt } from './mentions';
import { useRoomPeople } from './roomPeople';

type TextareaProps = Omit<ComponentProps<'textarea'>, 'value' | 'ref' | 'role'>;

/**
 * The box to write a message in, offering the room's people when one types `@` and the start of a
 * name: Up and Down move through the suggestions, Enter or Tab puts `@Name ` in the text (and
 * `onMention` hears who), Escape puts the list away until the next `@`. Every other key does what
 * it does in the box (Enter sends, in the room's composer).
 *
 * The box keeps its textbox role (a multi-line field, and the name tests and people know it by)
 * and points at the list with aria-controls and at the suggestion in hand with
 * aria-activedescendant; aria-expanded is not allowed on a textbox (WAI-ARIA 1.2, and axe's
 * aria-allowed-attr), so a polite status line says when suggestions appear and how many.
 */
export function MentionTextarea({
  roomId,
  value,
  onTextChange,
  onMention,
  onKeyDown,
  onChange,
  onSelect,
  ...rest
}: TextareaProps & {
  roomId: string;
  value: string;
  onTextChange: (text: string) => void;
  onMention: (person: Person) => void;
}) {
  const { user } = useSignedIn();
  const field = useRef<HTMLTextAreaElement>(null);
  const caretAfter = useRef<number | null>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const people = useRoomPeople(roomId, query !== null);
  const listId = useId();
  const optionId = useId();

  const suggestions =
    query && people && dismissedAt !== query.start
      ? matchingPeople(
          people.filter((p) => p.id !== user.id),
          query.query,
        )
      : [];
  const open = suggestions.length > 0;
  const current = Math.min(active, suggestions.length - 1);

  // After a suggestion is put in, the caret goes after it (once React has the new text in the box).
  useLayoutEffect(() => {
    const at = caretAfter.current;
    if (at === null || !field.current) return;
    caretAfter.current = null;
    field.current.setSelectionRange(at, at);
  }, [value]);

  const follow = (element: HTMLTextAreaElement) => {
    const found = mentionQueryAt(element.value, element.selectionStart);
    if (found?.start !== query?.start || found?.query !== query?.query) setActive(0);
    if (found?.start !== dismissedAt) setDismissedAt(null);
    setQuery(found);
  };

  const choose = (person: Person) => {
    if (!query) return;
    const caret = field.current?.selectionStart ?? value.length;
    const next = insertMention(value, query.start, Math.max(caret, query.start + 1 + query.query.length), person.name);
    caretAfter.current = next.caret;
    setQuery(null);
    onTextChange(next.text);
    onMention(person);
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open && !event.nativeEvent.isComposing) {
      const last = suggestions.length - 1;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        setActive(event.key === 'ArrowDown' ? (current >= last ? 0 : current + 1) : current <= 0 ? last : current - 1);
        return;
      }
      const person = suggestions[current];
      if (((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') && person) {
        event.preventDefault();
        choose(person);
        return;
      }
      if (event.key === 'Escape') {
        // Taken here, so that it does not also close the thread this box may be in.
        event.preventDefault();
        setDismissedAt(query?.start ?? null);
        return;
      }
    }
    onKeyDown?.(event);
  };

  return (
    <>
      <textarea
        {...rest}
        ref={field}
        value={value}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${optionId}-${current}` : undefined}
        onChange={(event) => {
          onChange?.(event);
          follow(event.currentTarget);
        }}
        onSelect={(event) => {
          onSelect?.(event);
          follow(event.currentTarget);
        }}
        onKeyDown={keyDown}
        onBlur={(event) => {
          rest.onBlur?.(event);
          setQuery(null);
        }}
      />
      {open && (
        <div id={listId} role="listbox" aria-label="People to mention" className="mention-list">
          {suggestions.map((person, index) => (
            <div
              key={person.id}
              id={`${optionId}-${index}`}
              role="option"
              aria-selected={index === current}
              tabIndex={-1}
              className={index === current ? 'mention-list__option mention-list__option--active' : 'mention-list__option'}
              // Chosen on mouse down, before the box would lose focus (and the list with it).
              onMouseDown={(event) => {
                event.preventDefault();
                choose(person);
              }}
            >
              {person.name}
            </div>
          ))}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {open
          ? `${suggestions.length === 1 ? '1 person matches' : `${suggestions.length} people match`}. Up and Down to choose, Enter to insert.`
          : ''}
      </p>
    </>
  );
}

/**
 * The people chosen from the suggestions while writing one message: `mentionsIn` (mentions.ts)
 * keeps those still named when it goes, and `clear` starts over for the next.
 */
export function useChosenMentions(): { chosen: Person[]; add: (person: Person) => void; clear: () => void } {
  const [chosen, setChosen] = useState<Person[]>([]);
  return {
    chosen,
    add: (person) => {
      setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, person]));
    },
    clear: () => {
      setChosen([]);
    },
  };
}
