import { useSignedIn } from '../session/SessionContext';
import type { ChatMessage } from './chat';
import { mentionedPeople } from './mentions';
import { MessageText } from './MessageText';
import { useRoomPeople } from './roomPeople';

/**
 * A message's text with the people it names set off (`@Name`, more strongly where it is the
 * reader): their names come from `room.people`, asked for only when the message names someone.
 */
export function MentionedText({ roomId, message, id }: { roomId: string; message: ChatMessage; id: string }) {
  const { user } = useSignedIn();
  const people = useRoomPeople(roomId, message.mentions.length > 0);
  return <MessageText text={message.text} id={id} mentions={mentionedPeople(message.mentions, people)} me={user.id} />;
}
