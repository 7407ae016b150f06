import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentId, MAX_ADMIN_BODY_BYTES, MAX_BODY_BYTES } from '@passerelles/gateway';
import { gatewayQuery, login, sessionCookie, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';

/**
 * Hostile input through the real gateway: every request below gets a 4xx with no internal detail
 * (no stack, no SQL, no subgraph address), and the gateway keeps serving afterwards.
 */
let system: TestSystem;
let production: TestSystem;
let token: string;
let steeringToken: string;
let productionToken: string;

const raw = (target: TestSystem, body: string, headers: Record<string, string>, method = 'POST'): Promise<Response> =>
  fetch(target.urls.gateway, { method, headers, ...(method === 'GET' ? {} : { body }) });

function leaksNothing(text: string): void {
  for (const secret of ['stack', 'postgres', 'SELECT', '127.0.0.1:', 'at async', 'Did you mean']) expect(text).not.toContain(secret);
}

beforeAll(async () => {
  [system, production] = await Promise.all([
    startTestSystem({ seedDemo: false, withDashboard: false }),
    startTestSystem({ seedDemo: false, withDashboard: true, nodeEnv: 'production' }),
  ]);
  const user = await createUser(system.db, { role: 'ADMIN', departmentCode: '62' });
  token = await login(system, user.email, user.password);
  const steering = await createUser(system.db, { role: 'STEERING', departmentCode: '62' });
  steeringToken = await login(system, steering.email, steering.password);
  const productionUser = await createUser(production.db, { role: 'ADMIN', departmentCode: '62' });
  productionToken = await login(production, productionUser.email, productionUser.password);
}, 240_000);
afterAll(async () => {
  await Promise.all([system?.stop(), production?.stop()]);
});

const json = (query: string): Record<string, string> => ({ 'content-type': 'application/json', cookie: sessionCookie(token), _: query });

async function expectRejected(response: Response, status: number): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  leaksNothing(text);
}

describe('operation limits (answered 400, limits not revealed)', () => {
  const post = (query: string): Promise<Response> => {
    const { _: _unused, ...headers } = json(query);
    return raw(system, JSON.stringify({ query }), headers);
  };

  it('refuses a query that is too deep', async () => {
    let selection = 'name';
    for (let i = 0; i < 14; i++) selection = `ofType { ${selection} }`;
    const response = await post(`{ __schema { types { fields { type { ${selection} } } } } }`);
    await expectRejected(response, 400);
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: territories { id }`).join(' ');
    await expectRejected(await post(`{ ${aliases} }`), 400);
  });

  it('refuses too many directives', async () => {
    await expectRejected(await post(`{ __typename ${'@skip(if: false) '.repeat(30)} }`), 400);
  });

  it('refuses too many tokens', async () => {
    await expectRejected(await post(`{ ${'territories { id } '.repeat(600)} }`), 400);
  });

  it('refuses unknown fields without suggesting names', async () => {
    const response = await post('{ territorie { id } }');
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).not.toContain('Did you mean');
  });
});

describe('malformed requests', () => {
  const headers = { 'content-type': 'application/json' };

  it('refuses batched requests, malformed JSON, wrong content types and huge bodies', async () => {
    const cookie = { cookie: sessionCookie(token) };
    await expectRejected(await raw(system, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]), { ...headers, ...cookie }), 400);
    await expectRejected(await raw(system, '{"query": "{ __typename }"', { ...headers, ...cookie }), 400);
    await expectRejected(await raw(system, '{ __typename }', { 'content-type': 'text/plain', ...cookie }), 415);
    await expectRejected(await raw(system, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(300_000)}` }), { ...headers, cookie: sessionCookie(steeringToken) }), 413);
  });

  it('sizes bodies by role: 256 KiB, 8 MiB for an administrator (imports carry files), and refuses a body of unknown length', async () => {
    // A body of `bytes` bytes or a little more: one query, and a variable the query does not use.
    const padded = (bytes: number): string => JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes) } });
    const steering = { ...headers, cookie: sessionCookie(steeringToken) };
    const admin = { ...headers, cookie: sessionCookie(token) };
    expect((await raw(system, padded(MAX_BODY_BYTES - 1024), steering)).status).toBe(200);
    await expectRejected(await raw(system, padded(MAX_BODY_BYTES + 1), steering), 413);
    const large = await raw(system, padded(2 * MAX_BODY_BYTES), admin);
    expect(large.status).toBe(200);
    expect(await large.json()).toEqual({ data: { __typename: 'Query' } });
    await expectRejected(await raw(system, padded(MAX_ADMIN_BODY_BYTES + 1), admin), 413);
    // Not signed in: refused before the body is read, whatever its size.
    await expectRejected(await raw(system, padded(2 * MAX_BODY_BYTES), headers), 401);
    // Chunked (no Content-Length): it could not be sized before reading.
    const chunked = await fetch(system.urls.gateway, {
      method: 'POST',
      headers: admin,
      body: new Blob([padded(10)]).stream(),
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    await expectRejected(chunked, 411);
  });

  it('refuses cross-site requests: a form post, or a foreign Origin, even with the cookie', async () => {
    await expectRejected(
      await raw(system, 'query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded', cookie: sessionCookie(token) }),
      415,
    );
    await expectRejected(
      await raw(system, JSON.stringify({ query: '{ __typename }' }), { ...headers, cookie: sessionCookie(token), origin: 'https://evil.example' }),
      415,
    );
  });

  it('never runs a mutation over GET', async () => {
    const url = `${system.urls.gateway}?query=${encodeURIComponent('mutation { deactivateUser(id: "00000000-0000-0000-0000-000000000000") { ok } }')}`;
    const response = await fetch(url, { headers: { cookie: sessionCookie(token), accept: 'application/json' } });
    expect(response.status).toBe(405);
  });
});

describe('login throttling', () => {
  it('answers 429 once a client has used its attempts, whoever it tries', async () => {
    const attempt = (email: string): Promise<Response> =>
      fetch(new URL('/auth/login', system.urls.gateway), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.7' },
        body: JSON.stringify({ email, password: 'guess' }),
      });
    for (let i = 0; i < 30; i++) expect((await attempt(`guess-${i}@test.passerelles.fr`)).status).toBe(401);
    const throttled = await attempt('another@test.passerelles.fr');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('900');
  });
});

describe('production mode', () => {
  const post = (body: unknown): Promise<Response> =>
    raw(production, JSON.stringify(body), { 'content-type': 'application/json', cookie: sessionCookie(productionToken) });

  it('runs only trusted documents: an arbitrary query or an unknown id is refused', async () => {
    await expectRejected(await post({ query: '{ territories { id } }' }), 400);
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } });
    expect([400, 404]).toContain(unknown.status);
    leaksNothing(await unknown.text());
  });

  it("runs the dashboard's operations by id, and the dashboard works with them", async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../dashboard/src/routes/territoires/territoires.graphql', import.meta.url), 'utf8');
    const response = await post({ variables: {}, extensions: { persistedQuery: { version: 1, sha256Hash: documentId(text) } } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { department: { code: string } } }).data.department.code).toBe('62');
    const page = await fetch(`${production.urls.dashboard}/territoires`, { headers: { cookie: sessionCookie(productionToken) } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Arrageois');
  });

  it('has introspection off', async () => {
    const response = await post({ query: '{ __schema { types { name } } }' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('after all that', () => {
  it('the gateway still serves', async () => {
    const result = await gatewayQuery<{ territories: unknown[] }>(system, token, '{ territories { id } }');
    expect(result.status).toBe(200);
    expect(result.data?.territories).toHaveLength(9);
  });
});
