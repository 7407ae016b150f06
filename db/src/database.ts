import { startEmbeddedPostgres, type RunningDatabase } from './embedded.js';
import type { DbEnv } from './env.js';
import { dbOwnedSchemas } from './migrations/index.js';
import { migrateSchema } from './orm.js';
import { loadReferenceData, type ReferenceLoadResult } from './reference/load.js';

/** Uses `DATABASE_URL` when set, otherwise starts (or reuses) the embedded PostgreSQL under `.data/`. */
export async function openDatabase(env: DbEnv, log?: (message: string) => void, supervise?: (message: string) => void): Promise<RunningDatabase> {
  if (env.databaseUrl) {
    return { url: env.databaseUrl, embedded: false, stop: async () => undefined };
  }
  return startEmbeddedPostgres({ dataDir: env.dataDir, port: env.embeddedPort, ...(log ? { log } : {}), ...(supervise ? { supervise } : {}) });
}

/** Migrates the schemas `db/` owns (`ref`, `auth`, `audit`) and loads the reference geography. */
export async function prepareDatabase(databaseUrl: string): Promise<ReferenceLoadResult> {
  for (const owned of dbOwnedSchemas) {
    await migrateSchema({ clientUrl: databaseUrl, schema: owned.schema, migrations: owned.migrations });
  }
  return loadReferenceData(databaseUrl);
}
