import { Fragment } from 'react';

/** Web addresses in a message: http(s) only, up to the first white space. */
const linkPattern = /\bhttps?:\/\/[^\s<>"]+/g;
/** Punctuation that ends a sentence rather than the address ("see https://example.org."). */
const trailingPunctuation = /[.,;:!?)\]}'’”]+$/;

export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string };

/** The text cut into plain runs and links, in order. */
export function textPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let from = 0;
  for (const match of text.matchAll(linkPattern)) {
    const start = match.index;
    const href = match[0].replace(trailingPunctuation, '');
    if (start > from) pieces.push({ kind: 'text', text: text.slice(from, start) });
    pieces.push({ kind: 'link', href });
    from = start + href.length;
  }
  if (from < text.length) pieces.push({ kind: 'text', text: text.slice(from) });
  return pieces;
}

/**
 * A message's text as written (line breaks kept by CSS), with web addresses as links. React
 * escapes the text, so nothing in a message becomes markup. Links open in a new tab without
 * telling the other site where they came from, and the server never fetches them (no previews:
 * a preview would tell that site someone here is talking about it).
 */
export function MessageText({ text, id }: { text: string; id?: string }) {
  return (
    <p className="chat-message__text" id={id}>
      {textPieces(text).map((piece, index) =>
        piece.kind === 'text' ? (
          <Fragment key={index}>{piece.text}</Fragment>
        ) : (
          <a key={index} href={piece.href} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
            {piece.href}
          </a>
        ),
      )}
    </p>
  );
}
