import { describe, expect, it } from 'vitest';
import { wireGroup } from '../../testing/schedule';
import {
  appointmentBody,
  catalogueAction,
  cataloguePath,
  decodeGroup,
  groupBody,
  parseTags,
  seriesBody,
  type GroupForm,
  type SeriesForm,
} from './groups';

const series: SeriesForm = {
  title: 'Evening group',
  date: '2026-11-30',
  time: '18:00',
  durationMinutes: '90',
  timeZone: 'America/Chicago',
  repeat: 'none',
  weekdays: ['MO'],
  intervalWeeks: '1',
  end: 'count',
  until: '2027-01-25',
  count: '8',
};

describe('seriesBody', () => {
  it('sends one session as a local start beside its zone, with preview first', () => {
    expect(seriesBody(series, true)).toEqual({
      body: {
        title: 'Evening group',
        start: '2026-11-30T18:00',
        time_zone: 'America/Chicago',
        duration_minutes: 90,
        repeat: null,
        preview: true,
      },
      errors: {},
    });
    expect(seriesBody(series, false).body).not.toHaveProperty('preview');
  });

  it('sends a weekly repeat with its days in week order and a count', () => {
    const { body, errors } = seriesBody(
      { ...series, repeat: 'weekly', weekdays: ['TH', 'MO', 'WE'], intervalWeeks: '2' },
      false,
    );
    expect(errors).toEqual({});
    expect(body.repeat).toEqual({ weekdays: ['MO', 'WE', 'TH'], interval_weeks: 2, count: 8 });
  });

  it('sends an end date instead of a count', () => {
    const { body } = seriesBody({ ...series, repeat: 'weekly', end: 'until' }, false);
    expect(body.repeat).toEqual({ weekdays: ['MO'], interval_weeks: 1, until: '2027-01-25' });
  });

  it('names every field that is wrong', () => {
    const { errors } = seriesBody(
      {
        ...series,
        title: ' ',
        date: '2026-02-30',
        time: '25:00',
        durationMinutes: 'an hour',
        repeat: 'weekly',
        weekdays: [],
        intervalWeeks: '0',
        count: '401',
      },
      true,
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['count', 'date', 'durationMinutes', 'intervalWeeks', 'time', 'title', 'weekdays'].sort(),
    );
  });

  it('refuses an end date before the first session', () => {
    const { errors } = seriesBody({ ...series, repeat: 'weekly', end: 'until', until: '2026-11-29' }, true);
    expect(errors.until).toBe('The last date is before the first session.');
  });
});

const groupForm: GroupForm = {
  name: ' Grief circle ',
  description: '',
  kind: 'peer_support',
  capacity: '',
  membership: 'closed',
  tags: 'grief, loss, Grief,',
  ageBand: '',
  facilitatorId: 'u-jordan',
  coFacilitatorId: '',
};

describe('groupBody', () => {
  it('leaves out empty optional fields on create so the server defaults apply', () => {
    expect(groupBody(groupForm, true)).toEqual({
      body: {
        name: 'Grief circle',
        description: '',
        kind: 'peer_support',
        membership: 'closed',
        tags: ['grief', 'loss'],
        facilitator_id: 'u-jordan',
      },
      errors: {},
    });
  });

  it('clears emptied choices with null on edit and never sends the kind', () => {
    const { body } = groupBody({ ...groupForm, capacity: '10' }, false);
    expect(body).toEqual({
      name: 'Grief circle',
      description: '',
      capacity: 10,
      membership: 'closed',
      tags: ['grief', 'loss'],
      age_band: null,
      facilitator_id: 'u-jordan',
      co_facilitator_id: null,
    });
  });

  it('refuses a missing name or kind, a bad capacity, and the same person twice', () => {
    const { errors } = groupBody(
      { ...groupForm, name: '', kind: '', capacity: '0', coFacilitatorId: 'u-jordan' },
      true,
    );
    expect(Object.keys(errors).sort()).toEqual(['capacity', 'coFacilitatorId', 'kind', 'name']);
  });
});

describe('parseTags', () => {
  it('trims, drops empties and repeats whatever their case', () => {
    expect(parseTags(' LGBTQ+ ,, grief, Grief ')).toEqual(['LGBTQ+', 'grief']);
  });
});

describe('catalogueAction', () => {
  const group = (overrides: Record<string, unknown>) => decodeGroup(wireGroup(overrides));

  it.each([
    ['an open group with a seat', {}, 'join'],
    ['a full open group', { seats_taken: 12 }, 'waitlist'],
    ['a closed group', { membership: 'closed' }, 'request'],
    ['a group I am in', { my_place: 'member' }, 'member'],
    ['a group I asked to join', { my_place: 'requested', membership: 'closed' }, 'requested'],
  ])('offers %s: %s', (_case, overrides, kind) => {
    expect(catalogueAction(group(overrides)).kind).toBe(kind);
  });

  it('keeps my place on the waiting list', () => {
    expect(catalogueAction(group({ my_place: 'waiting', waiting_position: 2, seats_taken: 12 }))).toEqual({
      kind: 'waiting',
      position: 2,
    });
  });

  it('filters the catalogue by kind and tag in the query', () => {
    expect(cataloguePath({})).toBe('/api/v1/catalogue');
    expect(cataloguePath({ kind: 'peer_support', tag: 'LGBTQ+' })).toBe(
      '/api/v1/catalogue?kind=peer_support&tag=LGBTQ%2B',
    );
  });
});

describe('appointmentBody', () => {
  it('sends the local start, and the title and zone only when given', () => {
    expect(
      appointmentBody({
        participantId: 'u-avery',
        kind: 'medication',
        date: '2026-12-01',
        time: '09:30',
        durationMinutes: '30',
        title: '',
        timeZone: 'America/Chicago',
      }),
    ).toEqual({
      body: {
        participant_id: 'u-avery',
        kind: 'medication',
        start: '2026-12-01T09:30',
        duration_minutes: 30,
        time_zone: 'America/Chicago',
      },
      errors: {},
    });
  });

  it('asks for a participant', () => {
    const { errors } = appointmentBody({
      participantId: '',
      kind: 'individual',
      date: '2026-12-01',
      time: '09:30',
      durationMinutes: '50',
      title: 'Check-in',
      timeZone: '',
    });
    expect(errors).toEqual({ participantId: 'Choose the participant.' });
  });
});
