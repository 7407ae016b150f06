import { migrateSchema, openOrm, stopOnSignals, type NamedMigration, type OrmOptions } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphEnv } from './env.js';
import { CallerTokenVerifier } from './identity/token.js';
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
  const running = await serveSubgraph({
    name: definition.name,
    schema,
    orm,
    verifier,
    host: env.host,
    port: env.port,
    production: env.production,
    log,
  });
  return {
    orm,
    url: running.url,
    close: async () => {
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
