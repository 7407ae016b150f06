import { migrateSchema, openOrm, stopOnSignals, type NamedMigration, type OrmOptions } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphEnv } from './env.js';
import { CallerTokenVerifier } from './identity/token.js';
import { ServiceTokenSigner, ServiceTokenVerifier } from './identity/service-token.js';
import type { InternalHandler } from './events/internal.js';
import { OutboxRelay } from './events/outbox.js';
import { InternalClient } from './events/internal-client.js';
import { serveSubgraph, type RunningSubgraph } from './server.js';

/** Everything that makes a subgraph, so that tools (tests, compose, launcher) can handle all four alike. */
export interface SubgraphDefinition {
  /** Service name, as in the supergraph (`beneficiaries`, `partners`, `contracts`, `funding`). */
  name: string;
  /** The PostgreSQL schema it owns. */
  schemaName: string;
  defaultPort: number;
  entities: NonNullable<OrmOptions['entities']>;
  migrations: NamedMigration[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Work the schema's migrations cannot do without the service's secrets (e.g. re-deriving keyed columns), run once the ORM is open and before serving. */
  afterMigrate?(orm: MikroORM, log: (line: string) => void): Promise<void>;
  /** Events it receives from other subgraphs, by topic (ADR 0021). */
  internal?: Record<string, InternalHandler>;
  /** Events it emits through its outbox (`<schema>.outbox`): the subgraph that receives each topic. */
  emits?: Record<string, string>;
  /** Subgraphs it asks for figures (internal queries, from background work only). */
  calls?: readonly string[];
  /** Work it runs beside serving (started once it serves, stopped before it closes). */
  background?(work: { orm: MikroORM; client: InternalClient | null; log: (line: string) => void }): BackgroundJob;
}

export interface BackgroundJob {
  start(): void;
  stop(): Promise<void>;
}

export interface StartedSubgraph extends RunningSubgraph {
  orm: MikroORM;
}

/** Migrates the subgraph's schema, opens its ORM and serves it. */
export async function startSubgraph(
  definition: SubgraphDefinition,
  env: SubgraphEnv,
  log: (line: string) => void = (line) => console.error(line),
): Promise<StartedSubgraph> {
  await migrateSchema({ clientUrl: env.databaseUrl, schema: definition.schemaName, migrations: definition.migrations });
  const orm = (await openOrm({
    clientUrl: env.databaseUrl,
    schema: definition.schemaName,
    entities: definition.entities,
    debug: env.debugSql,
  })) as MikroORM;
  await definition.afterMigrate?.(orm, log);
  const schema = await definition.buildSchema();
  const verifier = await CallerTokenVerifier.fromPem(env.gatewayPublicKeyPem);
  const signer = await serviceSignerOf(definition, env);
  const relay = signer ? outboxRelayOf(definition, env, orm, signer, log) : null;
  const client = signer && definition.calls?.length ? new InternalClient(signer, env.internalUrls) : null;
  const job = definition.background?.({ orm, client, log }) ?? null;
  const running = await serveSubgraph({
    name: definition.name,
    schema,
    orm,
    verifier,
    host: env.host,
    port: env.port,
    production: env.production,
    log,
    internal: definition.internal,
    serviceVerifier: definition.internal ? await serviceVerifierOf(definition, env) : null,
  });
  relay?.start();
  job?.start();
  return {
    orm,
    url: running.url,
    close: async () => {
      await job?.stop();
      await relay?.stop();
      await running.close();
      await orm.close(true);
    },
  };
}

/** Process entry point: start, print the URL, stop cleanly on SIGINT/SIGTERM. */
export async function runSubgraphMain(definition: SubgraphDefinition, readEnv: () => SubgraphEnv): Promise<void> {
  let env: SubgraphEnv;
  try {
    env = readEnv();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  const running = await startSubgraph(definition, env);
  console.log(`[${definition.name}] listening on ${running.url}`);
  stopOnSignals(running.close);
}

/** The receiving side needs the services' public key: without it, the events it must receive would be lost. */
async function serviceVerifierOf(definition: SubgraphDefinition, env: SubgraphEnv): Promise<ServiceTokenVerifier> {
  if (!env.servicePublicKeyPem) {
    throw new Error(`Invalid configuration of the ${definition.name} subgraph: SERVICE_PUBLIC_KEY is required (it receives ${Object.keys(definition.internal ?? {}).join(', ')} from other subgraphs)`);
  }
  return ServiceTokenVerifier.fromPem(env.servicePublicKeyPem);
}

/**
 * A subgraph that emits events or asks others for figures needs the services' private key and the
 * address of each subgraph it talks to; null when it talks to none.
 */
async function serviceSignerOf(definition: SubgraphDefinition, env: SubgraphEnv): Promise<ServiceTokenSigner | null> {
  const peers = [...new Set([...Object.values(definition.emits ?? {}), ...(definition.calls ?? [])])];
  if (peers.length === 0) return null;
  const missing = [...(env.serviceSigningKeyPem ? [] : ['SERVICE_SIGNING_KEY']), ...peers.filter((to) => !env.internalUrls[to]).map((to) => `${to.toUpperCase()}_INTERNAL_URL`)];
  if (missing.length > 0) {
    throw new Error(`Invalid configuration of the ${definition.name} subgraph: ${missing.join(', ')} required (it talks to ${peers.join(', ')})`);
  }
  return ServiceTokenSigner.fromPem(definition.name, env.serviceSigningKeyPem!);
}

/** The relay of the events it emits, to the subgraph that receives each topic. */
function outboxRelayOf(definition: SubgraphDefinition, env: SubgraphEnv, orm: MikroORM, signer: ServiceTokenSigner, log: (line: string) => void): OutboxRelay | null {
  const emits = Object.entries(definition.emits ?? {});
  if (emits.length === 0) return null;
  const destinations = Object.fromEntries(emits.map(([topic, to]) => [topic, env.internalUrls[to]!]));
  return new OutboxRelay({ orm, schema: definition.schemaName, destinations, signer, log });
}
