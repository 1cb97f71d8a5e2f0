/** Wire-format accounts and sessions for tests (docs/api.md shapes, snake_case). */
import { json, type FakeAnswer } from './fakeFetch';

export interface WireAccount {
  id: string;
  email: string;
  display_name: string;
  pronouns: string;
  time_zone: string;
  roles: string[];
  totp_enabled: boolean;
  preferences: { text_size: number; high_contrast: boolean };
}

export function wireAccount(overrides: Partial<WireAccount> = {}): WireAccount {
  return {
    id: 'u-avery',
    email: 'avery@riverbend.example',
    display_name: 'Avery',
    pronouns: 'they/them',
    time_zone: 'America/Chicago',
    roles: ['participant'],
    totp_enabled: false,
    preferences: { text_size: 100, high_contrast: false },
    ...overrides,
  };
}

export interface SessionOptions {
  account?: Partial<WireAccount>;
  idleTimeoutSeconds?: number;
  /** Server time of the idle deadline; by default now (Date.now(), faked or not) + the time-out. */
  idleExpiresAt?: string;
  enrollmentPending?: boolean;
  required?: boolean;
  demo?: boolean;
  csrfToken?: string;
  sessionId?: string;
}

export function wireSession(options: SessionOptions = {}) {
  const timeout = options.idleTimeoutSeconds ?? 900;
  const account = wireAccount(options.account);
  return {
    user: account,
    session: {
      id: options.sessionId ?? 's-1',
      csrf_token: options.csrfToken ?? 'csrf-1',
      idle_timeout_seconds: timeout,
      idle_expires_at: options.idleExpiresAt ?? new Date(Date.now() + timeout * 1000).toISOString(),
      absolute_expires_at: new Date(Date.now() + 12 * 3600 * 1000).toISOString(),
    },
    second_factor: {
      required: options.required ?? false,
      enrolled: account.totp_enabled,
      enrollment_pending: options.enrollmentPending ?? false,
    },
    demo: options.demo ?? false,
  };
}

/** An answer that builds the session when asked, so its deadline follows the (fake) clock. */
export function sessionAnswer(options: SessionOptions = {}): FakeAnswer {
  return () => json(wireSession(options));
}

export const adminAccount: Partial<WireAccount> = {
  id: 'u-admin',
  email: 'admin@riverbend.example',
  display_name: 'Morgan Admin',
  roles: ['admin'],
  totp_enabled: true,
};

export const clinicianAccount: Partial<WireAccount> = {
  id: 'u-priya',
  email: 'priya.shah@riverbend.example',
  display_name: 'Priya Shah',
  roles: ['clinician'],
  totp_enabled: true,
};

/** The table entries every signed-in page needs: the session, the auth config and the unread count. */
export function signedIn(options: SessionOptions = {}): Record<string, FakeAnswer> {
  return {
    'GET /api/v1/auth/session': sessionAnswer(options),
    'GET /api/v1/me/notifications/unread-count': json({ unread: 0 }),
    '/api/v1/auth/config': json({
      demo: options.demo ?? false,
      idle_timeout_seconds: options.idleTimeoutSeconds ?? 900,
    }),
  };
}

export function signedOut(demo = false): Record<string, FakeAnswer> {
  return {
    'GET /api/v1/auth/session': () => json({ error: { code: 'unauthenticated', message: 'Sign in first.' } }, 401),
    '/api/v1/auth/config': json({ demo, idle_timeout_seconds: 900 }),
  };
}
