import { GuestMark } from './GuestMark';
import type { PeerReading } from './mediaHooks';
import { useMediaElement } from './mediaHooks';
import { qualityText } from './quality';
import { nameWithPronouns, reactionSymbol, reactionWord, type LiveParticipant, type Reaction } from './sessionState';

export interface TileProps {
  person: LiveParticipant;
  self: boolean;
  /** The picture: a shared screen, else the camera; null shows the person's initials. */
  video: MediaStreamTrack | null;
  /** Another person's sound (one's own is never played back). */
  audio: MediaStreamTrack | null;
  /** Others' pictures are hidden in audio-only mode. */
  showVideo: boolean;
  featured: boolean;
  pinned: boolean;
  spotlight: boolean;
  speaking: boolean;
  /** 1 for the first hand raised, and so on; null without a hand up. */
  handPlace: number | null;
  reaction: Reaction | null;
  reading: PeerReading | null;
  onPin: () => void;
}

/**
 * One person's tile: their picture (or initials), their name and pronouns (and "Guest" for an
 * invited guest), and what is going on
 * with them in words (muted, camera off, hand raised, sharing, speaking, the connection), so
 * nothing depends on colour or an icon alone.
 */
export function VideoTile(props: TileProps) {
  const { person, self, featured, pinned, speaking } = props;
  const label = self ? 'Your video' : `Video of ${person.name}`;
  const classes = ['live-tile', featured ? 'live-tile--featured' : '', speaking ? 'live-tile--speaking' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <figure className={classes} aria-label={label}>
      <TilePicture {...props} />
      {props.audio && !self && <TileAudio track={props.audio} silenced={person.hardMuted} />}
      {props.reaction && (
        <p className="live-tile__reaction">
          <span aria-hidden="true">{reactionSymbol(props.reaction)}</span>
          <span className="visually-hidden">{reactionWord(props.reaction)}</span>
        </p>
      )}
      <figcaption className="live-tile__caption">
        <span className="live-tile__name">
          {nameWithPronouns(person)}
          {self && ' (you)'}
          <GuestMark person={person} className="live-tile__flag live-tile__guest" />
        </span>
        <TileStatus {...props} />
        <button
          type="button"
          className="button button--small button--quiet live-tile__pin"
          aria-pressed={pinned}
          onClick={props.onPin}
        >
          Pin{' '}
          <span className="visually-hidden">{self ? 'your video' : person.name}</span>
        </button>
      </figcaption>
    </figure>
  );
}

function TilePicture({ person, video, showVideo, self }: TileProps) {
  const attach = useMediaElement([video]);
  const visible = video !== null && (showVideo || self) && (person.cameraOn || person.sharing);
  if (!visible) {
    return (
      <div className="live-tile__blank" aria-hidden="true">
        <span className="live-tile__initials">{initialsOf(person.name)}</span>
      </div>
    );
  }
  // Always muted: a person's sound plays through its own <audio> element, and one's own never.
  const mirrored = self && !person.sharing;
  return (
    <video
      ref={attach}
      className={mirrored ? 'live-tile__video live-tile__video--mirror' : 'live-tile__video'}
      muted
      playsInline
    />
  );
}

function TileAudio({ track, silenced }: { track: MediaStreamTrack; silenced: boolean }) {
  const attach = useMediaElement([track]);
  // `muted` on a hard-muted person: the protocol's second enforcement, this browser plays nothing
  // of them (mesh.ts also disables the received track).
  // eslint-disable-next-line jsx-a11y/media-has-caption -- live call audio has no caption file to point at
  return <audio ref={attach} muted={silenced} />;
}

function TileStatus({ person, spotlight, speaking, handPlace, reading, self }: TileProps) {
  const items: string[] = [];
  if (person.hardMuted) items.push('Muted by the facilitator');
  else if (person.muted) items.push('Muted');
  if (!person.cameraOn) items.push('Camera off');
  if (handPlace !== null) items.push(handPlace === 1 ? 'Hand raised (first)' : `Hand raised (number ${handPlace})`);
  if (person.sharing) items.push('Sharing the screen');
  if (spotlight) items.push('In the spotlight');
  if (speaking) items.push('Speaking');
  if (person.role === 'facilitator') items.push('Facilitator');
  if (!self && reading) items.push(qualityText(reading.quality));
  return (
    <ul className="live-tile__status">
      {items.map((item) => (
        <li
          key={item}
          className={item.startsWith('Poor') ? 'live-tile__flag live-tile__flag--poor' : 'live-tile__flag'}
        >
          {item}
        </li>
      ))}
    </ul>
  );
}

function initialsOf(name: string): string {
  const words = name.replace(/[^\p{L}\p{N}\s]/gu, '').split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join('');
}
