import { describe, expect, it } from 'vitest';
import { earlierLoadedText, restoredScrollTop } from './logScroll';

describe('restoredScrollTop', () => {
  it('scrolls down by what was added above the kept message', () => {
    // At the top (the button in view), the first message 40 px down; 50 messages arrive above it
    // and push it to 2,440 px: the box scrolls 2,400 px so it is back at 40.
    expect(restoredScrollTop(0, 40, 2440)).toBe(2400);
    expect(restoredScrollTop(12, 28, 628)).toBe(612);
  });

  it('leaves the position alone when nothing moved, and never goes above the top', () => {
    expect(restoredScrollTop(300, 40, 40)).toBe(300);
    // The button above it went away and nothing came: the message moved up.
    expect(restoredScrollTop(0, 40, 0)).toBe(0);
  });
});

describe('earlierLoadedText', () => {
  it('says how many arrived and when the start is reached', () => {
    expect(earlierLoadedText(50, true)).toBe('Loaded 50 earlier messages.');
    expect(earlierLoadedText(1, true)).toBe('Loaded 1 earlier message.');
    expect(earlierLoadedText(7, false)).toBe('Loaded 7 earlier messages. This is the start of the conversation.');
    expect(earlierLoadedText(0, false)).toBe('No earlier messages. This is the start of the conversation.');
  });
});
