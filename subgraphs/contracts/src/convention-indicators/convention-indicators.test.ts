import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, type Caller } from '@passerelles/subgraph-kit';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsSubgraph } from '../subgraph.js';
import { newConvention, newEngagementContract, type ConventionOptions } from '../test-support/factories.js';

// This file owns Département 44 (Loire-Atlantique) in the shared test database.
const DEPARTMENT = '44';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });
const id = { programme: randomUUID(), other: randomUUID(), o1: randomUUID(), o2: randomUUID(), c1: randomUUID(), c2: randomUUID(), c3: randomUUID(), c4: randomUUID(), c5: randomUUID() };

const FIELDS = 'key territoryId conventionCount placesContracted placesInForceAtEnd shares { conventionId territoryPlaces conventionPlaces } territories { territoryId placesContracted placesInForceAtEnd }';
interface Figures {
  key: string;
  territoryId: string | null;
  conventionCount: number;
  placesContracted: number;
  placesInForceAtEnd: number;
  shares: { conventionId: string; territoryPlaces: number; conventionPlaces: number }[];
  territories: { territoryId: string; placesContracted: number; placesInForceAtEnd: number }[];
}

async function figures(scope: Record<string, unknown>, period: { from: string; to: string }, caller: Caller = admin): Promise<Figures> {
  const { data, errors } = await execute<{ conventionIndicators: Figures }>(schema, testContext(orm, caller), `query ($s: ConventionIndicatorScopeInput, $p: PeriodInput!) { conventionIndicators(scope: $s, period: $p) { ${FIELDS} } }`, { s: scope, p: period });
  if (errors.length > 0) throw new Error(errors.join('; '));
  return data!.conventionIndicators;
}

const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };
const byConvention = (shares: Figures['shares']) => [...shares].sort((a, b) => a.conventionId.localeCompare(b.conventionId));

beforeAll(async () => {
  orm = await openTestOrm(contractsSubgraph, counter);
  schema = await contractsSubgraph.buildSchema();
  const conventions: Omit<ConventionOptions, 'departmentCode'>[] = [
    { id: id.c1, programmeId: id.programme, operatorId: id.o1, startsOn: '2025-01-01', endsOn: '2025-12-31', places: 180, territories: { '44-a': 90, '44-b': 90 } },
    { id: id.c2, programmeId: id.programme, operatorId: id.o2, startsOn: '2025-09-01', endsOn: '2025-12-31', places: 90, territories: { '44-c': 90 } },
    { id: id.c3, programmeId: id.programme, operatorId: id.o1, startsOn: '2026-01-01', endsOn: '2026-12-31', places: 180, territories: { '44-a': 180 } },
    { id: id.c4, programmeId: id.other, operatorId: id.o1, startsOn: '2025-01-01', endsOn: '2025-12-31', places: 90 },
    { id: id.c5, programmeId: id.programme, operatorId: id.o2, startsOn: '2024-01-01', endsOn: '2024-12-31', places: 90, territories: { '44-c': 90 } },
  ];
  for (const c of conventions) await newConvention(orm.em.fork(), { departmentCode: DEPARTMENT, fte: 1, ...c });
});
afterAll(async () => {
  await orm.close(true);
});

describe('convention indicators', () => {
  it('sums the places of the conventions of the period for a programme, in one statement, and per territory served', async () => {
    counter.reset();
    const year = await figures({ programmeId: id.programme }, YEAR_2025);
    expect(counter.count).toBe(1);
    expect(year).toMatchObject({ territoryId: null, conventionCount: 2, placesContracted: 270, placesInForceAtEnd: 270 });
    expect(byConvention(year.shares)).toEqual(
      byConvention([
        { conventionId: id.c1, territoryPlaces: 180, conventionPlaces: 180 },
        { conventionId: id.c2, territoryPlaces: 90, conventionPlaces: 90 },
      ]),
    );
    expect(year.territories).toEqual([
      { territoryId: '44-a', placesContracted: 90, placesInForceAtEnd: 90 },
      { territoryId: '44-b', placesContracted: 90, placesInForceAtEnd: 90 },
      { territoryId: '44-c', placesContracted: 90, placesInForceAtEnd: 90 },
    ]);

    // Over two years, the places at the end are those of the conventions still in force then.
    const twoYears = await figures({ programmeId: id.programme }, { from: '2025-06-01', to: '2026-06-30' });
    expect(twoYears).toMatchObject({ conventionCount: 3, placesContracted: 450, placesInForceAtEnd: 180 });
    expect(twoYears.territories[0]).toEqual({ territoryId: '44-a', placesContracted: 270, placesInForceAtEnd: 180 });
  });

  it('narrows to a territory’s places, an operator’s conventions, and the caller’s rights', async () => {
    const territory = await figures({ programmeId: id.programme, territoryId: '44-a' }, YEAR_2025);
    expect(territory).toMatchObject({ territoryId: '44-a', conventionCount: 1, placesContracted: 90, shares: [{ conventionId: id.c1, territoryPlaces: 90, conventionPlaces: 180 }] });
    // An operator's conventions of every programme, those serving no territory included.
    const operator = await figures({ operatorId: id.o1 }, YEAR_2025);
    expect(operator).toMatchObject({ conventionCount: 2, placesContracted: 270 });
    // The operator itself sees its own conventions only, whatever it asks for.
    const o2 = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: id.o2 });
    expect(await figures({ operatorId: id.o1 }, YEAR_2025, o2)).toMatchObject({ conventionCount: 0, placesContracted: 0 });
    expect(await figures({}, YEAR_2025, o2)).toMatchObject({ conventionCount: 1, placesContracted: 90 });
    // A caller limited to a territory counts the places held there, and nothing elsewhere.
    const limited = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: ['44-b'] });
    expect(await figures({ programmeId: id.programme }, YEAR_2025, limited)).toMatchObject({ placesContracted: 90, territories: [{ territoryId: '44-b', placesContracted: 90 }] });
    expect(await figures({ territoryId: '44-a' }, YEAR_2025, limited)).toMatchObject({ conventionCount: 0, placesContracted: 0 });
    // A malformed id is the caller's error, refused before any SQL.
    await expect(figures({ programmeId: 'not-a-uuid' }, YEAR_2025)).rejects.toThrow('scope.programmeId: « not-a-uuid » is not an identifier.');
    // Another Département's caller sees none of them.
    expect(await figures({ programmeId: id.programme }, YEAR_2025, testCaller({ departmentCode: '45' }))).toMatchObject({ conventionCount: 0 });
  });

  it('resolves a reference from its key, as funding needs for the money of the same conventions', async () => {
    const year = await figures({ programmeId: id.programme }, YEAR_2025);
    const { data, errors } = await execute<{ _entities: Figures[] }>(schema, testContext(orm, admin), `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ConventionIndicators { ${FIELDS} } } }`, {
      r: [{ __typename: 'ConventionIndicators', key: year.key }],
    });
    expect(errors).toEqual([]);
    expect(data!._entities).toEqual([year]);
  });
});

describe('CER per territory', () => {
  it('counts the CER signed in the period per territory, for exact callers only', async () => {
    const cer = async (territoryId: string | null, n: number, signedOn: string): Promise<void> => {
      for (let i = 0; i < n; i++) await newEngagementContract(orm.em.fork(), { departmentCode: DEPARTMENT, territoryId, startsOn: signedOn, endsOn: addDays(signedOn, 180) });
    };
    await cer('44-a', 12, '2025-03-01');
    await cer('44-b', 3, '2025-04-01');
    await cer('44-c', 20, '2024-04-01'); // before the period
    const query = `query ($p: PeriodInput!) { contractIndicators(period: $p) { cerSigned { value suppressed } byTerritory { territoryId cerSigned { value suppressed } } } }`;
    const run = async (caller: Caller) => {
      const { data, errors } = await execute<{ contractIndicators: unknown }>(schema, testContext(orm, caller), query, { p: YEAR_2025 });
      expect(errors).toEqual([]);
      return data!.contractIndicators;
    };
    expect(await run(admin)).toEqual({
      cerSigned: { value: 15, suppressed: false },
      byTerritory: [
        { territoryId: '44-a', cerSigned: { value: 12, suppressed: false } },
        { territoryId: '44-b', cerSigned: { value: 3, suppressed: false } },
      ],
    });
    // Steering reads the year's total, not the territories: beside it, they would be a table with
    // margins that per-query suppression does not protect against differencing (ADR 0023).
    expect(await run(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }))).toEqual({
      cerSigned: { value: 15, suppressed: false },
      byTerritory: [],
    });
  });
});
