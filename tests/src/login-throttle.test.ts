import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayOrigin, startTestSystem, type TestSystem } from './support/system.js';
import { createUser, type TestUser } from './support/users.js';

/**
 * The login limit per client counts failures of the real client: behind the dashboard (a trusted
 * proxy on loopback, the default TRUSTED_PROXIES) the browser's address it forwards; a client
 * cannot reset its counter by writing its own X-Forwarded-For, and an office's successful logins
 * do not lock it out.
 */
let system: TestSystem;
let user: TestUser;
const LIMIT = 5;

const attempt = (password: string, forwardedFor: string): Promise<Response> =>
  fetch(`${gatewayOrigin(system)}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ email: user.email, password }),
  });

beforeAll(async () => {
  system = await startTestSystem({
    seedDemo: false,
    withDashboard: false,
    // The account lock (5 failures in a row) must not hide the client limit here.
    gatewayEnv: { LOGIN_ATTEMPTS_PER_WINDOW: String(LIMIT), LOGIN_MAX_FAILURES: '1000' },
  });
  user = await createUser(system.db, { role: 'REFERENT', departmentCode: '62' });
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('login throttling per client', () => {
  it('does not count successful logins: an office behind one address signs everyone in', async () => {
    for (let i = 0; i < LIMIT * 3; i++) expect((await attempt(user.password, '198.51.100.20')).status).toBe(200);
    expect((await attempt('wrong password', '198.51.100.20')).status).toBe(401);
  });

  it('stops a client after the limit of failures, whatever it writes left of the proxy’s entry', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await attempt(`wrong ${i}`, `10.9.9.${i}, 203.0.113.7`)).status).toBe(401);
    const spoofed = await Promise.all(['1.1.1.1, 203.0.113.7', '203.0.113.7', 'unknown, 203.0.113.7'].map((xff) => attempt(user.password, xff)));
    expect(spoofed.map((r) => r.status)).toEqual([429, 429, 429]);
    const counted = await system.db.query<{ client_key: string; n: number }>(
      `select client_key, count(*)::int as n from auth.login_attempt where not succeeded group by client_key order by client_key`,
    );
    expect(counted.rows).toContainEqual({ client_key: '203.0.113.7', n: LIMIT });
    expect(counted.rows.map((r) => r.client_key)).not.toContain('10.9.9.0');
  });

  it('keeps another client behind the same proxy apart', async () => {
    expect((await attempt(user.password, '203.0.113.8')).status).toBe(200);
  });
});
