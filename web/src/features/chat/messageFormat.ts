/**
 * The small Markdown-like subset chat messages are shown with (docs/protocol/realtime.md,
 * "Formatting"). The server stores a message as written; this turns the text into a tree the
 * chat renders as React elements, so nothing a person writes ever becomes HTML.
 *
 * Blocks, one line at a time: ``` fences on their own lines around code, `> ` quotes, `- ` or
 * `* ` bullets, `1. ` numbered items; every other run of lines is a paragraph whose line breaks
 * stay as written. Inline, within one line: **bold**, *italic* or _italic_, ~~strike~~ (these
 * nest), `code` (literal), and http(s) addresses as links. Anything unclosed stays as typed.
 *
 * Deliberately left out: raw HTML, images (they would be fetched, telling another site who reads
 * the room), headings, and `[text](url)` links. A link always shows its real address, so a
 * message cannot dress a phishing site up as "the program's sign-in page".
 *
 * Every step is a single pass or consumes what it scans, so the time is linear in the text's
 * length whatever it holds; there is no backtracking regular expression to be made slow.
 */

import type { Person } from './chat';
import { splitMentions } from './mentions';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; userId: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string }
  | { kind: 'strong' | 'em' | 'strike'; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'code'; text: string }
  | { kind: 'quote'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] };

// Each of these is anchored and made of character classes that cannot overlap, so none backtracks.
const openingFence = /^ {0,3}```[\w+-]*[ \t]*$/;
const closingFence = /^ {0,3}```[ \t]*$/;
const quoteLine = /^ {0,3}>(?: |$)/;
const bulletLine = /^ {0,3}[-*] +(?=\S)/;
const numberedLine = /^ {0,3}(\d{1,3})\. +(?=\S)/;

/**
 * The message cut into blocks, in order. `people` are those the message names (its `mentions`,
 * with their names): their `@Name` in plain text becomes a mention, never inside code or a link.
 */
export function parseMessage(text: string, people: readonly Person[] = []): Block[] {
  const inline = (line: string) => parseInline(line, people);
  const lines = text.split('\n');
  // The last line that could close a fence: an opening fence after it has nothing to close it,
  // so it is not searched for (which keeps many unclosed fences from costing n² steps).
  let lastFence = -1;
  lines.forEach((line, index) => {
    if (closingFence.test(line)) lastFence = index;
  });

  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    const first = paragraph.findIndex((line) => line.trim() !== '');
    if (first !== -1) {
      const last = paragraph.findLastIndex((line) => line.trim() !== '');
      blocks.push({ kind: 'paragraph', lines: paragraph.slice(first, last + 1).map(inline) });
    }
    paragraph = [];
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (openingFence.test(line) && i < lastFence) {
      let close = i + 1;
      while (!closingFence.test(lines[close] ?? '')) close += 1;
      endParagraph();
      blocks.push({ kind: 'code', text: lines.slice(i + 1, close).join('\n') });
      i = close;
      continue;
    }
    const quote = quoteLine.exec(line);
    if (quote) {
      endParagraph();
      const content = inline(line.slice(quote[0].length));
      const previous = blocks.at(-1);
      if (previous?.kind === 'quote') previous.lines.push(content);
      else blocks.push({ kind: 'quote', lines: [content] });
      continue;
    }
    const bullet = bulletLine.exec(line);
    const numbered = bullet ? null : numberedLine.exec(line);
    if (bullet || numbered) {
      endParagraph();
      const ordered = numbered !== null;
      const marker = (bullet ?? numbered)?.[0] ?? '';
      const content = inline(line.slice(marker.length));
      const previous = blocks.at(-1);
      if (previous?.kind === 'list' && previous.ordered === ordered) previous.items.push(content);
      else blocks.push({ kind: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [content] });
      continue;
    }
    // A blank line ends a list or a quote; within a paragraph it stays, as written.
    if (line.trim() === '' && paragraph.length === 0) blocks.push({ kind: 'paragraph', lines: [] });
    else paragraph.push(line);
  }
  endParagraph();
  // The empty paragraphs above only separated lists and quotes; they show nothing.
  return blocks.filter((block) => block.kind !== 'paragraph' || block.lines.length > 0);
}

type Marker = '*' | '**' | '_' | '~~';
const nodeOf: Record<Marker, 'strong' | 'em' | 'strike'> = { '*': 'em', '**': 'strong', _: 'em', '~~': 'strike' };

/** Characters that end a sentence or a formatting mark rather than the address. */
const trailing = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', "'", '’', '”', '*', '_', '~']);
const endsAddress = (char: string) => char === '<' || char === '>' || char === '"' || char === '`' || /\s/.test(char);
const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char);
const isWordy = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * One line's inline formatting. Marks go into a flat list as text; a closing mark wraps what
 * follows its opener into one node, so each node moves once and an opener never closed simply
 * stays the text it was (the delimiter-stack idea of CommonMark's spec, appendix A, cut down).
 */
export function parseInline(line: string, people: readonly Person[] = []): Inline[] {
  const nodes: Inline[] = [];
  const openers: { marker: Marker; at: number }[] = [];
  // How many openers of each marker wait: a closer with none need not search the stack.
  const waiting: Record<Marker, number> = { '*': 0, '**': 0, _: 0, '~~': 0 };

  // A mark opens only when the same one is not already open: "**a **b** c**" gains nothing from
  // bold in bold, and so no node is more than four deep however the marks are stacked.
  const open = (marker: Marker) => {
    if (waiting[marker] === 0) {
      openers.push({ marker, at: nodes.length });
      waiting[marker] += 1;
    }
    nodes.push({ kind: 'text', text: marker });
  };
  /** Closes the nearest opener with one of these markers; openers above it stay literal. */
  const close = (markers: readonly Marker[]): Marker | null => {
    if (!markers.some((marker) => waiting[marker] > 0)) return null;
    let opener = openers.pop();
    while (opener && !markers.includes(opener.marker)) {
      waiting[opener.marker] -= 1;
      opener = openers.pop();
    }
    if (!opener) return null;
    waiting[opener.marker] -= 1;
    const children = nodes.splice(opener.at + 1);
    nodes.pop();
    nodes.push({ kind: nodeOf[opener.marker], children: joinedText(children) });
    return opener.marker;
  };

  let i = 0;
  let plainFrom = 0;
  let noMoreBackticks = false;
  const flushPlain = (to: number) => {
    if (to > plainFrom) nodes.push({ kind: 'text', text: line.slice(plainFrom, to) });
  };

  while (i < line.length) {
    const char = line[i] as string;
    if (char === '`') {
      let run = 1;
      while (line[i + run] === '`') run += 1;
      // A code span runs from one backtick to the next; once none is left, none is searched for.
      const end = run === 1 && !noMoreBackticks ? line.indexOf('`', i + 1) : -1;
      if (run === 1 && end === -1) noMoreBackticks = true;
      if (end !== -1) {
        flushPlain(i);
        nodes.push({ kind: 'code', text: line.slice(i + 1, end) });
        i = end + 1;
        plainFrom = i;
      } else i += run;
      continue;
    }
    if (char === 'h' && !isWordy(line[i - 1])) {
      const scheme = line.startsWith('https://', i) ? 8 : line.startsWith('http://', i) ? 7 : 0;
      let end = i + scheme;
      while (scheme > 0 && end < line.length && !endsAddress(line[end] as string)) end += 1;
      while (end > i + scheme && trailing.has(line[end - 1] as string)) end -= 1;
      if (end > i + scheme) {
        flushPlain(i);
        nodes.push({ kind: 'link', href: line.slice(i, end) });
        i = end;
        plainFrom = i;
        continue;
      }
    }
    if (char === '*' || char === '_' || char === '~') {
      let run = 1;
      while (line[i + run] === char) run += 1;
      if (isMarkerRun(char, run)) {
        const before = line[i - 1];
        const after = line[i + run];
        // Never inside a word (snake_case_names, 2*3*4), never with a space on the inner side.
        const canOpen = !isSpace(after) && !isWordy(before);
        const canClose = !isSpace(before) && !isWordy(after);
        flushPlain(i);
        let left = run;
        if (canClose) left = closeRun(char, run, close);
        if (left > 0 && canOpen) {
          if (char !== '*') open(char === '_' ? '_' : '~~');
          else if (left === 3) {
            open('**');
            open('*');
          } else open(left === 2 ? '**' : '*');
        } else if (left > 0) nodes.push({ kind: 'text', text: char.repeat(left) });
        i += run;
        plainFrom = i;
        continue;
      }
      i += run;
      continue;
    }
    i += 1;
  }
  flushPlain(line.length);
  const joined = joinedText(nodes);
  return people.length === 0 ? joined : withMentions(joined, people);
}

/** Plain text cut where it names one of `people`; formatting kept around it, code and links untouched. */
function withMentions(nodes: Inline[], people: readonly Person[]): Inline[] {
  return nodes.flatMap((node): Inline[] => {
    switch (node.kind) {
      case 'text':
        return splitMentions(node.text, people).map((piece) =>
          typeof piece === 'string'
            ? { kind: 'text', text: piece }
            : { kind: 'mention', text: `@${piece.mention.name}`, userId: piece.mention.id },
        );
      case 'strong':
      case 'em':
      case 'strike':
        return [{ kind: node.kind, children: withMentions(node.children, people) }];
      default:
        return [node];
    }
  });
}

/** `*` once to three times (italic, bold, both), `_` once, `~` twice; any other run is text. */
function isMarkerRun(char: '*' | '_' | '~', run: number): boolean {
  if (char === '*') return run <= 3;
  return char === '_' ? run === 1 : run === 2;
}

/** Closes what a run of marks can close; answers how many of its marks are left over. */
function closeRun(char: '*' | '_' | '~', run: number, close: (markers: readonly Marker[]) => Marker | null): number {
  if (char === '_') return close(['_']) ? 0 : run;
  if (char === '~') return close(['~~']) ? 0 : run;
  if (run < 3) return close([run === 1 ? '*' : '**']) ? 0 : run;
  // `***`: the nearer of italic and bold first, then the other ("**a *b***").
  const first = close(['*', '**']);
  if (!first) return run;
  const left = run - first.length;
  return close([left === 1 ? '*' : '**']) ? 0 : left;
}

/** The nodes with neighbouring runs of text made one. */
function joinedText(nodes: Inline[]): Inline[] {
  const joined: Inline[] = [];
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('');
    if (text !== '') joined.push({ kind: 'text', text });
    pending = [];
  };
  for (const node of nodes) {
    if (node.kind === 'text') pending.push(node.text);
    else {
      flush();
      joined.push(node);
    }
  }
  flush();
  return joined;
}

/**
 * The message without its marks, for places that show or read out a message as plain words
 * (the live announcement of a new message): "**Hi** _there_" is "Hi there".
 */
export function plainText(text: string): string {
  return parseMessage(text)
    .map((block) => {
      switch (block.kind) {
        case 'code':
          return block.text;
        case 'list':
          return block.items
            .map((item, index) => (block.ordered ? `${block.start + index}. ` : '') + inlineText(item))
            .join('\n');
        default:
          return block.lines.map(inlineText).join('\n');
      }
    })
    .join('\n');
}

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text' || node.kind === 'code' || node.kind === 'mention') return node.text;
      if (node.kind === 'link') return node.href;
      return inlineText(node.children);
    })
    .join('');
}
