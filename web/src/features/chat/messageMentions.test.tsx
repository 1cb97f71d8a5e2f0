import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMessage, plainText } from './messageFormat';
import { MessageText } from './MessageText';

const blake = { id: 'u-blake', name: 'Blake T.' };
const me = { id: 'u-me', name: 'Avery M.' };

describe('mentions in the formatting', () => {
  it('turn the named people’s @Name into mentions, and nothing without people', () => {
    expect(parseInline('hi @Blake T. and you', [blake])).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Blake T.', userId: 'u-blake' },
      { kind: 'text', text: ' and you' },
    ]);
    expect(parseInline('hi @Blake T.')).toEqual([{ kind: 'text', text: 'hi @Blake T.' }]);
  });

  it('keep the formatting around them, and never reach into code or a link', () => {
    expect(parseInline('**thanks @Blake T.**', [blake])).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'thanks ' }, { kind: 'mention', text: '@Blake T.', userId: 'u-blake' }] },
    ]);
    expect(parseInline('`@Blake T.`', [blake])).toEqual([{ kind: 'code', text: '@Blake T.' }]);
    expect(parseInline('https://x.example/@Blake', [{ id: 'b', name: 'Blake' }])).toEqual([
      { kind: 'link', href: 'https://x.example/@Blake' },
    ]);
  });

  it('work in quotes and lists, and read as plain words', () => {
    const text = '> @Blake T. said\n- ask @Blake T.';
    expect(parseMessage(text, [blake])).toEqual([
      { kind: 'quote', lines: [[{ kind: 'mention', text: '@Blake T.', userId: 'u-blake' }, { kind: 'text', text: ' said' }]] },
      { kind: 'list', ordered: false, start: 1, items: [[{ kind: 'text', text: 'ask ' }, { kind: 'mention', text: '@Blake T.', userId: 'u-blake' }]] },
    ]);
    expect(plainText(text)).toBe('@Blake T. said\nask @Blake T.');
  });

  it('are set off in a message, more strongly where they name the reader', () => {
    render(<MessageText text="@Blake T. and @Avery M., welcome" mentions={[blake, me]} me="u-me" />);
    expect(screen.getByText('@Blake T.')).toHaveClass('mention');
    expect(screen.getByText('@Blake T.')).not.toHaveClass('mention--me');
    expect(screen.getByText('@Avery M.')).toHaveClass('mention', 'mention--me');
  });
});
