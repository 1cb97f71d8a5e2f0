import { describe, expect, it } from 'vitest';
import { parseInline, parseMessage, plainText, type Block, type Inline } from './messageFormat';

/** A tree in one line: [b:…] bold, [i:…] italic, [s:…] struck, [code:…], [link:…]; text as is. */
function show(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
          return node.text;
        case 'code':
          return `[code:${node.text}]`;
        case 'link':
          return `[link:${node.href}]`;
        case 'strong':
          return `[b:${show(node.children)}]`;
        case 'em':
          return `[i:${show(node.children)}]`;
        case 'strike':
          return `[s:${show(node.children)}]`;
      }
    })
    .join('');
}

function showBlocks(blocks: Block[]): string[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'paragraph':
        return `p(${block.lines.map(show).join('|')})`;
      case 'quote':
        return `quote(${block.lines.map(show).join('|')})`;
      case 'code':
        return `pre(${block.text})`;
      case 'list':
        return `${block.ordered ? `ol@${block.start}` : 'ul'}(${block.items.map(show).join('|')})`;
    }
  });
}

describe('parseInline', () => {
  it.each([
    ['plain words', 'plain words'],
    ['**bold**', '[b:bold]'],
    ['*italic* and _italic_', '[i:italic] and [i:italic]'],
    ['~~struck~~ out', '[s:struck] out'],
    ['`code`', '[code:code]'],
    ['a **bold _and italic_ mix** here', 'a [b:bold [i:and italic] mix] here'],
    ['***both***', '[b:[i:both]]'],
    ['**a *b***', '[b:a [i:b]]'],
    ['*a **b***', '[i:a [b:b]]'],
    ['~~**old** news~~', '[s:[b:old] news]'],
    ['(*aside*)', '([i:aside])'],
    ['"**quoted**"', '"[b:quoted]"'],
  ])('formats %j', (input, expected) => {
    expect(show(parseInline(input))).toBe(expected);
  });

  it.each([
    ['snake_case_names', 'snake_case_names'],
    ['2*3*4 = 24', '2*3*4 = 24'],
    ['file_name.txt and __init__', 'file_name.txt and __init__'],
    ['**', '**'],
    ['*', '*'],
    ['** not bold **', '** not bold **'],
    ['* not italic *', '* not italic *'],
    ['**unclosed', '**unclosed'],
    ['unopened**', 'unopened**'],
    ['*a **b* c**', '[i:a **b] c**'],
    ['****four****', '****four****'],
    ['~single~ and ~~~three~~~', '~single~ and ~~~three~~~'],
    ['`unclosed code', '`unclosed code'],
    ['``double``', '``double``'],
    ['~5 minutes, ~10 people', '~5 minutes, ~10 people'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['<b>bold?</b> &amp;', '<b>bold?</b> &amp;'],
    ['[the portal](https://evil.example)', '[the portal]([link:https://evil.example])'],
    ['![image](https://tracker.example/pixel.png)', '![image]([link:https://tracker.example/pixel.png])'],
  ])('leaves %j as typed', (input, expected) => {
    expect(show(parseInline(input))).toBe(expected);
  });

  it('keeps code literal: no formatting and no links inside', () => {
    expect(show(parseInline('run `**not bold** https://x.test _a_` now'))).toBe(
      'run [code:**not bold** https://x.test _a_] now',
    );
    expect(show(parseInline('**bold `code` bold**'))).toBe('[b:bold [code:code] bold]');
  });

  it('makes web addresses links, leaving sentence punctuation and other schemes as text', () => {
    expect(show(parseInline('see https://example.org/a?b=1, or http://x.test.'))).toBe(
      'see [link:https://example.org/a?b=1], or [link:http://x.test].',
    );
    expect(show(parseInline('javascript:alert(1) <b>hi</b>'))).toBe('javascript:alert(1) <b>hi</b>');
    expect(show(parseInline('https:// and http://'))).toBe('https:// and http://');
    expect(show(parseInline('nothttps://x.test'))).toBe('nothttps://x.test');
    expect(parseInline('')).toEqual([]);
  });

  it('keeps underscores and stars in an address, and formats around one', () => {
    expect(show(parseInline('https://x.test/a_b_c/*x*'))).toBe('[link:https://x.test/a_b_c/*x]*');
    expect(show(parseInline('**see https://x.test/a_b**'))).toBe('[b:see [link:https://x.test/a_b]]');
    expect(show(parseInline('_https://x.test/path_'))).toBe('[i:[link:https://x.test/path]]');
    expect(show(parseInline('`https://x.test`'))).toBe('[code:https://x.test]');
  });

  it('does not nest a mark inside itself, so no tree grows deep', () => {
    expect(show(parseInline('**a **b** c**'))).toBe('[b:a **b] c**');
    const depth = (nodes: Inline[]): number =>
      Math.max(0, ...nodes.map((node) => ('children' in node ? 1 + depth(node.children) : 0)));
    expect(depth(parseInline('*a _b ~~c **d '.repeat(2_000) + 'e** f~~ g_ h* '.repeat(2_000)))).toBeLessThanOrEqual(4);
  });

  it('keeps words in other scripts whole', () => {
    expect(show(parseInline('été_été_été and *très* bien'))).toBe('été_été_été and [i:très] bien');
  });
});

describe('parseMessage', () => {
  it.each([
    ['one line', ['p(one line)']],
    ['two\nlines', ['p(two|lines)']],
    ['\n\nspaced\n\n\nout\n\n', ['p(spaced|||out)']],
    ['> quoted\n> on two lines\nreply', ['quote(quoted|on two lines)', 'p(reply)']],
    ['- milk\n- **eggs**\n* bread', ['ul(milk|[b:eggs]|bread)']],
    ['1. first\n2. second\n10. tenth', ['ol@1(first|second|tenth)']],
    ['3. three\n4. four', ['ol@3(three|four)']],
    ['- a\n\n- b', ['ul(a)', 'ul(b)']],
    ['- a\n1. b', ['ul(a)', 'ol@1(b)']],
    ['intro\n- a\noutro', ['p(intro)', 'ul(a)', 'p(outro)']],
    ['```\nconst a = **b**;\n<i>x</i> https://x.test\n```', ['pre(const a = **b**;\n<i>x</i> https://x.test)']],
    ['```js\ncode\n```\nafter', ['pre(code)', 'p(after)']],
    ['```\n```', ['pre()']],
  ])('reads %j as blocks', (input, expected) => {
    expect(showBlocks(parseMessage(input))).toEqual(expected);
  });

  it.each([
    ['```\nnever closed', ['p(```|never closed)']],
    ['```', ['p(```)']],
    ['text ``` inline', ['p(text ``` inline)']],
    ['-no space', ['p(-no space)']],
    ['- ', ['p(- )']],
    ['2024. was a year', ['p(2024. was a year)']],
    ['>no space', ['p(>no space)']],
    ['# not a heading', ['p(# not a heading)']],
    ['**bold** at the start', ['p([b:bold] at the start)']],
    ['*italic* at the start', ['p([i:italic] at the start)']],
  ])('leaves %j as text', (input, expected) => {
    expect(showBlocks(parseMessage(input))).toEqual(expected);
  });

  it('takes the first closing fence after an opening one, and leaves a later unclosed one as text', () => {
    expect(showBlocks(parseMessage('```\na\n```\n```py\nb'))).toEqual(['pre(a)', 'p(```py|b)']);
  });

  it('stays fast on long and hostile input', () => {
    const hostile = [
      '*a '.repeat(20_000),
      '_'.repeat(60_000),
      '**`'.repeat(20_000),
      '```x\n'.repeat(12_000),
      '- '.repeat(30_000),
      `https://x.test/${'.'.repeat(60_000)}a`,
      '*a _b ~~c `d '.repeat(5_000) + ' e~~_*'.repeat(5_000),
      '> '.repeat(30_000),
    ];
    for (const text of hostile) {
      const started = performance.now();
      const blocks = parseMessage(text);
      expect(plainText(text).length).toBeGreaterThan(0);
      expect(blocks.length).toBeGreaterThan(0);
      // Quadratic work on 60,000 characters would take seconds; linear takes milliseconds.
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

describe('plainText', () => {
  it('drops the marks, for announcements and previews', () => {
    expect(plainText('**Hi** _there_, see `x` and https://x.test')).toBe('Hi there, see x and https://x.test');
    expect(plainText('> said\n- one\n- two\n3. three\n```\n**raw**\n```')).toBe('said\none\ntwo\n3. three\n**raw**');
    expect(plainText('2*3*4 <b>')).toBe('2*3*4 <b>');
  });
});
