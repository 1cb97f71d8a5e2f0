import { describe, expect, it } from 'vitest';
import { progressEncouragement, progressSummary, type WeekProgress } from './progress';

const base: WeekProgress = {
  program: { id: 'p1', name: 'Riverbend Virtual IOP' },
  weekStart: '2026-11-23',
  targets: { weeklyMinutes: 540, dailyMinimumMinutes: 180, daysPerWeek: 3 },
  attendedMinutes: 270,
  minutesByDay: [180, 0, 90, 0, 0, 0, 0],
  daysMeetingMinimum: 2,
  meetsWeeklyTarget: false,
  meetsDaysTarget: false,
  minutesShort: 270,
  daysShort: 1,
  scheduledMinutesLeft: 360,
};

describe('progress wording', () => {
  it('says hours of the target and days at the minimum', () => {
    expect(progressSummary(base)).toBe('4 h 30 min of 9 h this week — 2 of 3 days at 3 h');
  });

  it('speaks of one day in the singular and never counts more days than the target', () => {
    const oneDay = { ...base, targets: { ...base.targets, daysPerWeek: 1 }, daysMeetingMinimum: 2 };
    expect(progressSummary(oneDay)).toBe('4 h 30 min of 9 h this week — 1 of 1 day at 3 h');
  });

  it('praises a week that meets both goals', () => {
    expect(progressEncouragement({ ...base, meetsWeeklyTarget: true, meetsDaysTarget: true })).toBe(
      'You have reached this week’s goals. Well done.',
    );
  });

  it('says what is still possible when enough sessions are left', () => {
    expect(progressEncouragement(base)).toBe(
      '4 h 30 min to go, and 6 h of sessions are still on your schedule this week. You can get there.',
    );
  });

  it('does not blame when the week cannot be made up', () => {
    expect(progressEncouragement({ ...base, scheduledMinutesLeft: 60 })).toMatch(/^Every session you join counts\./);
    expect(progressEncouragement({ ...base, attendedMinutes: 0, scheduledMinutesLeft: 0 })).toMatch(
      /Your care team can help/,
    );
  });
});
