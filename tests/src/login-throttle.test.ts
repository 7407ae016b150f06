import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayOrigin, startTestSystem, type TestSystem } from './support/system.js';
import { createUser, type TestUser } from './support/users.js';

/**
 * The login limit per client counts failures of the real client: behind the dashboard (a trusted
 * proxy on loopback, the default TRUSTED_PROXIES) the browser's address it forwards; a client
 * cannot reset its counter by writing its own X-Forwarded-For, and an office's successful logins
 * do not lock it out.
 */
const LIMIT = 5;
// The account lock (5 failures in a row) must not hide the client limit here.
const policy = { LOGIN_ATTEMPTS_PER_WINDOW: String(LIMIT), LOGIN_MAX_FAILURES: '1000' };

const attempt = (system: TestSystem, user: TestUser, password: string, forwardedFor?: string): Promise<Response> =>
  fetch(`${gatewayOrigin(system)}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) },
    body: JSON.stringify({ email: user.email, password }),
  });

const failuresByClient = async (system: TestSystem): Promise<Record<string, number>> => {
  const counted = await system.db.query<{ client_key: string; n: number }>(
    `select client_key, count(*)::int as n from auth.login_attempt where not succeeded group by client_key`,
  );
  return Object.fromEntries(counted.rows.map((r) => [r.client_key, r.n]));
};

describe('behind a trusted proxy (the default, loopback: the dashboard)', () => {
  let system: TestSystem;
  let user: TestUser;
  const login = (password: string, forwardedFor?: string): Promise<Response> => attempt(system, user, password, forwardedFor);

  beforeAll(async () => {
    system = await startTestSystem({ seedDemo: false, withDashboard: false, gatewayEnv: policy });
    user = await createUser(system.db, { role: 'REFERENT', departmentCode: '62' });
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('does not count successful logins: an office behind one address signs everyone in', async () => {
    for (let i = 0; i < LIMIT * 3; i++) expect((await login(user.password, '198.51.100.20')).status).toBe(200);
    // All of the limit is still there for failures.
    for (let i = 0; i < LIMIT; i++) expect((await login(`wrong ${i}`, '198.51.100.20')).status).toBe(401);
    expect((await login(user.password, '198.51.100.20')).status).toBe(429);
  });

  it('stops a client after the limit of failures, whatever it writes left of the proxy’s entry', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await login(`wrong ${i}`, `10.9.9.${i}, 203.0.113.7`)).status).toBe(401);
    const spoofed = await Promise.all(['1.1.1.1, 203.0.113.7', '203.0.113.7', 'unknown, 203.0.113.7'].map((xff) => login(user.password, xff)));
    expect(spoofed.map((r) => r.status)).toEqual([429, 429, 429]);
    const counted = await failuresByClient(system);
    expect(counted['203.0.113.7']).toBe(LIMIT);
    expect(Object.keys(counted).filter((key) => key.startsWith('10.9.9.') || key === '1.1.1.1')).toEqual([]);
  });

  it('keeps another client behind the same proxy apart', async () => {
    expect((await login(user.password, '203.0.113.8')).status).toBe(200);
    expect((await login('wrong', '203.0.113.8')).status).toBe(401);
  });
});

describe('from a peer that is not a trusted proxy', () => {
  let system: TestSystem;
  let user: TestUser;
  const login = (password: string, forwardedFor?: string): Promise<Response> => attempt(system, user, password, forwardedFor);

  beforeAll(async () => {
    // The test's own requests come from 127.0.0.1, which is then not a trusted proxy.
    system = await startTestSystem({ seedDemo: false, withDashboard: false, gatewayEnv: { ...policy, TRUSTED_PROXIES: '192.0.2.1' } });
    user = await createUser(system.db, { role: 'REFERENT', departmentCode: '62' });
  }, 180_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('counts the peer: a new X-Forwarded-For on every attempt never resets the counter', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await login(`wrong ${i}`, `198.51.100.${i}`)).status).toBe(401);
    const after = await Promise.all([undefined, '198.51.100.99', '192.0.2.1', '203.0.113.1, 198.51.100.50'].map((xff) => login(user.password, xff)));
    expect(after.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(await failuresByClient(system)).toEqual({ '127.0.0.1': LIMIT });
  });
});
