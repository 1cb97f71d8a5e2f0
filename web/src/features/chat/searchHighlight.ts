/**
 * Which words of a search result to mark. The server finds messages holding every word of the
 * query at a word's beginning (docs/protocol/realtime.md, `search`); this marks, in a message's
 * words, those that start with one of the query's words, case-insensitively. Nothing of the
 * query is compiled into a regular expression, and the parts are plain strings that React escapes,
 * so a query or a message holding markup or regex syntax is only ever text.
 */

export interface TextPart {
  text: string;
  match: boolean;
}

/** The server's words: runs of letters and digits (combining marks kept with their letter). */
const word = /[\p{L}\p{M}\p{N}]+/gu;
/** The server reads at most this many words of a query. */
export const maxQueryWords = 8;

/** The query's words, lower-cased, each once, as the server counts them. */
export function queryWords(query: string): string[] {
  const words = (query.match(word) ?? []).slice(0, maxQueryWords).map((w) => w.toLowerCase());
  return [...new Set(words)];
}

/** `text` cut into runs, each marked or not; joined, they give `text` back unchanged. */
export function highlightParts(text: string, query: string): TextPart[] {
  const words = queryWords(query);
  if (words.length === 0 || text === '') return text === '' ? [] : [{ text, match: false }];
  const parts: TextPart[] = [];
  const push = (piece: string, match: boolean) => {
    if (piece === '') return;
    const last = parts.at(-1);
    if (last && last.match === match && !match) last.text += piece;
    else parts.push({ text: piece, match });
  };
  let at = 0;
  for (const found of text.matchAll(word)) {
    const start = found.index;
    const candidate = found[0].toLowerCase();
    if (!words.some((w) => candidate.startsWith(w))) continue;
    push(text.slice(at, start), false);
    push(found[0], true);
    at = start + found[0].length;
  }
  push(text.slice(at), false);
  return parts;
}
