import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractsSubgraph } from '../subgraph.js';

// This file owns Département 14 (Calvados) in the shared test database.
const DEPARTMENT = '14';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });

interface Convention {
  id: string;
  fte: number;
  places: number;
  startsOn: string;
  endsOn: string;
  periodMonths: number;
  territories: { territory: { id: string }; places: number }[];
}
interface Result {
  ok: boolean;
  error: { code: string } | null;
  convention: Convention | null;
}
const FIELDS = 'id fte places startsOn endsOn periodMonths territories { territory { id } places }';

async function mutate(field: string, input: Record<string, unknown>, type: string, caller: Caller = admin): Promise<Result> {
  const { data, errors } = await execute<{ r: Result }>(schema, testContext(orm, caller), `mutation ($input: ${type}!) { r: ${field}(input: $input) { ok error { code } convention { ${FIELDS} } } }`, { input });
  if (errors.length > 0) throw new Error(errors.join('; '));
  return data!.r;
}
const createConvention = (input: Record<string, unknown>, caller: Caller = admin): Promise<Result> =>
  mutate('createConvention', { operatorId: randomUUID(), programmeId: randomUUID(), name: `Convention ${randomUUID().slice(0, 8)}`, startsOn: '2025-01-01', endsOn: '2025-12-31', fte: 1, territories: [], ...input }, 'CreateConventionInput', caller);
const amend = (input: Record<string, unknown>): Promise<Result> => mutate('amendConvention', { signedOn: '2025-06-01', reason: 'Avenant', ...input }, 'AmendConventionInput');

beforeAll(async () => {
  orm = await openTestOrm(contractsSubgraph, counter);
  schema = await contractsSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

describe('conventions', () => {
  it('contracts 90 places per FTE unless told otherwise, and checks places per territory', async () => {
    const doubs = await createConvention({ fte: 2.5, startsOn: '2025-07-01', endsOn: '2026-12-31', territories: [{ territoryId: '14-a', places: 135 }, { territoryId: '14-b', places: 90 }] });
    expect(doubs.convention).toMatchObject({ fte: 2.5, places: 225, periodMonths: 18, territories: [{ territory: { id: '14-a' }, places: 135 }, { territory: { id: '14-b' }, places: 90 }] });
    expect((await createConvention({ fte: 1, places: 80, startsOn: '2025-09-01', endsOn: '2025-12-31' })).convention).toMatchObject({ places: 80, periodMonths: 4 });
    expect((await createConvention({ fte: 1, territories: [{ territoryId: '14-a', places: 45 }] })).error).toEqual({ code: 'TERRITORY_PLACES_DO_NOT_ADD_UP' });
    expect((await createConvention({ fte: 1.234 })).error).toEqual({ code: 'INVALID_FTE' });
    expect((await createConvention({ startsOn: '2025-12-31', endsOn: '2025-01-01' })).error).toEqual({ code: 'DATES_OUT_OF_ORDER' });
    const steering = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' })), 'mutation ($i: CreateConventionInput!) { createConvention(input: $i) { ok } }', {
      i: { operatorId: randomUUID(), programmeId: randomUUID(), name: 'x', startsOn: '2025-01-01', endsOn: '2025-12-31', fte: 1, territories: [] },
    });
    expect(steering.errors).toEqual(['Your role (STEERING) may not change conventions.']);
  });

  it('applies amendments to FTE, places and period, and keeps each one with the values before and after', async () => {
    const created = await createConvention({ fte: 2, territories: [{ territoryId: '14-c', places: 180 }], objectives: [{ kind: 'QUANTITATIVE', label: 'Places en file active', target: 180 }, { kind: 'QUALITATIVE', label: 'Travail avec le SLAI' }] });
    const id = created.convention!.id;
    const first = await amend({ conventionId: id, fte: 2.5 });
    expect(first.convention).toMatchObject({ fte: 2.5, places: 225, territories: [{ territory: { id: '14-c' }, places: 225 }] });
    const second = await amend({ conventionId: id, signedOn: '2025-10-01', endsOn: '2026-06-30', places: 200, reason: 'Prolongation de 6 mois' });
    expect(second.convention).toMatchObject({ fte: 2.5, places: 200, endsOn: '2026-06-30', periodMonths: 18 });
    expect((await amend({ conventionId: id })).error).toEqual({ code: 'NO_CHANGE' });
    expect((await amend({ conventionId: randomUUID(), fte: 3 })).error).toEqual({ code: 'NOT_FOUND' });
    expect((await execute(schema, testContext(orm, admin), '{ convention(id: "not-a-uuid") { id } }')).data).toEqual({ convention: null });
    const { data } = await execute<{ convention: { amendments: unknown[]; objectives: unknown[] } }>(
      schema,
      testContext(orm, admin),
      'query ($id: ID!) { convention(id: $id) { amendments { number signedOn reason fteBefore fteAfter placesBefore placesAfter endsOnBefore endsOnAfter } objectives { kind label target } } }',
      { id },
    );
    expect(data?.convention.amendments).toEqual([
      { number: 1, signedOn: '2025-06-01', reason: 'Avenant', fteBefore: 2, fteAfter: 2.5, placesBefore: 180, placesAfter: 225, endsOnBefore: '2025-12-31', endsOnAfter: '2025-12-31' },
      { number: 2, signedOn: '2025-10-01', reason: 'Prolongation de 6 mois', fteBefore: 2.5, fteAfter: 2.5, placesBefore: 225, placesAfter: 200, endsOnBefore: '2025-12-31', endsOnAfter: '2026-06-30' },
    ]);
    expect(data?.convention.objectives).toEqual([
      { kind: 'QUANTITATIVE', label: 'Places en file active', target: 180 },
      { kind: 'QUALITATIVE', label: 'Travail avec le SLAI', target: null },
    ]);
    const shared = await createConvention({ fte: 1, territories: [{ territoryId: '14-d', places: 45 }, { territoryId: '14-e', places: 45 }] });
    expect((await amend({ conventionId: shared.convention!.id, fte: 2 })).error).toEqual({ code: 'TERRITORY_PLACES_REQUIRED' });
    expect((await amend({ conventionId: shared.convention!.id, fte: 2, territories: [{ territoryId: '14-d', places: 100 }, { territoryId: '14-e', places: 80 }] })).convention?.places).toBe(180);
  });

  it('tells funding the places of each convention created or amended, in the transaction of the change, and nothing for a refused one (ADR 0028)', async () => {
    const events = async (conventionId: string): Promise<{ department_code: string; payload: Record<string, unknown> }[]> =>
      orm.em.fork().execute(`select department_code, payload from contracts.outbox where topic = 'convention-places' and event_key = ? order by created_at`, [conventionId]);
    const created = await createConvention({ fte: 1, startsOn: '2025-01-01', endsOn: '2026-12-31', territories: [{ territoryId: '14-g', places: 60 }, { territoryId: '14-f', places: 30 }] });
    const id = created.convention!.id;
    await amend({ conventionId: id, places: 120, territories: [{ territoryId: '14-f', places: 120 }] });
    expect((await amend({ conventionId: id, places: 100, territories: [{ territoryId: '14-f', places: 90 }] })).error).toEqual({ code: 'TERRITORY_PLACES_DO_NOT_ADD_UP' });
    const told = await events(id);
    expect(told.map((e) => ({ ...e, payload: { ...e.payload, revisedAt: typeof e.payload.revisedAt } }))).toEqual([
      { department_code: DEPARTMENT, payload: { conventionId: id, places: 90, startsOn: '2025-01-01', endsOn: '2026-12-31', territories: [{ territoryId: '14-f', places: 30 }, { territoryId: '14-g', places: 60 }], revisedAt: 'string' } },
      { department_code: DEPARTMENT, payload: { conventionId: id, places: 120, startsOn: '2025-01-01', endsOn: '2026-12-31', territories: [{ territoryId: '14-f', places: 120 }], revisedAt: 'string' } },
    ]);
    // The snapshots are ordered by contracts' clock, which is what funding keeps the latest by.
    expect(Date.parse(told[1]!.payload.revisedAt as string)).toBeGreaterThan(Date.parse(told[0]!.payload.revisedAt as string));
  });

  it('pages through conventions with filters; an operator sees only its own', async () => {
    const operatorId = randomUUID();
    const programmeId = randomUUID();
    const ids: string[] = [];
    for (const name of ['C', 'A', 'B']) ids.push((await createConvention({ operatorId, programmeId, name: `${programmeId} ${name}` })).convention!.id);
    await createConvention({ programmeId, name: `${programmeId} D`, startsOn: '2026-01-01', endsOn: '2026-12-31' });
    const page = async (caller: Caller, filter: Record<string, unknown>, after: string | null): Promise<{ nodes: { id: string; name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }> => {
      const { data, errors } = await execute<{ conventions: never }>(schema, testContext(orm, caller), 'query ($f: ConventionFilterInput, $after: String) { conventions(filter: $f, first: 2, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }', { f: filter, after });
      expect(errors).toEqual([]);
      return data!.conventions;
    };
    const first = await page(admin, { programmeId, inForceOn: '2025-06-01' }, null);
    expect(first.nodes.map((n) => n.name.slice(-1))).toEqual(['A', 'B']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(admin, { programmeId, inForceOn: '2025-06-01' }, first.pageInfo.endCursor);
    expect(second.nodes.map((n) => n.name.slice(-1))).toEqual(['C']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: operatorId });
    expect((await page(operator, { programmeId }, null)).nodes.map((n) => n.name.slice(-1))).toEqual(['A', 'B']);
    expect((await page(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() }), { programmeId }, null)).nodes).toEqual([]);
    expect((await page(testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' }), { programmeId }, null)).nodes).toHaveLength(2);
  });
});

describe('convention alerts', () => {
  it('lists conventions ending within 60 days, and flags caseloads below 80 % or above the places', async () => {
    const operatorId = randomUUID();
    const operator = testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: operatorId });
    const soon = (await createConvention({ operatorId, startsOn: '2031-01-01', endsOn: '2031-03-31', fte: 1 })).convention!;
    // Ends later in 2031: not « ending soon » on 15 February.
    await createConvention({ operatorId, startsOn: '2031-01-01', endsOn: '2031-12-31', fte: 1 });
    const { data } = await execute<{ conventionAlerts: unknown[] }>(schema, testContext(orm, operator), '{ conventionAlerts(asOf: "2031-02-15") { kind daysLeft convention { id } } }');
    expect(data?.conventionAlerts).toEqual([{ kind: 'ENDING_SOON', daysLeft: 44, convention: { id: soon.id } }]);

    // Caseload alerts compare the active caseload today with the places in force today (the occupancy).
    const a = (await createConvention({ operatorId, startsOn: '2020-01-01', endsOn: '2099-12-31', fte: 1 })).convention!;
    const b = (await createConvention({ operatorId, startsOn: '2020-01-01', endsOn: '2099-12-31', fte: 1 })).convention!;
    counter.reset();
    const caseload = await execute<{ _entities: unknown[] }>(
      schema,
      testContext(orm, admin),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Convention { id caseloadAlert { kind occupancyPercent } } } }',
      { r: [{ id: a.id, activeCaseload: 71 }, { id: b.id, activeCaseload: 91 }, { id: a.id, activeCaseload: 72 }, { id: soon.id, activeCaseload: 10 }].map((r) => ({ __typename: 'Convention', ...r })) },
    );
    expect(caseload.errors).toEqual([]);
    expect(caseload.data?._entities).toEqual([
      { id: a.id, caseloadAlert: { kind: 'CASELOAD_BELOW_PLACES', occupancyPercent: 79 } },
      { id: b.id, caseloadAlert: { kind: 'CASELOAD_ABOVE_PLACES', occupancyPercent: 101 } },
      { id: a.id, caseloadAlert: null },
      // Not in force today (2031): no places in force, no occupancy, no alert.
      { id: soon.id, caseloadAlert: null },
    ]);
    // The conventions, then their places in force today: one statement each.
    expect(counter.count).toBe(2);
  });

  it('resolves territories, objectives and amendments of many conventions in one query each', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await createConvention({ fte: 1, territories: [{ territoryId: '14-f', places: 90 }], objectives: [{ kind: 'QUALITATIVE', label: `Objectif ${i}` }] })).convention!.id);
    counter.reset();
    const { data, errors } = await execute<{ _entities: { objectives: { label: string }[]; territories: unknown[]; amendments: unknown[] }[] }>(
      schema,
      testContext(orm, admin),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Convention { programme { id } objectives { label } territories { places } amendments { number } } } }',
      { r: ids.map((id) => ({ __typename: 'Convention', id })) },
    );
    expect(errors).toEqual([]);
    expect(data?._entities[9]?.objectives).toEqual([{ label: 'Objectif 9' }]);
    expect(counter.count).toBe(4);
  });

  it('lists the conventions of several operators in one query; an operator sees only its own', async () => {
    const [one, two] = [randomUUID(), randomUUID()];
    const a = (await createConvention({ operatorId: one, name: 'Op A 2025', startsOn: '2025-01-01', endsOn: '2025-12-31' })).convention!.id;
    const b = (await createConvention({ operatorId: one, name: 'Op B 2026', startsOn: '2026-01-01', endsOn: '2026-12-31' })).convention!.id;
    const c = (await createConvention({ operatorId: two, name: 'Op C 2025', startsOn: '2025-01-01', endsOn: '2025-12-31' })).convention!.id;
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { all: conventions { id } in2025: conventions(inForceOn: "2025-06-01") { id } } } }';
    const r = [one, two, randomUUID()].map((id) => ({ __typename: 'Partner', id }));
    counter.reset();
    const { data, errors } = await execute<{ _entities: unknown[] }>(schema, testContext(orm, admin), query, { r });
    expect(errors).toEqual([]);
    expect(data?._entities).toEqual([
      { all: [{ id: b }, { id: a }], in2025: [{ id: a }] },
      { all: [{ id: c }], in2025: [{ id: c }] },
      { all: [], in2025: [] },
    ]);
    // Per day asked for: the ids, then the conventions.
    expect(counter.count).toBe(4);
    const operator = await execute<{ _entities: unknown[] }>(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: two })), query, { r: r.slice(0, 2) });
    expect(operator.data?._entities).toEqual([
      { all: [], in2025: [] },
      { all: [{ id: c }], in2025: [{ id: c }] },
    ]);
  });
});
