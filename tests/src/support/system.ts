import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startSystem, type RunningSystem } from '@passerelles/gateway/system';
import { freeSystemPorts } from './ports.js';

/** A fresh, empty database on the test run's PostgreSQL cluster (or on the cluster of `base`). */
export async function createThrowawayDatabase(base = process.env.TEST_DATABASE_URL): Promise<string> {
  if (!base) throw new Error('TEST_DATABASE_URL is not set: run through `npm test`.');
  const name = `system_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestSystem extends RunningSystem {
  logs: string[];
  db: pg.Client;
}

/**
 * The whole system as `npm start` runs it (separate processes for the four subgraphs, the gateway
 * and the built dashboard), on a throwaway database and free ports.
 */
export async function startTestSystem(options: {
  seedDemo: boolean;
  withDashboard: boolean;
  gatewayEnv?: Record<string, string>;
  nodeEnv?: 'production' | 'test';
  /** A cluster of the test's own (fault tests stop it), instead of the run's shared one. */
  clusterUrl?: string;
}): Promise<TestSystem> {
  const databaseUrl = await createThrowawayDatabase(options.clusterUrl);
  const logs: string[] = [];
  const system = await startSystem({
    db: { databaseUrl, dataDir: '', embeddedPort: 0, debug: false },
    ports: await freeSystemPorts(),
    keys: null,
    seedDemo: options.seedDemo,
    nodeEnv: options.nodeEnv ?? 'test',
    withDashboard: options.withDashboard,
    ...(options.gatewayEnv ? { gatewayEnv: options.gatewayEnv } : {}),
    log: (line) => logs.push(line),
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs.join('\n')}`);
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  // A test that stops PostgreSQL ends this connection: that must not end the test process.
  db.on('error', () => undefined);
  await db.connect();
  return {
    ...system,
    logs,
    db,
    stop: async () => {
      await db.end().catch(() => undefined);
      await system.stop();
    },
  };
}

/** The gateway's origin (its `/auth/*` endpoints live there). */
export const gatewayOrigin = (system: RunningSystem): string => new URL(system.urls.gateway).origin;

/** Logs in at the gateway; returns the session token (what the dashboard keeps in its cookie). */
export async function login(system: RunningSystem, email: string, password: string): Promise<string> {
  const response = await fetch(`${gatewayOrigin(system)}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login of ${email} failed: HTTP ${response.status}`);
  return sessionTokenOf(response);
}

/** The session token the gateway set in its cookie (it is never in a response body). */
export function sessionTokenOf(response: Response): string {
  for (const header of response.headers.getSetCookie()) {
    const match = /^passerelles_session=([^;]+)/.exec(header);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  throw new Error(`No session cookie in the answer (HTTP ${response.status}).`);
}

export const sessionCookie = (token: string): string => `passerelles_session=${encodeURIComponent(token)}`;

/** POSTs a GraphQL operation to the gateway with a session. */
export async function gatewayQuery<T>(
  system: RunningSystem,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; data: T | null; errors: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(system.urls.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { cookie: sessionCookie(token) } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}
