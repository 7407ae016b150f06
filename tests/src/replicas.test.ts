import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { DEMO_PASSWORD } from '@passerelles/db';
import { startSystem, type RunningSystem } from '@passerelles/gateway/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freeSystemPorts } from './support/ports.js';
import { createThrowawayDatabase, sessionCookie, sessionTokenOf } from './support/system.js';

/**
 * Beyond one process (issue 15, goal 5): two complete sets of services on one database — two
 * gateways, each in front of its own replica of each of the four subgraphs — behind one address,
 * a round-robin HTTP proxy that sends each request to the next gateway. The services keep no state
 * of their own (sessions, rate limits and events live in PostgreSQL), so every caller gets the same
 * answer whichever replicas serve it, and a session opened through one gateway works through the
 * other.
 */
let first: RunningSystem;
let second: RunningSystem;
let proxy: Server;
let proxyUrl: string;
const served = [0, 0];

/** A tiny reverse proxy: request n goes to backend n mod 2, headers and bodies passed through. */
function roundRobin(backends: string[]): Server {
  let next = 0;
  return createServer((incoming, outgoing) => {
    const index = next++ % backends.length;
    served[index]! += 1;
    const target = new URL(incoming.url ?? '/', backends[index]);
    // A new connection per request (agent: false): no race with a keep-alive socket the gateway is closing.
    const forward = request(target, { method: incoming.method, headers: { ...incoming.headers, host: target.host }, agent: false }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', (error) => outgoing.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ proxyError: error.message })));
    incoming.pipe(forward);
  });
}

beforeAll(async () => {
  const databaseUrl = await createThrowawayDatabase();
  const beneficiariesEncryptionKey = randomBytes(32).toString('base64');
  const db = { databaseUrl, dataDir: '', embeddedPort: 0, debug: false };
  first = await startSystem({ db, ports: await freeSystemPorts(), keys: null, beneficiariesEncryptionKey, seedDemo: true, nodeEnv: 'test', withDashboard: false, log: () => undefined });
  // The second set: the same keys and service roles (no new passwords), no seed; its subgraphs find their schemas migrated.
  second = await startSystem({
    db: { ...db, roles: { provision: false, serviceUrls: first.databaseUrls } },
    ports: await freeSystemPorts(),
    keys: first.keys,
    serviceKeys: first.serviceKeys,
    beneficiariesEncryptionKey,
    seedDemo: false,
    nodeEnv: 'test',
    withDashboard: false,
    log: () => undefined,
  });
  proxy = roundRobin([new URL(first.urls.gateway).origin, new URL(second.urls.gateway).origin]);
  const port = await freePort();
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${port}`;
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await second?.stop();
  await first?.stop();
});

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${proxyUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return sessionTokenOf(response);
}

async function ask(token: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(`${proxyUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: sessionCookie(token) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return response.ok ? (JSON.parse(text) as unknown) : { status: response.status, text };
}

const QUERIES: [string, Record<string, unknown>][] = [
  ['{ territories { id name activeBeneficiaries placesContracted partnerCount fundingCommitted } }', {}],
  [
    'query ($p: PeriodInput!) { indicators(period: $p) { peopleWelcomed { value suppressed } activeCaseload { value suppressed } exitsByReason { reason count { value suppressed } } monthly { month activeCaseload { value suppressed } } } }',
    { p: { from: '2025-01-01', to: '2025-12-31' } },
  ],
  ['{ caseload(first: 10) { totalCount nodes { id } } }', {}],
  ['{ programmes { id name } }', {}],
];

describe('two gateways and two replicas of each subgraph behind one address', () => {
  it('give every caller the same answers to the same concurrent queries, whichever replicas serve them', async () => {
    const callers = await Promise.all(['admin.62@demo.passerelles.fr', 'pilotage.62@demo.passerelles.fr', 'referent.62@demo.passerelles.fr', 'admin.25@demo.passerelles.fr'].map(signIn));
    const before = [...served];
    // Each caller sends each query 4 times, all at once: every query reaches both gateways.
    const asked = callers.flatMap((token, c) => QUERIES.flatMap(([query, variables], q) => Array.from({ length: 4 }, () => ({ c, q, answer: ask(token, query, variables) }))));
    const answers = await Promise.all(asked.map(async (a) => ({ ...a, answer: (await a.answer) as { data?: unknown; errors?: unknown } })));
    expect(served[0]! - before[0]!).toBeGreaterThan(10);
    expect(served[1]! - before[1]!).toBeGreaterThan(10);
    for (const a of answers) {
      // A GraphQL answer every time (some fields refused to some roles), never a failed hop.
      expect(a.answer.data !== undefined || a.answer.errors !== undefined, JSON.stringify(a.answer)).toBe(true);
      const reference = answers.find((b) => b.c === a.c && b.q === a.q)!;
      expect(isDeepStrictEqual(a.answer, reference.answer), `caller ${a.c}, query ${a.q}`).toBe(true);
    }
    // The figures are there (not all errors): the administrators see their territories and caseload.
    const territories = answers.find((a) => a.c === 0 && a.q === 0)!.answer as { data: { territories: unknown[] } };
    expect(territories.data.territories.length).toBeGreaterThan(5);
    const otherDepartment = answers.find((a) => a.c === 3 && a.q === 0)!.answer as { data: { territories: { id: string }[] } };
    expect(otherDepartment.data.territories.every((t) => t.id.startsWith('25-'))).toBe(true);
  });

  it('keep a session opened through one gateway working through the other (sessions are in the database)', async () => {
    const token = await signIn('admin.62@demo.passerelles.fr');
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = [...served];
      const me = (await (await fetch(`${proxyUrl}/auth/me`, { headers: { cookie: sessionCookie(token) } })).json()) as { user?: { email: string } };
      seen.push(served[0]! > before[0]! ? 0 : 1);
      expect(me.user?.email).toBe('admin.62@demo.passerelles.fr');
    }
    expect(new Set(seen)).toEqual(new Set([0, 1]));
    // Signed out through one gateway, the session is gone through both.
    const logout = await fetch(`${proxyUrl}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: sessionCookie(token) }, body: '{}' });
    expect(logout.status).toBeLessThan(400);
    for (let i = 0; i < 2; i++) {
      const me = await fetch(`${proxyUrl}/auth/me`, { headers: { cookie: sessionCookie(token) } });
      expect(me.status).toBe(401);
    }
  });
});
