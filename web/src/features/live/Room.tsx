import { useId, useState } from 'react';
import { GroupChat } from '../chat/ChatPage';
import { useChat } from '../chat/ChatContext';
import { useTimeZone } from '../session/useTimeZone';
import { asidePlace, mainRoom, peopleHere, placeName } from './breakouts';
import { FacilitatorPanel } from './FacilitatorPanel';
import type { LiveSession, LiveSnapshot } from './liveSession';
import { useAudioLevel, usePeerReadings } from './mediaHooks';
import { PlaceStatus } from './PlaceStatus';
import { loudest } from './quality';
import { RoomControls } from './RoomControls';
import { RoomWords } from './RoomWords';
import { featuredTile, selfIn, type LiveParticipant, type RoomView } from './sessionState';
import { useFocusOnMount } from './useFocusOnMount';
import { VideoTile } from './VideoTile';

/**
 * The room: the tiles of everyone in one's place (the main room, a breakout room, a private word;
 * one large when pinned, spotlit or sharing), where one is, one's own controls, the facilitator's
 * panel for facilitators, and beside the video the place's own words (outside the main room) and
 * the group's chat, collapsible.
 */
export function Room({
  session,
  snapshot,
  view,
  groupId,
  focusOnMount,
}: {
  session: LiveSession;
  snapshot: LiveSnapshot;
  view: RoomView;
  groupId: string;
  focusOnMount: boolean;
}) {
  const headingId = useId();
  const chatPanelId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusOnMount);
  const timeZone = useTimeZone();
  const [pinned, setPinned] = useState<string | null>(null);
  const [chatOpen, setChatOpen] = useState(true);
  const { readings, speaking } = useSpeaking(session, snapshot, view);
  const featured = featuredTile(view, pinned);
  const here = peopleHere(view);
  const ordered = [
    ...here.filter((p) => p.participantId === featured),
    ...here.filter((p) => p.participantId !== featured),
  ];
  const command = (type: string, fields?: Record<string, unknown>) => session.command(type, fields);
  const tileOf = (person: LiveParticipant) => {
    const self = person.participantId === view.you;
    const remote = snapshot.remote.get(person.participantId);
    const camera = self ? snapshot.local.camera : (remote?.camera ?? null);
    const screen = self ? snapshot.local.screen : (remote?.screen ?? null);
    const handPlace = view.hands.indexOf(person.participantId);
    const reaction = snapshot.state.shownReactions.findLast((r) => r.participantId === person.participantId);
    return (
      <li
        key={person.participantId}
        className={person.participantId === featured ? 'live-gallery__featured' : undefined}
      >
        <VideoTile
          person={person}
          self={self}
          video={person.sharing && screen ? screen : camera}
          audio={self ? null : (remote?.audio ?? null)}
          showVideo={!snapshot.audioOnly}
          featured={person.participantId === featured}
          pinned={pinned === person.participantId}
          spotlight={view.spotlight === person.participantId}
          speaking={speaking === person.participantId}
          handPlace={handPlace < 0 ? null : handPlace + 1}
          reaction={reaction?.reaction ?? null}
          reading={readings.get(person.participantId) ?? null}
          onPin={() => {
            setPinned((current) => (current === person.participantId ? null : person.participantId));
          }}
        />
      </li>
    );
  };
  return (
    <div className="live-room">
      <section aria-labelledby={headingId} className="live-room__main stack">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {placeHeading(view, here.length)}
        </h2>
        <PlaceStatus
          view={view}
          clockOffsetMs={snapshot.state.clockOffsetMs}
          broadcast={snapshot.state.broadcast}
          command={command}
          onDismissBroadcast={() => {
            session.dismissBroadcast();
          }}
        />
        {snapshot.audioOnly && <p className="meta">Audio only: video is hidden on this device.</p>}
        <ul className="live-gallery" aria-label="Everyone’s video">
          {ordered.map(tileOf)}
        </ul>
        <RoomControls
          session={session}
          snapshot={snapshot}
          view={view}
          chatOpen={chatOpen}
          chatPanelId={chatPanelId}
          onToggleChat={() => {
            setChatOpen((open) => !open);
          }}
        />
      </section>
      <div className="live-room__side stack">
        {view.place !== mainRoom && (
          <RoomWords key={view.place} words={snapshot.state.roomWords} you={view.you} command={command} />
        )}
        {view.role === 'facilitator' && (
          <FacilitatorPanel
            view={view}
            command={command}
            timeZone={timeZone}
            clockOffsetMs={snapshot.state.clockOffsetMs}
          />
        )}
        <div id={chatPanelId} hidden={!chatOpen}>
          <SessionChat groupId={groupId} />
        </div>
      </div>
    </div>
  );
}

/** The room's heading: the main room with its head-count, a breakout room of how many, a private word. */
function placeHeading(view: RoomView, count: number): string {
  if (view.place === mainRoom) return `In the room (${count})`;
  if (view.place === asidePlace) return 'Private conversation';
  return placeName(view.place, view.breakouts.rooms.length);
}

/** Who speaks loudest: the others from their connections' statistics, oneself from the microphone. */
function useSpeaking(session: LiveSession, snapshot: LiveSnapshot, view: RoomView) {
  const { readings } = usePeerReadings(() => session.connections());
  const ownLevel = useAudioLevel(snapshot.micOn ? snapshot.local.audio : null);
  const me = selfIn(view);
  const levels = new Map([...readings].map(([id, reading]) => [id, reading.audioLevel]));
  if (me && ownLevel !== null) levels.set(me.participantId, ownLevel);
  return { readings, speaking: loudest(levels) };
}

function SessionChat({ groupId }: { groupId: string }) {
  const chat = useChat();
  const rooms = chat?.rooms;
  if (rooms && !rooms.some((room) => room.kind === 'group' && room.groupId === groupId)) {
    return <p className="meta">This group’s chat is for its members and facilitators.</p>;
  }
  return <GroupChat groupId={groupId} />;
}
