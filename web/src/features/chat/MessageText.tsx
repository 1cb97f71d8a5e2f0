import { Fragment, type ReactNode } from 'react';
import type { Person } from './chat';
import { parseMessage, type Block, type Inline } from './messageFormat';

/**
 * A message's text with its formatting (messageFormat.ts), built as React elements: React
 * escapes every piece of text, so nothing in a message becomes markup. Links open in a new tab
 * without telling the other site where they came from, and the server never fetches them (no
 * previews: a preview would tell that site someone here is talking about it).
 *
 * A div rather than a paragraph, since a message may hold lists, quotes and code blocks; `id`
 * stays on it so that the message's buttons can name it (aria-describedby).
 *
 * `mentions` are the people the message names (its `mentions`, with their names): their `@Name`
 * is set off, and more strongly where it names `me`, the reader.
 */
export function MessageText({
  text,
  id,
  mentions = noOne,
  me,
}: {
  text: string;
  id?: string;
  mentions?: readonly Person[];
  me?: string;
}) {
  return (
    <div className="chat-message__text" id={id}>
      {parseMessage(text, mentions).map((block, index) => renderBlock(block, index, me))}
    </div>
  );
}

const noOne: readonly Person[] = [];

function renderBlock(block: Block, index: number, me: string | undefined): ReactNode {
  switch (block.kind) {
    case 'paragraph':
      return <p key={index}>{renderLines(block.lines, me)}</p>;
    case 'quote':
      return (
        <blockquote key={index}>
          <p>{renderLines(block.lines, me)}</p>
        </blockquote>
      );
    case 'code':
      return (
        <pre key={index}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, at) => <li key={at}>{renderInline(item, me)}</li>);
      return block.ordered ? (
        <ol key={index} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={index}>{items}</ul>
      );
    }
  }
}

/** Lines kept apart by the line breaks they had (the text is shown with `white-space: pre-wrap`). */
function renderLines(lines: Inline[][], me: string | undefined): ReactNode {
  return lines.map((line, index) => (
    <Fragment key={index}>
      {index > 0 && '\n'}
      {renderInline(line, me)}
    </Fragment>
  ));
}

function renderInline(nodes: Inline[], me: string | undefined): ReactNode {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'mention':
        return (
          <span key={index} className={node.userId === me ? 'mention mention--me' : 'mention'}>
            {node.text}
          </span>
        );
      case 'link':
        return (
          <a key={index} href={node.href} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
            {node.href}
          </a>
        );
      case 'strong':
        return <strong key={index}>{renderInline(node.children, me)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(node.children, me)}</em>;
      case 'strike':
        return <s key={index}>{renderInline(node.children, me)}</s>;
    }
  });
}
