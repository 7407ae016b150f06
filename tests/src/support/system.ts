import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startSystem, type RunningSystem } from '@passerelles/gateway/system';
import { freeSystemPorts } from './ports.js';

/** A fresh, empty database on the test run's PostgreSQL cluster. */
export async function createThrowawayDatabase(): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
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
export async function startTestSystem(options: { demoDepartment: string; seedDemo: boolean; withDashboard: boolean }): Promise<TestSystem> {
  const databaseUrl = await createThrowawayDatabase();
  const logs: string[] = [];
  const system = await startSystem({
    db: { databaseUrl, dataDir: '', embeddedPort: 0, debug: false },
    ports: await freeSystemPorts(),
    keys: null,
    demoDepartment: options.demoDepartment,
    seedDemo: options.seedDemo,
    nodeEnv: 'test',
    withDashboard: options.withDashboard,
    log: (line) => logs.push(line),
  }).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs.join('\n')}`);
  });
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  return {
    ...system,
    logs,
    db,
    stop: async () => {
      await db.end();
      await system.stop();
    },
  };
}

/** POSTs a GraphQL operation to the gateway. */
export async function gatewayQuery<T>(system: RunningSystem, query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; data: T | null; errors: unknown[] }> {
  const response = await fetch(system.urls.gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
}
