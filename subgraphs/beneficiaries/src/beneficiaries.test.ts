import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccompanimentEntity } from './accompaniment/accompaniment.entity.js';
import { BeneficiaryEntity } from './beneficiary/beneficiary.entity.js';
import { beneficiariesSubgraph } from './subgraph.js';
import { useTestIdentityKey } from './test-support/factories.js';

// This file owns Département 67 (Bas-Rhin) in the shared test database.
const DEPARTMENT = '67';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
let commune: string;
const admin = testCaller({ departmentCode: DEPARTMENT });

async function newBeneficiary(territoryId: string | null, departmentCode = DEPARTMENT): Promise<string> {
  const em = orm.em.fork();
  const id = randomUUID();
  em.create(BeneficiaryEntity, {
    id,
    departmentCode,
    communeCode: commune,
    territoryId,
    sex: 'F',
    birthYear: 1980,
    householdType: 'SINGLE_PARENT',
    rsaEntryDate: '2018-03-01',
    orientationKind: 'SOCIAL',
    createdAt: new Date(),
  });
  await em.flush();
  return id;
}

async function newAccompaniment(
  beneficiaryId: string,
  territoryId: string,
  dates: { prescribedOn: string; startedOn?: string; endedOn?: string },
  conventionId: string | null = null,
): Promise<void> {
  const em = orm.em.fork();
  em.create(AccompanimentEntity, {
    id: randomUUID(),
    departmentCode: DEPARTMENT,
    beneficiaryId,
    programmeId: randomUUID(),
    operatorId: randomUUID(),
    conventionId,
    territoryId,
    prescribedOn: dates.prescribedOn,
    startedOn: dates.startedOn ?? null,
    endedOn: dates.endedOn ?? null,
    exitReason: dates.endedOn ? 'STABILISATION' : null,
    createdAt: new Date(),
  });
  await em.flush();
}

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph, counter);
  schema = await beneficiariesSubgraph.buildSchema();
  const rows: { code: string }[] = await orm.em.fork().execute(`select code from ref.commune where department_code = ? order by code limit 1`, [DEPARTMENT]);
  commune = rows[0]!.code;
});
afterAll(async () => {
  await orm.close(true);
});

describe('Territory.activeBeneficiaries', () => {
  it('counts distinct people whose accompaniment has started and not ended, per territory, in one query', async () => {
    const north = await createTestTerritory(orm.em.fork(), DEPARTMENT, [commune]);
    const south = await createTestTerritory(orm.em.fork(), DEPARTMENT, [commune]);
    for (let i = 0; i < 3; i++) await newAccompaniment(await newBeneficiary(north), north, { prescribedOn: '2026-01-05', startedOn: '2026-01-20' });
    const twice = await newBeneficiary(north);
    await newAccompaniment(twice, north, { prescribedOn: '2026-02-01', startedOn: '2026-02-10' });
    await newAccompaniment(twice, north, { prescribedOn: '2026-03-01', startedOn: '2026-03-10' });
    await newAccompaniment(await newBeneficiary(north), north, { prescribedOn: '2025-01-05', startedOn: '2025-01-20', endedOn: '2025-09-30' });
    await newAccompaniment(await newBeneficiary(north), north, { prescribedOn: '2026-10-01' }); // prescribed, not started
    await newAccompaniment(await newBeneficiary(south), south, { prescribedOn: '2026-04-01', startedOn: '2026-04-15' });

    counter.reset();
    const { data, errors } = await execute<{ _entities: { id: string; activeBeneficiaries: number }[] }>(
      schema,
      testContext(orm, admin),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { id activeBeneficiaries } } }',
      { r: [north, south, `${DEPARTMENT}-unknown`].map((id) => ({ __typename: 'Territory', id })) },
    );
    expect(errors).toEqual([]);
    expect(data?._entities).toEqual([
      { id: north, activeBeneficiaries: 4 },
      { id: south, activeBeneficiaries: 1 },
      { id: `${DEPARTMENT}-unknown`, activeBeneficiaries: 0 },
    ]);
    expect(counter.count).toBe(1);

    const otherDepartment = await execute<{ _entities: { activeBeneficiaries: number }[] }>(
      schema,
      testContext(orm, testCaller({ departmentCode: '25' })),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { activeBeneficiaries } } }',
      { r: [{ __typename: 'Territory', id: north }] },
    );
    expect(otherDepartment.data?._entities).toEqual([{ activeBeneficiaries: 0 }]);
  });
});

describe('small counts in the contributions to other entities', () => {
  it('suppresses territories, conventions and partners of 1 to 10 people for callers without nominative rights', async () => {
    const few = await createTestTerritory(orm.em.fork(), DEPARTMENT, [commune]);
    const convention = randomUUID();
    for (let i = 0; i < 3; i++) await newAccompaniment(await newBeneficiary(few), few, { prescribedOn: '2026-01-05', startedOn: '2026-01-20' }, convention);
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Territory { activeBeneficiaries published: activeCaseload { value suppressed } }
      ... on Convention { activeCaseload peopleAccompanied caseload { value suppressed } accompanied { value suppressed } } } }`;
    const r = [
      { __typename: 'Territory', id: few },
      { __typename: 'Convention', id: convention, endsOn: '2030-12-31' },
    ];
    const as = async (role: 'ADMIN' | 'STEERING' | 'OPERATOR' | 'REFERENT'): Promise<unknown[]> => {
      const { data, errors } = await execute<{ _entities: unknown[] }>(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role })), query, { r });
      expect(errors).toEqual([]);
      return data!._entities;
    };
    expect(await as('ADMIN')).toEqual([
      { activeBeneficiaries: 3, published: { value: 3, suppressed: false } },
      { activeCaseload: 3, peopleAccompanied: 3, caseload: { value: 3, suppressed: false }, accompanied: { value: 3, suppressed: false } },
    ]);
    expect(await as('STEERING')).toEqual([
      { activeBeneficiaries: null, published: { value: null, suppressed: true } },
      // The caseload on the last day (the occupancy contracts computes from it) is hidden too.
      { activeCaseload: null, peopleAccompanied: null, caseload: { value: null, suppressed: true }, accompanied: { value: null, suppressed: true } },
    ]);
    expect((await as('REFERENT'))[1]).toMatchObject({ activeCaseload: null, peopleAccompanied: null, caseload: { value: null, suppressed: true } });
    // The operator follows these people by name (and sees only its own conventions).
    expect((await as('OPERATOR'))[1]).toMatchObject({ activeCaseload: 3, peopleAccompanied: 3, caseload: { value: 3, suppressed: false } });
  });
});

describe('Beneficiary references', () => {
  it('resolves 1 000 people with a constant number of SQL queries: one read and one audit line, as for 10', async () => {
    const resolve = async (count: number): Promise<number> => {
      const ids: string[] = await orm.em
        .fork()
        .execute<{ id: string }[]>(
          `insert into beneficiaries.beneficiary (id, department_code, commune_code, sex, birth_year, household_type, rsa_entry_date, orientation_kind)
           select gen_random_uuid(), ?, ?, 'F', 1980, 'SINGLE_PARENT', '2018-03-01', 'SOCIAL' from generate_series(1, ?) returning id`,
          [DEPARTMENT, commune, count],
        )
        .then((rows) => rows.map((r) => r.id));
      counter.reset();
      const { data, errors } = await execute<{ _entities: { id: string; householdType: string }[] }>(
        schema,
        testContext(orm, admin),
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Beneficiary { id householdType } } }',
        { r: ids.map((id) => ({ __typename: 'Beneficiary', id })) },
      );
      expect(errors).toEqual([]);
      expect(data?._entities.map((b) => b.id)).toEqual(ids);
      expect(data?._entities.every((b) => b.householdType === 'SINGLE_PARENT')).toBe(true);
      return counter.count;
    };
    const forTen = await resolve(10);
    expect(forTen).toBe(2);
    expect(await resolve(1000)).toBe(forTen);
  });

  it('shows no one to a caller of another Département, nor to a role without nominative rights', async () => {
    const id = await newBeneficiary(null);
    const query = 'query ($id: ID!) { beneficiary(id: $id) { id } }';
    expect((await execute(schema, testContext(orm, admin), query, { id })).data).toEqual({ beneficiary: { id } });
    expect((await execute(schema, testContext(orm, testCaller({ departmentCode: '62' })), query, { id })).data).toEqual({ beneficiary: null });
    expect((await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' })), query, { id })).data).toEqual({
      beneficiary: null,
    });
  });
});
