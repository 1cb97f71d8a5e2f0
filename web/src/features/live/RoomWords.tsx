import { useId, useState, type SyntheticEvent } from 'react';
import { TextField } from '../../base/ui/Field';
import type { Command } from './FacilitatorPanel';
import type { RoomWord } from './sessionState';

/** A word's limit (docs/protocol/realtime.md, `session.room_message`). */
const wordMax = 2000;

/**
 * What the people in one place write to each other (a breakout room, a private word). The server
 * relays it to them and keeps it nowhere, and this tab forgets it on leaving the place: the panel
 * says so, so nobody takes it for the group's chat, which is kept.
 */
export function RoomWords({ words, you, command }: { words: RoomWord[]; you: string; command: Command }) {
  const headingId = useId();
  const noteId = useId();
  const [draft, setDraft] = useState('');
  const submit = async (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    if (await command('session.room_message', { text })) setDraft('');
  };
  return (
    <section aria-labelledby={headingId} aria-describedby={noteId} className="live-panel stack">
      <h2 id={headingId}>Chat in this room</h2>
      <p id={noteId} className="field__hint">
        Only the people here see these words, and they are not saved: they are gone when you leave this room.
      </p>
      {/* role=log: a screen reader reads each new line politely as it arrives. */}
      <div role="log" aria-label="Words in this room">
        {words.length === 0 ? (
          <p className="meta">Nothing written here yet.</p>
        ) : (
          <ol className="live-words">
            {words.map((word) => (
              <li key={word.key}>
                <span className="live-words__name">{word.participantId === you ? 'You' : word.name}:</span> {word.text}
              </li>
            ))}
          </ol>
        )}
      </div>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <TextField
          label="Write to this room"
          maxLength={wordMax}
          value={draft}
          autoComplete="off"
          onChange={(event) => {
            setDraft(event.target.value);
          }}
        />
        <div className="actions">
          <button type="submit" className="button button--quiet">
            Send to this room
          </button>
        </div>
      </form>
    </section>
  );
}
