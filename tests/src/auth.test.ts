import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayOrigin, gatewayQuery, login, sessionCookie, sessionTokenOf, startTestSystem, type TestSystem } from './support/system.js';
import { createUser, type TestUser } from './support/users.js';

/** Login, sessions and user management at the real gateway, on a throwaway database. */
let system: TestSystem;
let admin: TestUser;

const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${gatewayOrigin(system)}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const me = async (token: string): Promise<number> => (await fetch(`${gatewayOrigin(system)}/auth/me`, { headers: { cookie: sessionCookie(token) } })).status;

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: true, gatewayEnv: { LOGIN_ATTEMPTS_PER_WINDOW: '1000' } });
  admin = await createUser(system.db, { role: 'ADMIN', departmentCode: '25' });
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('login', () => {
  it('opens a session with an HttpOnly, SameSite=Lax cookie for good credentials', async () => {
    const response = await post('/auth/login', { email: admin.email.toUpperCase(), password: admin.password });
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^passerelles_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Expires=/);
    expect(cookie).not.toContain('Secure'); // the dashboard is served over http here
    const text = await response.text();
    const body = JSON.parse(text) as { user: { email: string; role: string; departmentCode: string } };
    expect(body.user).toMatchObject({ email: admin.email, role: 'ADMIN', departmentCode: '25' });
    const token = sessionTokenOf(response);
    expect(await me(token)).toBe(200);
    // The token lives in the HttpOnly cookie only: no script can read it from the answer.
    expect(text).not.toContain(token);
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'user']);
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const wrong = await post('/auth/login', { email: admin.email, password: 'not the password' });
    const unknown = await post('/auth/login', { email: 'nobody@test.passerelles.fr', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('locks an account after 5 failures in a row, with the same answer, even for the right password', async () => {
    const user = await createUser(system.db, { role: 'REFERENT', departmentCode: '25' });
    for (let i = 0; i < 5; i++) expect((await post('/auth/login', { email: user.email, password: `wrong ${i}` })).status).toBe(401);
    const locked = await post('/auth/login', { email: user.email, password: user.password });
    expect(locked.status).toBe(401);
    // The lock lifts by itself: simulate the 15 minutes passing.
    await system.db.query(`update auth.app_user set locked_until = now() - interval '1 second' where id = $1`, [user.id]);
    expect((await post('/auth/login', { email: user.email, password: user.password })).status).toBe(200);
  });

  it('refuses deactivated accounts like unknown ones', async () => {
    const user = await createUser(system.db, { role: 'STEERING', departmentCode: '25', active: false });
    expect((await post('/auth/login', { email: user.email, password: user.password })).status).toBe(401);
  });

  it('rejects malformed, cross-site or form-encoded login requests', async () => {
    expect((await post('/auth/login', { email: 'not-an-email', password: 'x' })).status).toBe(400);
    expect((await post('/auth/login', { email: admin.email, password: admin.password }, { origin: 'https://evil.example' })).status).toBe(403);
    const form = await fetch(`${gatewayOrigin(system)}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(admin.email)}&password=${encodeURIComponent(admin.password)}`,
    });
    expect(form.status).toBe(403);
  });
});

describe('sessions', () => {
  it('rotates the session on login: the token the browser came with stops working', async () => {
    const first = await login(system, admin.email, admin.password);
    const second = await post('/auth/login', { email: admin.email, password: admin.password }, { cookie: sessionCookie(first) });
    const token = sessionTokenOf(second);
    expect(token).not.toBe(first);
    expect(await me(first)).toBe(401);
    expect(await me(token)).toBe(200);
  });

  it('ends after the idle time and after the absolute time', async () => {
    const idle = await login(system, admin.email, admin.password);
    const absolute = await login(system, admin.email, admin.password);
    await system.db.query(`update auth.session set last_seen_at = now() - interval '31 minutes' where id_hash = encode(sha256($1::bytea), 'hex')`, [idle]);
    await system.db.query(`update auth.session set expires_at = now() - interval '1 second' where id_hash = encode(sha256($1::bytea), 'hex')`, [absolute]);
    expect(await me(idle)).toBe(401);
    expect(await me(absolute)).toBe(401);
  });

  it('logout really ends the session', async () => {
    const token = await login(system, admin.email, admin.password);
    const response = await post('/auth/logout', {}, { cookie: sessionCookie(token) });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await me(token)).toBe(401);
    expect((await gatewayQuery(system, token, '{ territories { id } }')).status).toBe(401);
  });

  it('GraphQL needs a session', async () => {
    const anonymous = await gatewayQuery(system, null, '{ territories { id } }');
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors).toEqual([{ message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } }]);
    expect((await gatewayQuery(system, 'forged-token', '{ territories { id } }')).status).toBe(401);
  });
});

describe('user management by administrators', () => {
  it('invites a user, who chooses a password and signs in; a role change and a deactivation end their sessions', async () => {
    const token = await login(system, admin.email, admin.password);
    const invited = await gatewayQuery<{ inviteUser: { ok: boolean; user: { id: string; role: string }; invitationToken: string } }>(
      system,
      token,
      'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { ok error { code } user { id role departmentCode } invitationToken } }',
      { input: { email: 'nouvelle.referente@test.passerelles.fr', displayName: 'Nouvelle référente', role: 'REFERENT', territoryIds: ['25-besancon'] } },
    );
    expect(invited.data?.inviteUser).toMatchObject({ ok: true, user: { role: 'REFERENT', departmentCode: '25' } });
    const { invitationToken, user } = invited.data!.inviteUser;
    expect((await post('/auth/invitations/accept', { token: invitationToken, password: 'court' })).status).toBe(400);
    const accepted = await post('/auth/invitations/accept', { token: invitationToken, password: 'un mot de passe assez long' });
    expect(accepted.status).toBe(200);
    // Accepting opens no session, and no token of any kind comes back.
    expect(accepted.headers.getSetCookie()).toEqual([]);
    const acceptedText = await accepted.text();
    expect(Object.keys(JSON.parse(acceptedText) as object)).toEqual(['user']);
    expect(acceptedText).not.toContain(invitationToken);
    expect((await post('/auth/invitations/accept', { token: invitationToken, password: 'un mot de passe assez long' })).status).toBe(400);
    const theirs = await login(system, 'nouvelle.referente@test.passerelles.fr', 'un mot de passe assez long');
    expect((await gatewayQuery<{ me: { role: string } }>(system, theirs, '{ me { role territoryIds } }')).data).toEqual({ me: { role: 'REFERENT', territoryIds: ['25-besancon'] } });

    const changed = await gatewayQuery(system, token, 'mutation ($input: ChangeUserRoleInput!) { changeUserRole(input: $input) { ok user { role } } }', {
      input: { id: user.id, role: 'STEERING' },
    });
    expect(changed.data).toEqual({ changeUserRole: { ok: true, user: { role: 'STEERING' } } });
    expect(await me(theirs)).toBe(401);

    const again = await login(system, 'nouvelle.referente@test.passerelles.fr', 'un mot de passe assez long');
    const deactivated = await gatewayQuery(system, token, 'mutation ($id: ID!) { deactivateUser(id: $id) { ok } }', { id: user.id });
    expect(deactivated.data).toEqual({ deactivateUser: { ok: true } });
    expect(await me(again)).toBe(401);
  });

  it('lets only administrators manage users, and only in their own Département', async () => {
    const steering = await createUser(system.db, { role: 'STEERING', departmentCode: '25' });
    const token = await login(system, steering.email, steering.password);
    const refused = await gatewayQuery(system, token, '{ users { id } }');
    expect(refused.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await createUser(system.db, { role: 'ADMIN', departmentCode: '62' });
    const adminToken = await login(system, admin.email, admin.password);
    const list = await gatewayQuery<{ users: { email: string }[] }>(system, adminToken, '{ users { email } }');
    expect(list.data?.users.map((u) => u.email)).toContain(admin.email);
    expect(list.data?.users.map((u) => u.email)).not.toContain(other.email);
    const crossing = await gatewayQuery(system, adminToken, 'mutation ($id: ID!) { deactivateUser(id: $id) { ok error { code field } } }', { id: other.id });
    expect(crossing.data).toEqual({ deactivateUser: { ok: false, error: { code: 'NOT_FOUND', field: 'id' } } });
  });
});

describe('the dashboard login page', () => {
  it('signs in through the form and lands on the page asked for', async () => {
    const dashboard = system.urls.dashboard!;
    const response = await fetch(`${dashboard}/connexion`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: dashboard, accept: 'text/html' },
      body: new URLSearchParams({ email: admin.email, password: admin.password, redirection: '/territoires' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/territoires');
    expect(response.headers.get('set-cookie')).toMatch(/passerelles_session=[\w-]{43}; .*HttpOnly/);
    const failed = await fetch(`${dashboard}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: dashboard, accept: 'text/html' },
      body: new URLSearchParams({ email: admin.email, password: 'faux' }),
    });
    expect(await failed.text()).toContain('Adresse e-mail ou mot de passe incorrect.');
  });

  it('counts a failed login under the address the dashboard sees, not one the browser writes', async () => {
    const dashboard = system.urls.dashboard!;
    const email = 'personne.inconnue@test.passerelles.fr';
    const failed = await fetch(`${dashboard}/connexion`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: dashboard, accept: 'text/html', 'x-forwarded-for': '198.51.100.66' },
      body: new URLSearchParams({ email, password: 'faux' }),
    });
    expect(await failed.text()).toContain('Adresse e-mail ou mot de passe incorrect.');
    const keys = await system.db.query<{ client_key: string }>(
      `select client_key from auth.login_attempt where not succeeded and at > now() - interval '1 minute' order by at desc limit 1`,
    );
    // This test's requests come from loopback: the dashboard forwards that, the gateway believes it.
    expect(keys.rows[0]?.client_key).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
  });
});
