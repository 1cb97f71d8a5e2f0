/**
 * Accounts and sessions on the wire (docs/api.md, "Accounts, sessions and the care team"):
 * the Account and SessionInfo shapes, their decoders and the `/api/v1/auth/*` calls.
 */
import { noContent, type HttpClient } from '../../base/http/client';
import { boolean, integer, object, optionalString, string, stringArray } from '../../base/http/decode';

export interface Preferences {
  textSize: number;
  highContrast: boolean;
}

export interface Account {
  id: string;
  email: string;
  displayName: string;
  pronouns: string;
  timeZone: string;
  roles: string[];
  totpEnabled: boolean;
  preferences: Preferences;
}

export interface SessionInfo {
  user: Account;
  session: {
    id: string;
    csrfToken: string;
    idleTimeoutSeconds: number;
    /** Server time, RFC 3339. */
    idleExpiresAt: string;
    absoluteExpiresAt: string;
  };
  secondFactor: { required: boolean; enrolled: boolean; enrollmentPending: boolean };
  demo: boolean;
}

export interface AuthConfig {
  demo: boolean;
  idleTimeoutSeconds: number;
}

export function decodeAccount(json: unknown, where = 'body'): Account {
  const record = object(json, where);
  const preferences = object(record.preferences, `${where}.preferences`);
  return {
    id: string(record, 'id', where),
    email: string(record, 'email', where),
    displayName: string(record, 'display_name', where),
    pronouns: optionalString(record, 'pronouns', where),
    timeZone: optionalString(record, 'time_zone', where),
    roles: stringArray(record, 'roles', where),
    totpEnabled: boolean(record, 'totp_enabled', where),
    preferences: {
      textSize: integer(preferences, 'text_size', `${where}.preferences`),
      highContrast: boolean(preferences, 'high_contrast', `${where}.preferences`),
    },
  };
}

export function decodeSessionInfo(json: unknown): SessionInfo {
  const record = object(json, 'body');
  const session = object(record.session, 'body.session');
  const secondFactor = object(record.second_factor, 'body.second_factor');
  return {
    user: decodeAccount(record.user, 'body.user'),
    session: {
      id: string(session, 'id', 'body.session'),
      csrfToken: string(session, 'csrf_token', 'body.session'),
      idleTimeoutSeconds: integer(session, 'idle_timeout_seconds', 'body.session'),
      idleExpiresAt: string(session, 'idle_expires_at', 'body.session'),
      absoluteExpiresAt: string(session, 'absolute_expires_at', 'body.session'),
    },
    secondFactor: {
      required: boolean(secondFactor, 'required', 'body.second_factor'),
      enrolled: boolean(secondFactor, 'enrolled', 'body.second_factor'),
      enrollmentPending: boolean(secondFactor, 'enrollment_pending', 'body.second_factor'),
    },
    demo: boolean(record, 'demo', 'body'),
  };
}

export function decodeAuthConfig(json: unknown): AuthConfig {
  const record = object(json, 'body');
  return { demo: boolean(record, 'demo', 'body'), idleTimeoutSeconds: integer(record, 'idle_timeout_seconds', 'body') };
}

export const authPaths = {
  config: '/api/v1/auth/config',
  signIn: '/api/v1/auth/sign-in',
  session: '/api/v1/auth/session',
  keepAlive: '/api/v1/auth/keep-alive',
  signOut: '/api/v1/auth/sign-out',
  signOutEverywhere: '/api/v1/auth/sign-out-everywhere',
} as const;

/** The notification centre's poll (features/notifications). */
const unreadCountRoute = '/api/v1/me/notifications/unread-count';

/**
 * Routes open to anyone (docs/api.md, rule `anyone`). The server does not look at the session
 * for them, so calling them is not activity that keeps a session alive.
 */
const publicRoutes = new Set([
  'GET /api/v1/version',
  'GET /api/v1/programs',
  `GET ${authPaths.config}`,
  `POST ${authPaths.signIn}`,
  'POST /api/v1/invites/lookup',
  'POST /api/v1/invites/accept',
  'POST /api/v1/password-resets/lookup',
  'POST /api/v1/password-resets/accept',
  'POST /api/v1/csp-reports',
]);

/** Whether the server counts this request as activity of the signed-in session. */
export function countsAsActivity(method: string, path: string): boolean {
  if (!path.startsWith('/api/v1/')) return false;
  const route = `${method} ${path.split('?')[0] ?? path}`;
  // Polls the server does not count (docs/api.md): the session check and the unread count.
  if (route === `GET ${authPaths.session}` || route === `GET ${unreadCountRoute}`) return false;
  return !publicRoutes.has(route);
}

export interface SignInRequest {
  email: string;
  password: string;
  code?: string;
  recoveryCode?: string;
}

export function fetchAuthConfig(client: HttpClient, signal?: AbortSignal): Promise<AuthConfig> {
  return client.getJson(authPaths.config, decodeAuthConfig, signal);
}

export function fetchSession(client: HttpClient, signal?: AbortSignal): Promise<SessionInfo> {
  return client.getJson(authPaths.session, decodeSessionInfo, signal);
}

export function postSignIn(client: HttpClient, request: SignInRequest): Promise<SessionInfo> {
  const body: Record<string, string> = { email: request.email, password: request.password };
  if (request.code !== undefined) body.code = request.code;
  if (request.recoveryCode !== undefined) body.recovery_code = request.recoveryCode;
  return client.postJson(authPaths.signIn, body, decodeSessionInfo);
}

export function postKeepAlive(client: HttpClient): Promise<SessionInfo> {
  return client.postJson(authPaths.keepAlive, {}, decodeSessionInfo);
}

export function postSignOut(client: HttpClient): Promise<undefined> {
  return client.postJson(authPaths.signOut, {}, noContent);
}

export function postSignOutEverywhere(client: HttpClient): Promise<undefined> {
  return client.postJson(authPaths.signOutEverywhere, {}, noContent);
}
