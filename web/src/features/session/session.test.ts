import { describe, expect, it } from 'vitest';
import { countsAsActivity } from './session';

describe('countsAsActivity', () => {
  it.each([
    ['GET', '/api/v1/account/sessions', true],
    ['POST', '/api/v1/auth/keep-alive', true],
    ['GET', '/api/v1/audit?limit=100&before=4', true],
    ['GET', '/api/v1/auth/session', false],
    ['GET', '/api/v1/me/notifications/unread-count', false],
    ['GET', '/api/v1/me/notifications?limit=20', true],
    ['POST', '/api/v1/me/notifications/read-all', true],
    ['GET', '/api/v1/programs', false],
    ['GET', '/api/v1/version', false],
    ['POST', '/api/v1/invites/lookup', false],
    ['GET', '/healthz', false],
  ])('%s %s: %s', (method, path, counts) => {
    expect(countsAsActivity(method, path)).toBe(counts);
  });
});
