import { describe, expect, it } from 'vitest';
import { highlightParts, queryWords } from './searchHighlight';

const marked = (text: string, query: string) =>
  highlightParts(text, query)
    .filter((part) => part.match)
    .map((part) => part.text);
const joined = (text: string, query: string) =>
  highlightParts(text, query)
    .map((part) => part.text)
    .join('');

describe('highlightParts', () => {
  it('marks whole words that start with a query word, whatever the case', () => {
    expect(highlightParts('Cravings were bad; craving less now', 'crav')).toEqual([
      { text: 'Cravings', match: true },
      { text: ' were bad; ', match: false },
      { text: 'craving', match: true },
      { text: ' less now', match: false },
    ]);
    expect(marked('I slept, SLEEP helps; asleep', 'Sleep')).toEqual(['SLEEP']);
  });

  it('never marks a query word in the middle of a word', () => {
    expect(marked('unsleeping sleepless', 'sleep')).toEqual(['sleepless']);
  });

  it('marks every query word, up to the eight the server reads', () => {
    expect(marked('one two three', 'three ONE')).toEqual(['one', 'three']);
    expect(queryWords('a b c d e f g h i j')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(marked('i j a', 'a b c d e f g h i j')).toEqual(['a']);
  });

  it('reads query syntax and markup as separators, never as patterns', () => {
    expect(queryWords('"crav*" OR (sleep) <b>x</b> .* [a-z]+ \\d')).toEqual(['crav', 'or', 'sleep', 'b', 'x', 'a', 'z']);
    expect(marked('<script>alert(1)</script> sleep', '<script>')).toEqual(['script', 'script']);
    expect(marked('a.*b (x|y)', '.* (x|y)')).toEqual(['x', 'y']);
    expect(highlightParts('nothing here', '*** ??? ((( ')).toEqual([{ text: 'nothing here', match: false }]);
  });

  it('gives the text back unchanged, whatever it holds', () => {
    const texts = [
      'Ça va? Ünïcödé café',
      'emoji 😀 sleep 😀😀',
      'lone \ud800 surrogate sleep \udc00',
      'e\u0301te\u0301 combining',
      `${'a'.repeat(4000)} sleep`,
      '',
      '   \n\t ',
    ];
    for (const text of texts) {
      expect(joined(text, 'sleep été ça')).toBe(text);
    }
    expect(marked('Ça va? ÇA', 'ça')).toEqual(['Ça', 'ÇA']);
    expect(marked('e\u0301te\u0301 combining', 'e\u0301t')).toEqual(['e\u0301te\u0301']);
  });

  it('takes linear time on long adversarial input', () => {
    const text = 'ab'.repeat(50_000);
    const query = 'a'.repeat(200);
    const started = performance.now();
    expect(marked(text, query)).toEqual([]);
    expect(marked(`${'x '.repeat(20_000)}y`, 'x y')).toHaveLength(20_001);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('leaves everything unmarked for an empty query', () => {
    expect(highlightParts('some text', '')).toEqual([{ text: 'some text', match: false }]);
    expect(highlightParts('', 'sleep')).toEqual([]);
  });
});
