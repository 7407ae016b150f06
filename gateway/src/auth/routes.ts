import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { actionsOf } from '@passerelles/subgraph-kit/access';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies.js';
import { InvitationRepository } from './invitations.js';
import type { LoginService } from './login.js';
import type { OidcLogin } from './oidc.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import type { SessionStore } from './sessions.js';
import { publicUser, UserRepository } from './users.js';

const MAX_BODY = 16 * 1024;
const INVALID = { error: 'invalid_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' };

export interface AuthRoutesOptions {
  db: pg.Pool;
  sessions: SessionStore;
  login: LoginService;
  oidc: OidcLogin | null;
  secureCookies: boolean;
  allowedOrigins: string[];
  /** `clientKey`'s trust: built once from TRUSTED_PROXIES. */
  trustProxy: ClientTrust;
}

export type ClientTrust = (address: string, hop: number) => boolean;

/** The trust function of `clientKey`, from a list such as `['loopback', '10.0.0.0/8']`. */
export const trustProxies = (list: string[]): ClientTrust => proxyaddr.compile(list);

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/**
 * The client the login limit counts: the peer, or — when the peer is a trusted proxy (the
 * dashboard's server, a load balancer) — the right-most address of `X-Forwarded-For` that is not a
 * trusted proxy. Entries left of it are whatever the client wrote, and never count.
 */
export function clientKey(req: IncomingMessage, trust: ClientTrust): string {
  return proxyaddr(req, trust);
}

/**
 * Refuses cross-site state changes: a browser form cannot send JSON, and a present Origin must be
 * one of ours. SameSite=Lax cookies do the rest.
 */
export function isSameSiteJsonPost(req: IncomingMessage, allowedOrigins: string[]): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return false;
  const origin = req.headers.origin;
  return origin === undefined || allowedOrigins.includes(origin);
}

const loginBody = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(1024) });
const acceptBody = z.object({ token: z.string().min(20).max(200), password: z.string().min(MIN_PASSWORD_LENGTH).max(1024) });
const oidcStartBody = z.object({ returnTo: z.string().startsWith('/').max(500).default('/') });
const oidcCallbackBody = z.object({ url: z.string().url().max(4000) });

/** `/auth/*`: login, logout, current user, OIDC, invitation acceptance. Returns false for other paths. */
export async function handleAuthRoute(req: IncomingMessage, res: ServerResponse, path: string, options: AuthRoutesOptions): Promise<boolean> {
  if (!path.startsWith('/auth/')) return false;
  const { sessions, secureCookies } = options;
  const token = readCookie(req, SESSION_COOKIE);

  if (path === '/auth/me' && req.method === 'GET') {
    const user = await sessions.resolve(token);
    if (!user) send(res, 401, { error: 'unauthenticated' });
    // What the role may do, from the access catalogue: the dashboard offers exactly that.
    else send(res, 200, { user: { ...publicUser(user), actions: actionsOf(user.role) } });
    return true;
  }
  if (path === '/auth/oidc' && req.method === 'GET') {
    send(res, 200, { enabled: options.oidc !== null });
    return true;
  }
  if (req.method !== 'POST') {
    send(res, 405, { error: 'method_not_allowed' }, { allow: 'POST' });
    return true;
  }
  if (!isSameSiteJsonPost(req, options.allowedOrigins)) {
    send(res, 403, { error: 'csrf', message: 'Requête refusée (origine ou type de contenu).' });
    return true;
  }
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    send(res, 400, { error: 'bad_request', message: 'Corps de requête JSON invalide.' });
    return true;
  }

  switch (path) {
    case '/auth/login': {
      const parsed = loginBody.safeParse(body);
      if (!parsed.success) {
        send(res, 400, { error: 'bad_request', message: 'Adresse e-mail et mot de passe requis.' });
        return true;
      }
      const result = await options.login.login(parsed.data.email, parsed.data.password, clientKey(req, options.trustProxy), token);
      if (!result.ok) {
        if (result.reason === 'throttled') send(res, 429, { error: 'too_many_attempts', message: 'Trop de tentatives. Réessayez dans quelques minutes.' }, { 'retry-after': '900' });
        else send(res, 401, INVALID);
        return true;
      }
      // The session token travels only in the HttpOnly cookie, never in a body a script could read.
      send(res, 200, { user: publicUser(result.user), expiresAt: result.expiresAt.toISOString() }, {
        'set-cookie': sessionCookie(result.token, result.expiresAt, secureCookies),
      });
      return true;
    }
    case '/auth/logout': {
      await sessions.revoke(token ?? (typeof body === 'object' && body && 'token' in body ? String((body as { token: unknown }).token) : null));
      send(res, 200, { ok: true }, { 'set-cookie': clearedSessionCookie(secureCookies) });
      return true;
    }
    case '/auth/invitations/accept': {
      const parsed = acceptBody.safeParse(body);
      if (!parsed.success) {
        send(res, 400, { error: 'bad_request', message: `Le mot de passe doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.` });
        return true;
      }
      const userId = await new InvitationRepository(options.db).redeem(parsed.data.token);
      if (!userId) {
        send(res, 400, { error: 'invalid_invitation', message: 'Invitation inconnue, déjà utilisée ou expirée.' });
        return true;
      }
      await options.db.query('update auth.app_user set password_hash = $2, updated_at = now() where id = $1', [userId, await hashPassword(parsed.data.password)]);
      const user = await new UserRepository(options.db).byId(userId);
      send(res, 200, { user: user ? publicUser(user) : null });
      return true;
    }
    case '/auth/oidc/start': {
      const parsed = oidcStartBody.safeParse(body ?? {});
      if (!options.oidc || !parsed.success) {
        send(res, options.oidc ? 400 : 404, { error: options.oidc ? 'bad_request' : 'oidc_disabled' });
        return true;
      }
      send(res, 200, { authorizationUrl: await options.oidc.start(parsed.data.returnTo) });
      return true;
    }
    case '/auth/oidc/callback': {
      const parsed = oidcCallbackBody.safeParse(body);
      if (!options.oidc || !parsed.success) {
        send(res, options.oidc ? 400 : 404, { error: options.oidc ? 'bad_request' : 'oidc_disabled' });
        return true;
      }
      const result = await options.oidc.callback(parsed.data.url);
      if (!result.ok) {
        console.warn(`[gateway] OIDC login refused: ${result.reason}`);
        send(res, 401, { error: 'oidc_refused', message: 'Connexion refusée par le fournisseur d’identité ou compte inconnu.' });
        return true;
      }
      send(res, 200, { user: publicUser(result.user), expiresAt: result.expiresAt.toISOString(), returnTo: result.returnTo }, {
        'set-cookie': sessionCookie(result.token, result.expiresAt, secureCookies),
      });
      return true;
    }
    default:
      send(res, 404, { error: 'not_found' });
      return true;
  }
}
