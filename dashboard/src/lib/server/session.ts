// The user's session: a token the gateway issued at login, kept in an HttpOnly cookie of the
// dashboard and forwarded by the server to the gateway (the browser never talks to the gateway).
import type { Role } from '../sections.ts';
import { serverEnv } from './env';

export const SESSION_COOKIE = 'passerelles_session';

export type { Role };

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  departmentCode: string;
  territoryIds: string[];
  partnerId: string | null;
  /** The actions of the access catalogue the user's role may take (from the gateway): screens offer these. */
  actions: string[];
}

/** French names of the roles (the header, the administration page). */
export { ROLES as ROLE_LABELS } from '../labels.ts';

/** URL of one of the gateway's `/auth/*` endpoints. */
export const authUrl = (path: string): string => new URL(`/auth/${path}`, serverEnv.gatewayUrl).href;

/** Headers that carry the session and the browser's address (for the gateway's login throttling). */
export function sessionHeaders(token: string | null, clientAddress: string): Record<string, string> {
  return {
    'x-forwarded-for': clientAddress,
    ...(token ? { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}` } : {}),
  };
}

/**
 * The session the gateway opened, from its `Set-Cookie` (the token is never in a response body):
 * the dashboard keeps it in its own HttpOnly cookie, with the same expiry.
 */
export function sessionFromResponse(response: Response): { token: string; expires: Date } | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const [name, ...value] = (pair ?? '').split('=');
    if (name !== SESSION_COOKIE || value.join('=') === '') continue;
    const expires = attributes.find((a) => a.toLowerCase().startsWith('expires='))?.slice('expires='.length);
    const date = expires ? new Date(expires) : null;
    if (!date || Number.isNaN(date.getTime())) return null;
    return { token: decodeURIComponent(value.join('=')), expires: date };
  }
  return null;
}

/** The signed-in user, or null when the session is missing, expired or revoked. */
export async function currentUser(token: string | null, clientAddress: string): Promise<SessionUser | null> {
  if (!token) return null;
  try {
    const response = await fetch(authUrl('me'), { headers: sessionHeaders(token, clientAddress), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) return null;
    return ((await response.json()) as { user: SessionUser }).user;
  } catch {
    return null;
  }
}
