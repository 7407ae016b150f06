import { randomUUID } from 'node:crypto';
import { openOrm } from '@passerelles/db';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { graphql, type GraphQLSchema } from 'graphql';
import { LoaderRegistry, type SubgraphContext } from '../context.js';
import type { Caller } from '../identity/caller.js';
import type { SubgraphDefinition } from '../subgraph.js';

/**
 * Helpers for medium tests: a real PostgreSQL (the throwaway cluster the test run starts, migrated
 * with the real migrations), real services and the real schema. Nothing here mocks the database.
 */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test` (its global setup starts PostgreSQL).');
  return url;
}

/** Counts the SQL statements an ORM sends, so tests can assert batching (no N+1). */
export class QueryCounter {
  statements: string[] = [];

  readonly listener = (sql: string): void => {
    this.statements.push(sql);
  };

  reset(): void {
    this.statements = [];
  }

  get count(): number {
    return this.statements.length;
  }
}

export async function openTestOrm(definition: SubgraphDefinition, counter?: QueryCounter): Promise<MikroORM> {
  return (await openOrm({
    clientUrl: testDatabaseUrl(),
    schema: definition.schemaName,
    entities: definition.entities,
    ...(counter ? { onQuery: counter.listener } : {}),
  })) as MikroORM;
}

/** A caller as the gateway signs them; user ids are UUIDs, as `auth.app_user` hands them out (and fields taking user ids check). */
export function testCaller(overrides: Partial<Caller> = {}): Caller {
  return { userId: randomUUID(), role: 'ADMIN', departmentCode: '62', territoryIds: [], partnerId: null, ...overrides };
}

export function testContext(orm: MikroORM, caller: Caller = testCaller()): SubgraphContext {
  return { caller, correlationId: randomUUID(), em: orm.em.fork(), loaders: new LoaderRegistry() };
}

/** Executes an operation against a subgraph schema as the subgraph server would. */
export async function execute<T = Record<string, unknown>>(
  schema: GraphQLSchema,
  ctx: SubgraphContext,
  source: string,
  variableValues: Record<string, unknown> = {},
): Promise<{ data: T | null; errors: string[] }> {
  const result = await graphql({ schema, source, variableValues, contextValue: ctx });
  return { data: (result.data ?? null) as T | null, errors: (result.errors ?? []).map((e) => e.message) };
}

/**
 * Creates a territory of its own for a test, made of the given communes (real COG codes), so that
 * per-territory figures are exact whatever other tests write at the same time.
 */
export async function createTestTerritory(em: EntityManager, departmentCode: string, communeCodes: string[]): Promise<string> {
  const id = `${departmentCode}-test-${randomUUID()}`;
  await em.getConnection().execute(
    `insert into ref.territory (id, department_code, name, kind, source) values (?, ?, ?, 'TEST', 'created by a test')`,
    [id, departmentCode, `Test ${id.slice(-8)}`],
  );
  for (const code of communeCodes) {
    await em.getConnection().execute(`insert into ref.territory_commune (department_code, territory_id, commune_code) values (?, ?, ?)`, [
      departmentCode,
      id,
      code,
    ]);
  }
  return id;
}
