import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/ports.js';
import { gatewayOrigin, sessionCookie, sessionTokenOf, startTestSystem, type TestSystem } from './support/system.js';
import { createUser, type TestUser } from './support/users.js';

/**
 * OIDC login (ProConnect-compatible) against a real OpenID provider started here (`oidc-provider`),
 * through the real gateway: authorization code + PKCE, state and nonce checked, users matched on
 * (issuer, sub).
 */
const REDIRECT_URI = 'http://localhost:3999/connexion/oidc';
const CLIENT = { client_id: 'passerelles', client_secret: 'a-client-secret-that-is-long-enough-0123456789' };
let provider: Server;
let issuer: string;
let system: TestSystem;
let user: TestUser;
// What the provider says about each login name (the "sub").
const identities = new Map<string, { email: string; email_verified: boolean }>();

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const oidc = new Provider(issuer, {
    clients: [{ ...CLIENT, redirect_uris: [REDIRECT_URI], response_types: ['code'], grant_types: ['authorization_code'] }],
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...(identities.get(sub) ?? { email: `${sub}@nowhere.fr`, email_verified: false }) }),
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: true } },
  });
  provider = oidc.listen(port);
  system = await startTestSystem({
    seedDemo: false,
    withDashboard: true,
    gatewayEnv: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.client_id, OIDC_CLIENT_SECRET: CLIENT.client_secret, OIDC_REDIRECT_URI: REDIRECT_URI, OIDC_ALLOW_INSECURE: '1' },
  });
  user = await createUser(system.db, { role: 'REFERENT', departmentCode: '62' });
}, 180_000);
afterAll(async () => {
  await system?.stop();
  provider?.close();
});

const post = (path: string, body: unknown): Promise<Response> =>
  fetch(`${gatewayOrigin(system)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Plays the user at the provider: signs in as `login`, consents, and returns the URL the browser is sent back to. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (response: Response): void => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [key, ...value] = pair!.split('=');
      jar.set(key!, value.join('='));
    }
  };
  let next = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (next.startsWith(REDIRECT_URI)) return next;
    const response = await fetch(next, { redirect: 'manual', headers: { cookie: cookie() } });
    keep(response);
    if (response.status === 303 || response.status === 302) {
      next = new URL(response.headers.get('location')!, issuer).href;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at the provider: ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    const submitted = await fetch(action, { method: 'POST', redirect: 'manual', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    keep(submitted);
    next = new URL(submitted.headers.get('location')!, issuer).href;
  }
  throw new Error('the provider never sent the browser back');
}

async function start(): Promise<URL> {
  const response = await post('/auth/oidc/start', { returnTo: '/territoires' });
  expect(response.status).toBe(200);
  return new URL(((await response.json()) as { authorizationUrl: string }).authorizationUrl);
}

describe('OIDC login', () => {
  it('offers « Se connecter avec ProConnect » on the dashboard\'s login page when configured', async () => {
    const page = await (await fetch(`${system.urls.dashboard}/connexion`)).text();
    expect(page).toMatch(/<a href="[^"]*\/connexion\/oidc"[^>]*>Se connecter avec ProConnect<\/a>/);
  });

  it('sends the browser to the provider with PKCE and long random state and nonce', async () => {
    const url = await start();
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect((await fetch(`${gatewayOrigin(system)}/auth/oidc`).then((r) => r.json())) as unknown).toEqual({ enabled: true });
  });

  it('signs in a known user: linked by verified e-mail the first time, then by (issuer, sub)', async () => {
    identities.set('agent-123', { email: user.email, email_verified: true });
    const callback = await signInAtProvider((await start()).href, 'agent-123');
    const response = await post('/auth/oidc/callback', { url: callback });
    expect(response.status, system.logs.filter((l) => l.includes('OIDC')).join('\n')).toBe(200);
    const text = await response.text();
    const body = { ...(JSON.parse(text) as { returnTo: string; user: { id: string } }), token: sessionTokenOf(response) };
    expect(text).not.toContain(body.token);
    expect(body).toMatchObject({ returnTo: '/territoires', user: { id: user.id } });
    expect((await fetch(`${gatewayOrigin(system)}/auth/me`, { headers: { cookie: sessionCookie(body.token) } })).status).toBe(200);
    const linked = await system.db.query('select oidc_issuer, oidc_subject from auth.app_user where id = $1', [user.id]);
    expect(linked.rows[0]).toEqual({ oidc_issuer: issuer, oidc_subject: 'agent-123' });

    // The same callback cannot be played twice: its state is spent.
    expect((await post('/auth/oidc/callback', { url: callback })).status).toBe(401);

    // Next time, the e-mail does not matter any more: the (issuer, sub) pair does.
    identities.set('agent-123', { email: 'changed@elsewhere.fr', email_verified: true });
    const again = await post('/auth/oidc/callback', { url: await signInAtProvider((await start()).href, 'agent-123') });
    expect(again.status).toBe(200);
  });

  it('refuses an identity with no account, and a callback whose state was tampered with', async () => {
    identities.set('stranger', { email: 'stranger@nowhere.fr', email_verified: true });
    expect((await post('/auth/oidc/callback', { url: await signInAtProvider((await start()).href, 'stranger') })).status).toBe(401);
    const genuine = new URL(await signInAtProvider((await start()).href, 'agent-123'));
    genuine.searchParams.set('state', 'x'.repeat(43));
    expect((await post('/auth/oidc/callback', { url: genuine.href })).status).toBe(401);
  });
});
