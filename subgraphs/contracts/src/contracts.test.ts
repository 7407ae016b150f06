import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsSubgraph } from './subgraph.js';
import { newConvention } from './test-support/factories.js';

// This file owns Département 86 (Vienne) in the shared test database.
const DEPARTMENT = '86';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const caller = testCaller({ departmentCode: DEPARTMENT });

beforeAll(async () => {
  orm = await openTestOrm(contractsSubgraph, counter);
  schema = await contractsSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('Territory.placesContracted', () => {
  it('adds up the places of the conventions in force today, per territory, in one query', async () => {
    const one = await createTestTerritory(orm.em.fork(), DEPARTMENT, ['86194']);
    const two = await createTestTerritory(orm.em.fork(), DEPARTMENT, ['86194']);
    const shared = await newConvention(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2000-01-01', endsOn: '2099-12-31', places: 100, territories: { [one]: 60, [two]: 40 } });
    await newConvention(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2000-01-01', endsOn: '2001-12-31', places: 30, territories: { [one]: 30 } }); // ended
    await newConvention(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2098-01-01', endsOn: '2099-12-31', places: 45, territories: { [two]: 45 } }); // not yet
    const whole = await newConvention(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2000-01-01', endsOn: '2099-12-31', places: 90, territories: { [one]: 90 } });

    counter.reset();
    const { data, errors } = await execute<{ _entities: { placesContracted: number; conventionPlaces: unknown[] }[] }>(
      schema,
      testContext(orm, caller),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { placesContracted conventionPlaces { conventionId territoryPlaces conventionPlaces } } } }',
      { r: [one, two].map((id) => ({ __typename: 'Territory', id })) },
    );
    expect(errors).toEqual([]);
    expect(counter.count).toBe(1);
    expect(data?._entities[0]?.placesContracted).toBe(150);
    expect(data?._entities[1]?.placesContracted).toBe(40);
    expect(data?._entities[0]?.conventionPlaces).toEqual(
      [
        { conventionId: shared, territoryPlaces: 60, conventionPlaces: 100 },
        { conventionId: whole, territoryPlaces: 90, conventionPlaces: 90 },
      ].sort((a, b) => a.conventionId.localeCompare(b.conventionId)),
    );
  });
});

describe('Convention references', () => {
  it('resolves 50 conventions in one SQL query, with their operator and FTE', async () => {
    const operatorId = randomUUID();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await newConvention(orm.em.fork(), { departmentCode: DEPARTMENT, startsOn: '2025-01-01', endsOn: '2025-12-31', places: 225, territories: {}, operatorId }));
    counter.reset();
    const { data, errors } = await execute<{ _entities: { id: string; fte: number; places: number; operator: { id: string } }[] }>(
      schema,
      testContext(orm, caller),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Convention { id fte places operator { id } } } }',
      { r: ids.map((id) => ({ __typename: 'Convention', id })) },
    );
    expect(errors).toEqual([]);
    expect(counter.count).toBe(1);
    expect(data?._entities.map((c) => c.id)).toEqual(ids);
    expect(data?._entities[0]).toEqual({ id: ids[0], fte: 2.5, places: 225, operator: { id: operatorId } });
    const elsewhere = await execute(schema, testContext(orm, testCaller({ departmentCode: '62' })), 'query ($id: ID!) { convention(id: $id) { id } }', { id: ids[0] });
    expect(elsewhere.data).toEqual({ convention: null });
  });
});
