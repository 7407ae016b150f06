import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundingSubgraph } from './subgraph.js';
import { newCommitment, newProgramme } from './test-support/factories.js';

// This file owns Département 75 (Paris) in the shared test database.
const DEPARTMENT = '75';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const caller = testCaller({ departmentCode: DEPARTMENT });

beforeAll(async () => {
  orm = await openTestOrm(fundingSubgraph, counter);
  schema = await fundingSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('Territory.fundingCommitted', () => {
  it("prorates each convention's commitments by the places it holds in the territory, in one query", async () => {
    const programme = await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT });
    const shared = randomUUID();
    const whole = randomUUID();
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: shared, amountCents: 600_000, budgetYear: 2025 });
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: shared, amountCents: 400_000, budgetYear: 2026 });
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: whole, amountCents: 333_333 });

    counter.reset();
    const { data, errors } = await execute<{ _entities: { fundingCommitted: number }[] }>(
      schema,
      testContext(orm, caller),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { fundingCommitted } } }',
      {
        r: [
          {
            __typename: 'Territory',
            id: '75-a',
            conventionPlaces: [
              { conventionId: shared, territoryPlaces: 60, conventionPlaces: 100 },
              { conventionId: whole, territoryPlaces: 90, conventionPlaces: 90 },
            ],
          },
          { __typename: 'Territory', id: '75-b', conventionPlaces: [{ conventionId: shared, territoryPlaces: 40, conventionPlaces: 100 }] },
          { __typename: 'Territory', id: '75-c', conventionPlaces: [] },
        ],
      },
    );
    expect(errors).toEqual([]);
    // 60 % of 600 000 + 60 % of 400 000 + all of 333 333 cents; 40 % of the shared convention; nothing.
    expect(data?._entities).toEqual([{ fundingCommitted: 933_333 }, { fundingCommitted: 400_000 }, { fundingCommitted: 0 }]);
    expect(counter.count).toBe(1);
  });
});

describe('Programme references', () => {
  it('resolves 50 programmes in one query, and their totals in one more', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT, name: `Programme ${String(i).padStart(2, '0')}` }));
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: ids[7]!, conventionId: randomUUID(), amountCents: 21_000_000 });
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: ids[7]!, conventionId: randomUUID(), amountCents: 150 });
    counter.reset();
    const { data, errors } = await execute<{ _entities: { id: string; name: string; committedCents: number }[] }>(
      schema,
      testContext(orm, caller),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Programme { id name committedCents } } }',
      { r: ids.map((id) => ({ __typename: 'Programme', id })) },
    );
    expect(errors).toEqual([]);
    expect(data?._entities.map((p) => p.id)).toEqual(ids);
    expect(data?._entities[7]).toEqual({ id: ids[7], name: 'Programme 07', committedCents: 21_000_150 });
    expect(data?._entities[8]?.committedCents).toBe(0);
    expect(counter.count).toBe(2);
  });

  it("does not resolve another Département's programme", async () => {
    const id = await newProgramme(orm.em.fork(), { departmentCode: '62', name: 'Ailleurs' });
    const { data } = await execute(schema, testContext(orm, caller), 'query ($id: ID!) { programme(id: $id) { id } }', { id });
    expect(data).toEqual({ programme: null });
  });
});
