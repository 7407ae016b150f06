import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSchema, prepareDatabase, startEmbeddedPostgres, type RunningDatabase } from '@passerelles/db';
import { subgraphs } from '@passerelles/gateway';
import { requireChromium } from './chromium.js';
import { freePort } from './ports.js';

let database: RunningDatabase | undefined;
let dataDir: string | undefined;

/**
 * Starts a throwaway embedded PostgreSQL for the whole test run, with the real migrations of
 * every schema and the reference geography; its URL reaches the workers as TEST_DATABASE_URL.
 */
export async function setup(): Promise<void> {
  // Before anything runs: a machine without a browser stops here with the one line to run,
  // instead of failing every browser suite after minutes of other tests.
  process.env.CHROMIUM_PATH = requireChromium();
  if (process.env.TEST_DATABASE_URL) return;
  dataDir = await mkdtemp(join(tmpdir(), 'passerelles-test-'));
  database = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, database: 'passerelles_test' });
  await prepareDatabase(database.url);
  for (const subgraph of subgraphs) {
    await migrateSchema({ clientUrl: database.url, schema: subgraph.schemaName, migrations: subgraph.migrations });
  }
  process.env.TEST_DATABASE_URL = database.url;
  // Tests of the embedded server's own settings run only on it, not on a TEST_DATABASE_URL given from outside.
  process.env.TEST_DATABASE_EMBEDDED = '1';
}

export async function teardown(): Promise<void> {
  await database?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
