import { randomUUID } from 'node:crypto';
import { generatePopulation, type AccompanyingConvention, type ResidenceCommune } from '@passerelles/db';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, execute, openTestOrm, testCaller, testContext, testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { useTestIdentityKey } from '../test-support/factories.js';
import { copyPopulation } from './population.load.js';

// This file owns Département 72 (Sarthe) in the shared test database.
const DEPARTMENT = '72';
const AS_OF = '2026-11-15';
let orm: MikroORM;
let client: pg.Client;
let schema: GraphQLSchema;

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  schema = await beneficiariesSubgraph.buildSchema();
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await orm.close(true);
});

describe('synthetic population', () => {
  it('is deterministic, has the real distributions, follows every life-cycle rule, loads with COPY and answers the indicators', async () => {
    const rows = await client.query<{ code: string; population: number | null }>(`select code, population from ref.commune where department_code = $1 order by code limit 40`, [DEPARTMENT]);
    const north = await createTestTerritory(orm.em.fork(), DEPARTMENT, rows.rows.slice(0, 20).map((r) => r.code));
    const south = await createTestTerritory(orm.em.fork(), DEPARTMENT, rows.rows.slice(20).map((r) => r.code));
    const communes: ResidenceCommune[] = rows.rows.map((r, i) => ({ communeCode: r.code, territoryId: i < 20 ? north : south, population: r.population ?? 0 }));
    const programmeId = randomUUID();
    const conventions: AccompanyingConvention[] = [
      { id: randomUUID(), programmeId, operatorId: randomUUID(), startsOn: '2024-11-16', endsOn: AS_OF, territoryIds: [north] },
      { id: randomUUID(), programmeId, operatorId: randomUUID(), startsOn: '2024-11-16', endsOn: AS_OF, territoryIds: [south] },
    ];
    const options = {
      departmentCode: DEPARTMENT,
      size: 4000,
      seed: Math.floor(Math.random() * 1e9),
      asOf: AS_OF,
      communes,
      conventions,
      shareAccompanied: 0.45,
      historyDays: 730,
      referralTargets: [{ partnerId: randomUUID(), serviceId: randomUUID() }],
    };
    const population = generatePopulation(options);
    expect(generatePopulation(options)).toEqual(population);

    const women = population.beneficiaries.filter((b) => b.sex === 'F').length / population.beneficiaries.length;
    const overFive = population.beneficiaries.filter((b) => b.rsaEntryDate < '2021-11-15').length / population.beneficiaries.length;
    expect(women).toBeGreaterThan(0.54);
    expect(women).toBeLessThan(0.6);
    expect(overFive).toBeGreaterThan(0.51);
    expect(overFive).toBeLessThan(0.57);
    expect(population.accompaniments.length).toBeGreaterThan(1600);
    expect(population.appointments.length).toBeGreaterThan(population.accompaniments.length * 3);
    expect(population.referrals.length).toBeGreaterThan(500);

    // COPY goes through every check constraint and unique index of the schema (dates in order, one open accompaniment per programme…).
    await client.query('begin');
    await copyPopulation(client, population);
    await client.query('commit');

    const bad = await client.query<{ n: number }>(
      `select count(*)::int as n from beneficiaries.appointment ap join beneficiaries.accompaniment a on a.id = ap.accompaniment_id
        where a.department_code = $1 and (ap.scheduled_on < a.validated_on
           or (ap.kind in ('INTERMEDIATE', 'FINAL_REVIEW') and ap.scheduled_on < a.started_on)
           or (ap.status = 'PLANNED') <> (ap.scheduled_on > $2::date)
           or (a.ended_on is not null and ap.scheduled_on > a.ended_on))`,
      [DEPARTMENT, AS_OF],
    );
    expect(bad.rows[0]!.n).toBe(0);
    const exitsWithoutReason = await client.query<{ n: number }>(
      `select count(*)::int as n from beneficiaries.accompaniment where department_code = $1 and ((ended_on is null) <> (exit_reason is null) or (exit_reason = 'FINANCIAL_CHANGE') <> (exit_sub_reason is not null))`,
      [DEPARTMENT],
    );
    expect(exitsWithoutReason.rows[0]!.n).toBe(0);

    // The indicators over the loaded population agree with the generated rows.
    const { data } = await execute<{ indicators: { activeCaseload: { value: number }; exitsTotal: { value: number } } }>(
      schema,
      testContext(orm, testCaller({ departmentCode: DEPARTMENT })),
      'query ($p: PeriodInput!, $s: IndicatorScopeInput) { indicators(period: $p, scope: $s) { activeCaseload { value } exitsTotal { value } } }',
      { p: { from: '2024-11-16', to: AS_OF }, s: { programmeId } },
    );
    const active = new Set(population.accompaniments.filter((a) => a.startedOn && !a.endedOn).map((a) => a.beneficiaryId)).size;
    expect(data!.indicators).toEqual({ activeCaseload: { value: active }, exitsTotal: { value: population.accompaniments.filter((a) => a.endedOn).length } });
  });
});
