import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../base/http/client';
import { capacityLabel, decodePrograms, groupKindLabel } from './programs';

const wire = {
  programs: [
    {
      id: 'p1',
      slug: 'evening-iop',
      name: 'Evening IOP',
      description: 'Three evenings a week.',
      time_zone: 'America/Chicago',
      groups: [
        { id: 'g1', slug: 'skills', name: 'Skills', description: 'DBT skills.', kind: 'therapy', capacity: 8 },
      ],
    },
  ],
};

describe('decodePrograms', () => {
  it('maps the wire format to programs', () => {
    expect(decodePrograms(wire)).toEqual([
      {
        id: 'p1',
        slug: 'evening-iop',
        name: 'Evening IOP',
        description: 'Three evenings a week.',
        timeZone: 'America/Chicago',
        groups: [
          { id: 'g1', slug: 'skills', name: 'Skills', description: 'DBT skills.', kind: 'therapy', capacity: 8 },
        ],
      },
    ]);
  });

  it.each([
    ['no programs field', {}],
    ['programs not a list', { programs: {} }],
    ['a program without a name', { programs: [{ ...wire.programs[0], name: undefined }] }],
    ['a capacity that is not an integer', { programs: [{ ...wire.programs[0], groups: [{ capacity: 2.5 }] }] }],
    ['not an object', []],
  ])('rejects %s', (_case, body) => {
    expect(() => decodePrograms(body)).toThrow(DecodeError);
  });
});

describe('groupKindLabel', () => {
  it.each([
    ['therapy', 'Therapy group'],
    ['peer_support', 'Peer support group'],
    ['skills', 'Skills group'],
    ['family', 'Family group'],
    ['alumni', 'Alumni group'],
    ['social', 'Social group'],
    ['creative-arts', 'Creative arts'],
    ['', 'Group'],
  ])('%s reads as %s', (kind, label) => {
    expect(groupKindLabel(kind)).toBe(label);
  });
});

describe('capacityLabel', () => {
  it('says how many can join', () => {
    expect(capacityLabel(8)).toBe('Up to 8 participants');
    expect(capacityLabel(1)).toBe('For 1 participant');
  });
});
