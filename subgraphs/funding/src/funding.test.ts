import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConventionPlaces } from './convention/convention-places.js';
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

const places = (conventionId: string, convention: number, territories: Record<string, number>, revisedAt: string, dates = { startsOn: '2000-01-01', endsOn: '2099-12-31' }): Parameters<typeof recordConventionPlaces>[3] => ({
  conventionId,
  places: convention,
  ...dates,
  territories: Object.entries(territories).map(([territoryId, n]) => ({ territoryId, places: n })),
  revisedAt,
});

async function committed(ids: string[]): Promise<{ fundingCommitted: number }[]> {
  const { data, errors } = await execute<{ _entities: { fundingCommitted: number }[] }>(
    schema,
    testContext(orm, caller),
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { fundingCommitted } } }',
    { r: ids.map((id) => ({ __typename: 'Territory', id })) },
  );
  expect(errors).toEqual([]);
  return data!._entities;
}

describe('Territory.fundingCommitted', () => {
  it("prorates each convention's commitments by the places it holds in the territory, in one query", async () => {
    const programme = await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT });
    const shared = randomUUID();
    const whole = randomUUID();
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: shared, amountCents: 600_000, budgetYear: 2025 });
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: shared, amountCents: 400_000, budgetYear: 2026 });
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: whole, amountCents: 333_333 });
    // The places as contracts tells them (ADR 0028): 60 of the shared convention's 100 in 75-a, 40 in 75-b; all 90 of the other in 75-a.
    await recordConventionPlaces(orm.em.fork(), DEPARTMENT, randomUUID(), places(shared, 100, { '75-a': 60, '75-b': 40 }, '2026-01-01T00:00:00Z'));
    await recordConventionPlaces(orm.em.fork(), DEPARTMENT, randomUUID(), places(whole, 90, { '75-a': 90 }, '2026-01-01T00:00:00Z'));

    counter.reset();
    const entities = await committed(['75-a', '75-b', '75-c']);
    // 60 % of 600 000 + 60 % of 400 000 + all of 333 333 cents; 40 % of the shared convention; nothing.
    expect(entities).toEqual([{ fundingCommitted: 933_333 }, { fundingCommitted: 400_000 }, { fundingCommitted: 0 }]);
    expect(counter.count).toBe(1);
  });

  it('follows a change of places told by contracts, ignores an older snapshot delivered late or twice, and counts only conventions in force today', async () => {
    const programme = await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT });
    const convention = randomUUID();
    const ended = randomUUID();
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: convention, amountCents: 1_000_000 });
    await newCommitment(orm.em.fork(), { departmentCode: DEPARTMENT, programmeId: programme, conventionId: ended, amountCents: 5_000_000 });
    const first = places(convention, 100, { '75-d': 100 }, '2026-02-01T10:00:00.000001Z');
    expect(await recordConventionPlaces(orm.em.fork(), DEPARTMENT, randomUUID(), first)).toBe(true);
    await recordConventionPlaces(orm.em.fork(), DEPARTMENT, randomUUID(), places(ended, 50, { '75-d': 50 }, '2026-02-01T10:00:00Z', { startsOn: '2000-01-01', endsOn: '2000-12-31' }));
    expect(await committed(['75-d', '75-e'])).toEqual([{ fundingCommitted: 1_000_000 }, { fundingCommitted: 0 }]);

    // An amendment: a quarter of the places move to 75-e.
    expect(await recordConventionPlaces(orm.em.fork(), DEPARTMENT, randomUUID(), places(convention, 100, { '75-d': 75, '75-e': 25 }, '2026-02-01T10:00:00.000002Z'))).toBe(true);
    expect(await committed(['75-d', '75-e'])).toEqual([{ fundingCommitted: 750_000 }, { fundingCommitted: 250_000 }]);
    // The first snapshot again (a repeated or late delivery): nothing changes.
    expect(await recordConventionPlaces(orm.em.fork(), DEPARTMENT, randomUUID(), first)).toBe(false);
    expect(await committed(['75-d', '75-e'])).toEqual([{ fundingCommitted: 750_000 }, { fundingCommitted: 250_000 }]);
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
