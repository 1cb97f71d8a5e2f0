/** Wire-format programs, groups and sessions for tests (docs/api.md shapes, snake_case). */

export function wireOccurrence(overrides: Record<string, unknown> = {}) {
  return {
    id: 'o1',
    series_id: 's1',
    group: { id: 'g1', name: 'Mood & Anxiety Group (Evening)', kind: 'therapy' },
    title: 'Evening group',
    starts_at: '2026-11-23T16:00:00.000Z',
    ends_at: '2026-11-23T17:30:00.000Z',
    time_zone: 'America/Chicago',
    status: 'scheduled',
    moved: false,
    original_starts_at: '2026-11-23T16:00:00.000Z',
    change_reason: null,
    join_opens_at: '2026-11-23T15:50:00.000Z',
    my_role: 'participant',
    ...overrides,
  };
}

/** An occurrence of `minutes` starting at `start` (ISO), with its join window. */
export function occurrenceAt(id: string, start: string, minutes: number, overrides: Record<string, unknown> = {}) {
  const begins = Date.parse(start);
  return wireOccurrence({
    id,
    starts_at: new Date(begins).toISOString(),
    ends_at: new Date(begins + minutes * 60_000).toISOString(),
    original_starts_at: new Date(begins).toISOString(),
    join_opens_at: new Date(begins - 10 * 60_000).toISOString(),
    ...overrides,
  });
}

export const priyaRef = { id: 'u-priya', display_name: 'Dr. Priya Shah', pronouns: 'she/her' };
export const averyRef = { id: 'u-avery', display_name: 'Avery M.', pronouns: '' };
export const caseyRef = { id: 'u-casey', display_name: 'Casey R.', pronouns: 'she/her' };

export function wireGroup(overrides: Record<string, unknown> = {}) {
  return {
    id: 'g2',
    program_id: 'p1',
    program_name: 'Riverbend Virtual IOP',
    slug: 'young-adults-peer',
    name: 'Young Adults Peer Support',
    description: 'Peer-specialist-led support.',
    kind: 'peer_support',
    capacity: 12,
    seats_taken: 11,
    waiting: 0,
    membership: 'open',
    tags: ['young adults'],
    age_band: null,
    facilitator: { id: 'u-jordan', display_name: 'Jordan Lee', pronouns: 'he/him' },
    co_facilitator: null,
    status: 'active',
    my_place: null,
    waiting_position: null,
    ...overrides,
  };
}

export function wireProgram(overrides: Record<string, unknown> = {}) {
  return {
    id: 'p1',
    slug: 'riverbend-iop',
    name: 'Riverbend Virtual IOP',
    description: 'A nine-week program.',
    time_zone: 'America/Chicago',
    audience: 'adult',
    targets: { weekly_minutes: 540, daily_minimum_minutes: 180, days_per_week: 3 },
    length_weeks: 9,
    group_capacity_cap: 12,
    idle_timeout_minutes: 0,
    private_messages: 'all',
    staff: [{ ...priyaRef, roles: ['clinician'] }],
    ...overrides,
  };
}

export function wireEnrollment(participant: typeof averyRef, overrides: Record<string, unknown> = {}) {
  return {
    program: { id: 'p1', name: 'Riverbend Virtual IOP', time_zone: 'America/Chicago' },
    participant,
    status: 'active',
    admitted_on: '2026-11-02',
    expected_discharge_on: null,
    discharged_on: null,
    age_band: null,
    ...overrides,
  };
}
