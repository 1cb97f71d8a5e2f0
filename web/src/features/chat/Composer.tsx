import { useId, useState, type KeyboardEvent } from 'react';
import { characterCount, maxMessageCharacters, type ChatRoom } from './chat';
import { useChatStore } from './ChatContext';
import { AttachButton } from './AttachButton';
import { PendingAttachments } from './FileAttachments';
import { FormattingHelp } from './FormattingHelp';
import { MentionTextarea, useChosenMentions } from './MentionInput';
import { mentionsIn } from './mentions';
import { MutedNotice } from './RestrictionNotices';
import { composeProblem, useAttachments } from './useAttachments';

/** The box to write in: the room's, or with `threadRootId` a thread's, whose messages reply in it. */
export function Composer({ room, threadRootId }: { room: ChatRoom; threadRootId?: string }) {
  const store = useChatStore();
  const [text, setText] = useState('');
  const mentions = useChosenMentions();
  const [problem, setProblem] = useState<string | null>(null);
  const fieldId = useId();
  const hintId = useId();
  const problemId = useId();
  const mutedId = useId();
  const count = characterCount(text);
  const nearLimit = count > maxMessageCharacters - 200;
  // Kept focusable and its draft kept: a mute may arrive while one is writing.
  const muted = room.mutedUntil !== null;
  const attachments = useAttachments(room.id, !muted);

  const submit = () => {
    if (muted) return;
    const found = composeProblem(text, attachments);
    setProblem(found);
    if (found || !store) return;
    store.send(room.id, text, {
      files: attachments.ready,
      mentions: mentionsIn(text, mentions.chosen),
      ...(threadRootId === undefined ? {} : { threadRootId }),
    });
    mentions.clear();
    attachments.clear();
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line; an IME composing text keeps its Enter.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const described = [muted ? mutedId : null, hintId, problem ? problemId : null].filter(Boolean).join(' ');
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- dropping files is a shortcut; "Attach file" is the way for keyboards
    <form className="chat__composer" aria-label={threadRootId === undefined ? `Write to ${room.name}` : 'Reply in this thread'} onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onDragOver={attachments.onDragOver}
      onDrop={attachments.onDrop}
      noValidate
    >
      <MutedNotice room={room} id={mutedId} />
      <label htmlFor={fieldId} className="field__label">
        {threadRootId === undefined ? 'Message' : 'Reply'}
      </label>
      <MentionTextarea
        roomId={room.id}
        onTextChange={setText}
        onMention={mentions.add}
        id={fieldId}
        className="input input--area"
        value={text}
        rows={2}
        readOnly={muted}
        aria-disabled={muted || undefined}
        aria-describedby={described}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (problem) setProblem(null);
          if (event.target.value.trim() !== '') store?.noteTyping(room.id);
        }}
        onKeyDown={onKeyDown}
        onPaste={attachments.onPaste}
      />
      <PendingAttachments attachments={attachments} />
      <p id={hintId} className="field__hint">
        Enter sends; Shift+Enter starts a new line.
        {nearLimit && ` ${count} of ${maxMessageCharacters} characters.`}
      </p>
      {problem && (
        <p id={problemId} className="field__error">
          {problem}
        </p>
      )}
      <AttachButton onFiles={attachments.add} disabled={muted} describedBy={muted ? mutedId : undefined} />{' '}
      <button type="submit" className="button" aria-disabled={muted || attachments.uploading || undefined}>
        Send
      </button>
      <FormattingHelp />
    </form>
  );
}
