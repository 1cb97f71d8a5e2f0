import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RealtimeError } from '../../base/realtime/connection';
import { FormAlert } from '../../base/ui/FormAlert';
import { Loading } from '../../base/ui/Loading';
import { PageHeading } from '../../base/ui/PageHeading';
import { useDocumentTitle } from '../../base/ui/useDocumentTitle';
import type { Person } from './chat';
import { useChat, useChatStore } from './ChatContext';
import { refusalText } from './refusals';

/** The most people one may add to a conversation besides oneself (the server's limit). */
const maxOthers = 7;

/**
 * Choose who to write to privately: the people one shares a group with and one's care team, as
 * the server lists them (the program may keep participants' private messages to the care team).
 */
export function NewConversationPage() {
  useDocumentTitle('Start a conversation');
  const chat = useChat();
  const store = useChatStore();
  const navigate = useNavigate();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const legendId = useId();
  const open = chat?.status === 'open';

  useEffect(() => {
    if (!open || !store) return;
    let current = true;
    store.reachable().then(
      (found) => {
        if (current) setPeople(found);
      },
      (cause: unknown) => {
        if (current) setProblem(cause instanceof RealtimeError ? refusalText(cause) : 'The list could not be loaded.');
      },
    );
    return () => {
      current = false;
    };
  }, [open, store]);

  useEffect(() => {
    if (problem) alert.current?.focus();
  }, [problem]);

  const start = async () => {
    if (chosen.length === 0) {
      setProblem('Choose at least one person.');
      return;
    }
    if (!store) return;
    setStarting(true);
    try {
      const room = await store.startConversation(chosen);
      await navigate(`/chat/${encodeURIComponent(room.id)}`);
    } catch (cause) {
      setProblem(cause instanceof RealtimeError ? refusalText(cause) : 'The conversation could not be started.');
      setStarting(false);
    }
  };

  return (
    <div className="page-wide">
      <PageHeading>Start a conversation</PageHeading>
      <p className="lead">
        You can write privately to people you share a group with and to your care team. <Link to="/chat">Back to chat</Link>
      </p>
      {problem && (
        <FormAlert ref={alert} title="That did not work.">
          <p>{problem}</p>
        </FormAlert>
      )}
      {people === null ? (
        !problem && <Loading what="the people you can write to" />
      ) : people.length === 0 ? (
        <p>There is no one you can write to privately yet.</p>
      ) : (
        <form
          className="form stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void start();
          }}
        >
          <fieldset aria-describedby={legendId}>
            <legend>Who to write to</legend>
            <p id={legendId} className="field__hint">
              One person, or up to {maxOthers} for a small group.
            </p>
            {people.map((person) => (
              <label key={person.id} className="field--check">
                <input
                  type="checkbox"
                  className="checkbox"
                  checked={chosen.includes(person.id)}
                  disabled={!chosen.includes(person.id) && chosen.length >= maxOthers}
                  onChange={(event) => {
                    setProblem(null);
                    setChosen((now) =>
                      event.target.checked ? [...now, person.id] : now.filter((id) => id !== person.id),
                    );
                  }}
                />{' '}
                {person.name}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={starting}>
            Start conversation
          </button>
        </form>
      )}
    </div>
  );
}
