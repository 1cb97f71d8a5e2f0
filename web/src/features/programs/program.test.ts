import { describe, expect, it } from 'vitest';
import { wireProgram } from '../../testing/schedule';
import {
  decodeProgramDetail,
  enrollmentBody,
  formOfProgram,
  hoursToMinutes,
  programBody,
  slugify,
  type ProgramForm,
} from './program';

const form: ProgramForm = {
  name: 'Evening IOP (Chicago)',
  slug: '',
  description: ' Three evenings a week. ',
  timeZone: 'America/Chicago',
  audience: 'adult',
  weeklyHours: '',
  dailyMinimumHours: '',
  daysPerWeek: '',
  lengthWeeks: '',
  groupCapacityCap: '',
};

describe('programBody', () => {
  it('makes the slug from the name and leaves the targets to the audience defaults', () => {
    expect(programBody(form, true)).toEqual({
      body: {
        name: 'Evening IOP (Chicago)',
        slug: 'evening-iop-chicago',
        description: 'Three evenings a week.',
        time_zone: 'America/Chicago',
        audience: 'adult',
      },
      errors: {},
    });
  });

  it('turns hours into minutes and fills the target fields left empty', () => {
    const { body, errors } = programBody(
      { ...form, audience: 'adolescent', weeklyHours: '7,5', lengthWeeks: '6', groupCapacityCap: '10' },
      true,
    );
    expect(errors).toEqual({});
    expect(body).toMatchObject({
      targets: { weekly_minutes: 450, daily_minimum_minutes: 180, days_per_week: 3 },
      length_weeks: 6,
      group_capacity_cap: 10,
    });
  });

  it('never sends the slug on edit', () => {
    expect(programBody({ ...form, slug: 'x' }, false).body).not.toHaveProperty('slug');
  });

  it('names the fields that are wrong', () => {
    const { errors } = programBody(
      { ...form, name: '', slug: 'Not A Slug', weeklyHours: 'nine', daysPerWeek: '8', lengthWeeks: '0' },
      true,
    );
    expect(Object.keys(errors).sort()).toEqual(['daysPerWeek', 'lengthWeeks', 'name', 'slug', 'weeklyHours']);
  });

  it('fills the edit form from a program, in hours', () => {
    expect(formOfProgram(decodeProgramDetail(wireProgram()))).toMatchObject({
      weeklyHours: '9',
      dailyMinimumHours: '3',
      daysPerWeek: '3',
      lengthWeeks: '9',
      groupCapacityCap: '12',
    });
  });
});

describe('decodeProgramDetail', () => {
  it('reads who participants may write to privately, as `all` when the server says nothing', () => {
    expect(decodeProgramDetail(wireProgram({ private_messages: 'care_team' })).privateMessages).toBe('care_team');
    expect(decodeProgramDetail(wireProgram({ private_messages: 'all' })).privateMessages).toBe('all');
    expect(decodeProgramDetail(wireProgram({ private_messages: undefined })).privateMessages).toBe('all');
  });
});

describe('small conversions', () => {
  it('reads hours', () => {
    expect(hoursToMinutes('9')).toBe(540);
    expect(hoursToMinutes('2.5')).toBe(150);
    expect(hoursToMinutes('-1')).toBeNull();
    expect(hoursToMinutes('')).toBeNull();
  });

  it('makes slugs', () => {
    expect(slugify('Été – Groupe  #2')).toBe('ete-groupe-2');
  });

  it('sends only the enrollment fields given', () => {
    expect(
      enrollmentBody({ participantId: 'u1', admittedOn: '2026-11-23', expectedDischargeOn: '', ageBand: '' }),
    ).toEqual({ participant_id: 'u1', admitted_on: '2026-11-23' });
    expect(
      enrollmentBody({
        participantId: 'u1',
        admittedOn: '2026-11-23',
        expectedDischargeOn: '2027-01-25',
        ageBand: 'young_adult',
      }),
    ).toEqual({
      participant_id: 'u1',
      admitted_on: '2026-11-23',
      expected_discharge_on: '2027-01-25',
      age_band: 'young_adult',
    });
  });
});
