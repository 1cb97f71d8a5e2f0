import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { RealtimeError } from '../../base/realtime/connection';
import { formatDayAndTime } from '../../base/ui/dates';
import { useTimeZone } from '../session/useTimeZone';
import type { ChatMessage } from './chat';
import { useChat, useChatStore } from './ChatContext';
import { searchProblem } from './refusals';
import { plainText } from './messageFormat';
import { highlightParts, queryWords } from './searchHighlight';

interface Results {
  /** The query these results are for (the box may have changed since). */
  query: string;
  messages: ChatMessage[];
  nextCursor: string | null;
}

/**
 * Searches one's messages over the socket (`search`, docs/protocol/realtime.md), in all of one's
 * rooms or in one (`roomId`). What was typed lives in this component's state only: never in the
 * address, the history or storage, since search terms can be health information; `autoComplete`
 * is off so the browser keeps no list of them either, and `spellCheck` so no spelling service is
 * sent them. The form submits nothing itself (no name, no action). The count of results is read out politely;
 * focus stays in the box after a search and moves to the first new result after "Load more".
 */
export function ChatSearch({ roomId, label }: { roomId?: string; label: string }) {
  const store = useChatStore();
  const rooms = useChat()?.rooms ?? [];
  const timeZone = useTimeZone();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [busy, setBusy] = useState<'searching' | 'more' | null>(null);
  const [queryProblem, setQueryProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [summary, setSummary] = useState({ text: '', count: 0 });
  const asked = useRef(0);
  const list = useRef<HTMLOListElement>(null);
  /** The result to focus once rendered: the first of those "Load more" brought. */
  const focusItem = useRef<number | null>(null);
  const fieldId = useId();
  const problemId = useId();

  useEffect(() => {
    if (focusItem.current === null) return;
    const item = list.current?.children[focusItem.current];
    focusItem.current = null;
    if (item instanceof HTMLElement) item.focus();
  }, [results]);

  const announce = (text: string) => {
    setSummary((previous) => ({ text, count: previous.count + 1 }));
  };

  const refused = (cause: unknown) => {
    const error = cause instanceof RealtimeError ? cause : new RealtimeError('internal', 'something went wrong');
    const text = searchProblem(error);
    if (error.code === 'invalid_argument' && error.field === 'query') setQueryProblem(text);
    else setProblem(text);
    announce(text);
  };

  const search = async () => {
    const ticket = ++asked.current;
    setProblem(null);
    setQueryProblem(null);
    if (queryWords(query).length === 0) {
      setResults(null);
      setQueryProblem('Type at least one word.');
      announce('Type at least one word.');
      return;
    }
    if (!store) return;
    setBusy('searching');
    try {
      const page = await store.search(query, roomId ? { roomId } : {});
      if (ticket !== asked.current) return;
      setResults({ query, messages: page.messages, nextCursor: page.nextCursor });
      announce(foundText(page.messages.length, page.nextCursor !== null));
    } catch (cause) {
      if (ticket !== asked.current) return;
      setResults(null);
      refused(cause);
    } finally {
      if (ticket === asked.current) setBusy(null);
    }
  };

  const loadMore = async () => {
    if (!store || !results?.nextCursor || busy) return;
    const ticket = ++asked.current;
    setBusy('more');
    setProblem(null);
    try {
      const page = await store.search(results.query, { ...(roomId ? { roomId } : {}), cursor: results.nextCursor });
      if (ticket !== asked.current) return;
      const messages = [...results.messages, ...page.messages.filter((m) => !results.messages.some((r) => r.id === m.id))];
      setResults({ ...results, messages, nextCursor: page.nextCursor });
      const more = messages.length - results.messages.length;
      announce(`Loaded ${more} more ${more === 1 ? 'message' : 'messages'}. ${foundText(messages.length, page.nextCursor !== null)}`);
      if (more > 0) focusItem.current = results.messages.length;
    } catch (cause) {
      if (ticket !== asked.current) return;
      refused(cause);
    } finally {
      if (ticket === asked.current) setBusy(null);
    }
  };

  const roomName = (id: string) => rooms.find((r) => r.id === id)?.name ?? 'A room';
  return (
    <div className="chat-search stack">
      <form
        role="search"
        aria-label={label}
        className="chat-search__form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <label htmlFor={fieldId} className="field__label">
          {label}
        </label>
        <div className="chat-search__row">
          <input
            id={fieldId}
            type="search"
            className="input"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={query}
            aria-invalid={queryProblem ? true : undefined}
            aria-describedby={queryProblem ? problemId : undefined}
            onChange={(event) => {
              setQuery(event.target.value);
              if (queryProblem) setQueryProblem(null);
            }}
          />
          <button type="submit" className="button" aria-disabled={busy === 'searching' || undefined}>
            {busy === 'searching' ? 'Searching…' : 'Search'}
          </button>
        </div>
        {queryProblem && (
          <p id={problemId} className="field__error">
            {queryProblem}
          </p>
        )}
      </form>
      {/* One line says how the search went, read out politely; a refusal shows as an error there. */}
      <p role="status" className={problem ? 'notice notice--error' : results ? 'meta' : 'visually-hidden'}>
        <span key={summary.count}>{summary.text}</span>
      </p>
      {results && results.messages.length > 0 && (
        <>
          <ol ref={list} className="search-results" aria-label="Search results">
            {results.messages.map((message) => (
              <li key={message.id} className="search-result" tabIndex={-1}>
                <p className="chat-message__meta">
                  <span className="chat-message__author">{message.authorName}</span> in{' '}
                  <Link to={`/chat/${encodeURIComponent(message.roomId)}`}>{roomName(message.roomId)}</Link>,{' '}
                  <time dateTime={message.createdAt}>{formatDayAndTime(message.createdAt, timeZone)}</time>
                </p>
                <p className="chat-message__text">
                  {highlightParts(plainText(message.text), results.query).map((part, index) =>
                    part.match ? <mark key={index}>{part.text}</mark> : <Fragment key={index}>{part.text}</Fragment>,
                  )}
                </p>
              </li>
            ))}
          </ol>
          {results.nextCursor && (
            <button
              type="button"
              className="button button--quiet"
              aria-disabled={busy === 'more' || undefined}
              onClick={() => void loadMore()}
            >
              {busy === 'more' ? 'Loading more results…' : 'Load more results'}
            </button>
          )}
        </>
      )}
    </div>
  );
}

function foundText(count: number, more: boolean): string {
  if (count === 0) return 'No messages found.';
  const found = `${count} ${count === 1 ? 'message' : 'messages'} found`;
  return more ? `${found}; more can be loaded.` : `${found}.`;
}
