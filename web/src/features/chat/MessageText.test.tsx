import { render, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText';

function shown(text: string) {
  const { container } = render(<MessageText text={text} id="m1-text" />);
  const element = container.querySelector('#m1-text');
  if (!(element instanceof HTMLElement)) throw new Error('the message text lost its id');
  return element;
}

describe('MessageText', () => {
  it('shows the subset as elements', () => {
    const text = shown('**Hi** _all_ ~~late~~ `npm i`\n> quoted\n- one\n- two\n2. second\n```\nraw **not bold**\n```');
    expect(within(text).getByText('Hi').tagName).toBe('STRONG');
    expect(within(text).getByText('all').tagName).toBe('EM');
    expect(within(text).getByText('late').tagName).toBe('S');
    expect(within(text).getByText('npm i').tagName).toBe('CODE');
    expect(text.querySelector('blockquote')).toHaveTextContent('quoted');
    expect(within(text).getAllByRole('list')).toHaveLength(2);
    expect(within(text).getByText('second').closest('ol')).toHaveAttribute('start', '2');
    expect(text.querySelector('pre code')).toHaveTextContent('raw **not bold**');
    expect(text.querySelectorAll('strong')).toHaveLength(1);
  });

  it('shows markup as the text it is, and nothing else', () => {
    const text = shown('<script>alert(1)</script> <img src=x onerror=alert(1)> [portal](https://evil.example)');
    expect(text.querySelector('script, img')).toBeNull();
    expect(text).toHaveTextContent('<script>alert(1)</script> <img src=x onerror=alert(1)> [portal](https://evil.example)');
    // A link shows the address it goes to, never a name given it.
    expect(within(text).getByRole('link')).toHaveTextContent('https://evil.example');
  });

  it('opens links without telling the other site where they came from', () => {
    const link = within(shown('see https://988lifeline.org.')).getByRole('link', { name: 'https://988lifeline.org' });
    expect(link).toHaveAttribute('href', 'https://988lifeline.org');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(link).toHaveAttribute('referrerpolicy', 'no-referrer');
  });

  it('keeps line breaks as written', () => {
    expect(shown('first\n\nthird').querySelector('p')?.textContent).toBe('first\n\nthird');
  });
});
