import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { configureIdentityKey, encryptIdentity, identityDigest, nameIndex } from '@passerelles/beneficiaries/identity';
import { openDatabase, prepareDatabase, provisionServiceRoles, seedDemo, type RunningDatabase, type SealIdentity, type SeedResult, type ServiceDatabaseUrls, type SubgraphSchema } from '@passerelles/db';
import { generateIdentityKeys, type IdentityKeyPair } from '@passerelles/subgraph-kit/identity';
import { repoRoot } from '../compose/compose.js';
import { subgraphs } from '../compose/subgraphs.js';
import { baseChildEnv, type SystemEnv } from './env.js';
import { startService, waitUntilReady, type ServiceProcess } from './processes.js';

export interface SystemOptions extends SystemEnv {
  /** Start the built dashboard too (tests of the API alone can skip it). */
  withDashboard?: boolean;
  /** Extra settings for the gateway (tests: OIDC provider, short sessions…). */
  gatewayEnv?: Record<string, string>;
  log?: (line: string) => void;
}

export interface RunningSystem {
  databaseUrl: string;
  /** The database as opened (its server's pid when the launcher started it). */
  database: RunningDatabase;
  /** Each service's own connection (role and password of this run). */
  databaseUrls: ServiceDatabaseUrls;
  urls: { dashboard: string | null; gateway: string; subgraphs: Record<string, string> };
  keys: IdentityKeyPair;
  /** The pair subgraphs sign and check their events with (ADR 0021). */
  serviceKeys: IdentityKeyPair;
  seed: SeedResult | null;
  services: ServiceProcess[];
  /** Stops one service for good, without restart (tests use it to take a subgraph down). */
  stopService(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system as `npm start` does: PostgreSQL (embedded unless DATABASE_URL), the
 * reference data, the four subgraphs (each migrates its own schema), the demo seed on an empty
 * database, the gateway, then the built dashboard. Every service is a separate process.
 */
export async function startSystem(options: SystemOptions): Promise<RunningSystem> {
  const log = options.log ?? ((line: string) => console.log(line));
  const services: ServiceProcess[] = [];
  let database: RunningDatabase | null = null;
  const stopAll = async (): Promise<void> => {
    // All at once: each stop() ends its supervision at the call, so no service dying meanwhile (Ctrl-C
    // reaches the whole process group) is started again while another one is still stopping.
    await Promise.all([...services].reverse().map((service) => service.stop()));
    if (database) await database.stop();
  };
  try {
    // The launcher keeps the embedded PostgreSQL running: started again if it dies.
    database = await openDatabase(options.db, undefined, log);
    const reference = await prepareDatabase(database.url);
    log(`[db] ${database.embedded ? `embedded PostgreSQL on port ${options.db.embeddedPort}, data in ${options.db.dataDir}` : 'external PostgreSQL (DATABASE_URL)'}`);
    log(`[db] reference geography ${reference.loaded ? 'loaded' : 'up to date'}: ${reference.communes} communes, ${reference.territories} territories`);

    // Least privilege: each service connects with a role of its own (its schema, `ref`, appending to the audit log).
    const databaseUrls = await provisionServiceRoles(database.url, options.db.roles);
    log('[db] each service connects with its own role (its schema, ref, append-only audit)');

    const keys = options.keys ?? (await generateIdentityKeys());
    // Events between subgraphs (ADR 0021) are signed with a pair of their own, never the gateway's.
    const serviceKeys = options.serviceKeys ?? (await generateIdentityKeys());
    const internalUrls = Object.fromEntries(
      subgraphs.map((d) => [`${d.name.toUpperCase()}_INTERNAL_URL`, `http://127.0.0.1:${options.ports[d.name as keyof SystemEnv['ports']]}`]),
    );
    // No child gets the administrator's connection: each service its own role's (below), the dashboard none.
    const base = { ...baseChildEnv(), NODE_ENV: options.nodeEnv };
    const beneficiariesKey = options.beneficiariesEncryptionKey ?? (await dataDirEncryptionKey(options.db.dataDir));
    const subgraphUrls: Record<string, string> = {};
    const started = subgraphs.map((definition) => {
      const port = options.ports[definition.name as keyof SystemEnv['ports']];
      const prefix = definition.name.toUpperCase();
      subgraphUrls[definition.name] = `http://127.0.0.1:${port}/graphql`;
      const service = startService(
        definition.name,
        resolve(repoRoot, 'subgraphs', definition.name, 'dist', 'index.js'),
        {
          ...base,
          [`${prefix}_PORT`]: String(port),
          DATABASE_URL: databaseUrls[definition.name as SubgraphSchema],
          GATEWAY_PUBLIC_KEY: keys.publicKeyPem,
          ...internalUrls,
          ...(definition.emits || definition.calls ? { SERVICE_SIGNING_KEY: serviceKeys.privateKeyPem } : {}),
          ...(definition.internal ? { SERVICE_PUBLIC_KEY: serviceKeys.publicKeyPem } : {}),
          ...(definition.name === 'beneficiaries' ? { BENEFICIARIES_ENCRYPTION_KEY: beneficiariesKey } : {}),
        },
        log,
        { readyUrl: `http://127.0.0.1:${port}/ready` },
      );
      services.push(service);
      return waitUntilReady(service, `http://127.0.0.1:${port}/ready`);
    });
    await Promise.all(started);

    const seed = options.seedDemo ? await seedDemo(database.url, { sealIdentity: identitySealer(beneficiariesKey) }) : null;
    if (seed?.seeded) {
      log(
        `[db] demo data seeded: ${seed.programmes} programmes, ${seed.partners} partners, ${seed.conventions} conventions, ${seed.beneficiaries} synthetic people (${seed.identities} named), ${seed.engagementContracts} CER`,
      );
    }

    if (seed?.seeded) await balanceBasesRecorded(database.url, log);

    const gateway = startService(
      'gateway',
      resolve(repoRoot, 'gateway', 'dist', 'main.js'),
      {
        ...base,
        GATEWAY_PORT: String(options.ports.gateway),
        DATABASE_URL: databaseUrls.gateway,
        GATEWAY_SIGNING_KEY: keys.privateKeyPem,
        PUBLIC_URL: `http://localhost:${options.ports.dashboard}`,
        ...options.gatewayEnv,
        BENEFICIARIES_URL: subgraphUrls.beneficiaries,
        PARTNERS_URL: subgraphUrls.partners,
        CONTRACTS_URL: subgraphUrls.contracts,
        FUNDING_URL: subgraphUrls.funding,
      },
      log,
      { readyUrl: `http://127.0.0.1:${options.ports.gateway}/healthcheck` },
    );
    services.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${options.ports.gateway}/graphql`;
    await waitUntilReady(gateway, `http://127.0.0.1:${options.ports.gateway}/healthcheck`);

    let dashboardUrl: string | null = null;
    if (options.withDashboard !== false) {
      const dashboard = startService(
        'dashboard',
        resolve(repoRoot, 'dashboard', 'server.js'),
        {
          ...base,
          HOST: '127.0.0.1',
          PORT: String(options.ports.dashboard),
          ORIGIN: `http://localhost:${options.ports.dashboard}`,
          GATEWAY_URL: gatewayUrl,
          // Send operations by id exactly when the gateway runs trusted documents only (production, unless turned off).
          PERSISTED_OPERATIONS: ['1', 'true'].includes(options.gatewayEnv?.['TRUSTED_DOCUMENTS'] ?? (options.nodeEnv === 'production' ? '1' : '0')) ? '1' : '0',
        },
        log,
        { readyUrl: `http://127.0.0.1:${options.ports.dashboard}/territoires` },
      );
      services.push(dashboard);
      dashboardUrl = `http://localhost:${options.ports.dashboard}`;
      await waitUntilReady(dashboard, `http://127.0.0.1:${options.ports.dashboard}/territoires`);
    }

    const db = database;
    return {
      databaseUrl: db.url,
      database: db,
      databaseUrls,
      urls: { dashboard: dashboardUrl, gateway: gatewayUrl, subgraphs: subgraphUrls },
      keys,
      serviceKeys,
      seed,
      services,
      stopService: async (name) => {
        await services.find((s) => s.name === name)?.stop();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The key of people's identifying fields when BENEFICIARIES_ENCRYPTION_KEY is not set: kept in the
 * data dir (made on first run, readable by its owner only), so that a restart can still decrypt;
 * without a data dir (an external database in tests), a key for this run only.
 */
async function dataDirEncryptionKey(dataDir: string): Promise<string> {
  if (!dataDir) return randomBytes(32).toString('base64');
  const file = join(dataDir, 'beneficiaries-encryption.key');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const key = randomBytes(32).toString('base64');
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}

/** The demo's synthetic identities are sealed as the beneficiaries subgraph seals them, with its key. */
function identitySealer(base64Key: string): SealIdentity {
  configureIdentityKey(Buffer.from(base64Key, 'base64'));
  return (identity) => ({ ciphertext: encryptIdentity(identity), digest: identityDigest(identity), nameIndex: nameIndex(identity) });
}

/**
 * The demo's final reports were seeded received, without the balance rule's basis: funding's
 * closing-figures job fetches it from contracts and beneficiaries within seconds (ADR 0021). The
 * launcher waits for it, so that the first page shows balances rather than « chiffres manquants ».
 */
async function balanceBasesRecorded(databaseUrl: string, log: (line: string) => void, timeoutMs = 60_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from funding.final_report where received_on is not null and closing_places is null`);
      if (rows[0]!.n === 0) return;
      if (Date.now() > deadline) {
        log(`[funding] ${rows[0]!.n} final reports still wait for their balance basis; their balances read « chiffres manquants » until funding records it`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await client.end();
  }
}
