import type { MikroORM } from '@mikro-orm/postgresql';
import { openTestOrm, testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { loadScalePopulations, type PopulationOptions } from '../population/population.load.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { useTestIdentityKey } from './factories.js';

/** A synthetic Département at scale in the shared test database, with what a test needs to read it directly and through the subgraph. */
export interface ScaleWorld {
  client: pg.Client;
  orm: MikroORM;
  schema: GraphQLSchema;
  close(): Promise<void>;
}

/**
 * Loads one Département's synthetic population (`loadScalePopulations`) with a fresh seed — the
 * shared database may already hold an earlier run's people, and their ids embed the seed — and
 * opens a direct connection, the subgraph's ORM and its schema.
 */
export async function openScaleWorld(departmentCode: string, options: Omit<PopulationOptions, 'seed'>): Promise<ScaleWorld> {
  useTestIdentityKey();
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  await loadScalePopulations(client, { ...options, departments: [departmentCode], seed: Math.floor(Math.random() * 1e9) });
  const orm = await openTestOrm(beneficiariesSubgraph);
  const schema = await beneficiariesSubgraph.buildSchema();
  return {
    client,
    orm,
    schema,
    close: async () => {
      await orm.close(true);
      await client.end();
    },
  };
}
