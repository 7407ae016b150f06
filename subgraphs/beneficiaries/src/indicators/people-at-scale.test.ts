import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, addMonths, LoaderRegistry, type Caller } from '@passerelles/subgraph-kit';
import { execute, testCaller } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScaleWorld, type ScaleWorld } from '../test-support/scale-world.js';

// This file owns Département 28 (Eure-et-Loir) in the shared test database.
const DEPARTMENT = '28';

let client: pg.Client;
let orm: MikroORM;
let schema: GraphQLSchema;

/** Which accompaniments the reference counts: the Département, narrowed as an indicator scope narrows it. */
interface ReferenceScope {
  territoryIds?: string[];
  programmeId?: string;
  operatorId?: string;
}

interface PeopleFigures {
  peopleWelcomed: number;
  peopleAccompanied: number;
  activeCaseload: number;
  monthly: { month: string; peopleWelcomed: number; activeCaseload: number }[];
}

/**
 * The counts of people as the definitions say them, one statement per figure and per day, as they
 * were written before ADR 0034 read them in one pass: people welcomed (distinct per month and over
 * the period), accompanied, and active on the last day of each month within the period.
 */
async function reference(scope: ReferenceScope, period: { from: string; to: string }): Promise<PeopleFigures> {
  const where = `a.department_code = $1 and ($2::text[] is null or a.territory_id::text = any($2)) and ($3::text is null or a.programme_id::text = $3) and ($4::text is null or a.operator_id::text = $4)`;
  const params = [DEPARTMENT, scope.territoryIds ?? null, scope.programmeId ?? null, scope.operatorId ?? null];
  const welcomed = await client.query<{ month: string | null; count: number }>(
    `with x as (select distinct date_trunc('month', a.started_on) as m, a.beneficiary_id from beneficiaries.accompaniment a
                where ${where} and a.started_on between $5::date and $6::date)
     select to_char(m, 'YYYY-MM') as month, count(*)::int as count from x group by m
     union all select null, count(distinct beneficiary_id)::int from x`,
    [...params, period.from, period.to],
  );
  const accompanied = await client.query<{ n: number }>(
    `select count(distinct a.beneficiary_id)::int as n from beneficiaries.accompaniment a
      where ${where} and a.started_on <= $5::date and (a.ended_on is null or a.ended_on >= $6::date)`,
    [...params, period.to, period.from],
  );
  const activeAt = async (day: string): Promise<number> =>
    (
      await client.query<{ n: number }>(
        `select count(distinct a.beneficiary_id)::int as n from beneficiaries.accompaniment a
          where ${where} and a.started_on <= $5::date and (a.ended_on is null or a.ended_on > $5::date)`,
        [...params, day],
      )
    ).rows[0]!.n;
  const monthly: PeopleFigures['monthly'] = [];
  for (let first = `${period.from.slice(0, 7)}-01`; first <= period.to; first = addMonths(first, 1)) {
    const last = addDays(addMonths(first, 1), -1);
    const month = first.slice(0, 7);
    monthly.push({ month, peopleWelcomed: welcomed.rows.find((r) => r.month === month)?.count ?? 0, activeCaseload: await activeAt(last < period.to ? last : period.to) });
  }
  return {
    peopleWelcomed: welcomed.rows.find((r) => r.month === null)!.count,
    peopleAccompanied: accompanied.rows[0]!.n,
    activeCaseload: await activeAt(period.to),
    monthly,
  };
}

const INDICATORS = `query ($scope: IndicatorScopeInput, $period: PeriodInput!) { indicators(scope: $scope, period: $period) {
  peopleWelcomed { value } peopleAccompanied { value } activeCaseload { value } monthly { month peopleWelcomed { value } activeCaseload { value } } } }`;

type Answer = { value: number | null };

async function answered(caller: Caller, period: { from: string; to: string }, scope: { territoryId?: string; programmeId?: string; operatorId?: string } = {}): Promise<PeopleFigures> {
  const ctx = { caller, correlationId: randomUUID(), em: orm.em.fork(), loaders: new LoaderRegistry() };
  const { data, errors } = await execute<{
    indicators: { peopleWelcomed: Answer; peopleAccompanied: Answer; activeCaseload: Answer; monthly: { month: string; peopleWelcomed: Answer; activeCaseload: Answer }[] };
  }>(schema, ctx, INDICATORS, { scope, period });
  expect(errors).toEqual([]);
  const i = data!.indicators;
  return {
    peopleWelcomed: i.peopleWelcomed.value!,
    peopleAccompanied: i.peopleAccompanied.value!,
    activeCaseload: i.activeCaseload.value!,
    monthly: i.monthly.map((m) => ({ month: m.month, peopleWelcomed: m.peopleWelcomed.value!, activeCaseload: m.activeCaseload.value! })),
  };
}

const PERIODS = [
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2026-07-01', to: '2026-09-30' },
  { from: '2026-11-15', to: '2026-11-15' },
  // Mid-month on both ends.
  { from: '2024-03-10', to: '2026-02-17' },
  // 75 months: two statements of 62 months and 13.
  { from: '2020-09-01', to: '2026-11-15' },
];

let world: ScaleWorld | undefined;
beforeAll(async () => {
  // Six years of history, so that the longest period holds people in each of its statements.
  world = await openScaleWorld(DEPARTMENT, { size: 3000, historyDays: 6 * 365 });
  ({ client, orm, schema } = world);
}, 120_000);
afterAll(() => world?.close());

describe('the counts of people of a period at scale', () => {
  it('are those of the definitions, one statement per figure, for the whole Département over periods of one day to 75 months', async () => {
    // People with several accompaniments in a period (another programme, a return) are counted once.
    const { rows } = await client.query<{ accompaniments: number; people: number }>(
      `select count(*)::int as accompaniments, count(distinct beneficiary_id)::int as people from beneficiaries.accompaniment
        where department_code = $1 and started_on <= '2025-12-31' and (ended_on is null or ended_on >= '2025-01-01')`,
      [DEPARTMENT],
    );
    expect(rows[0]!.accompaniments).toBeGreaterThan(rows[0]!.people);
    // And a period that starts on a day people started on, and ends on a day others ended on.
    const busiest = await client.query<{ started: string; ended: string }>(
      `select (select started_on::text from beneficiaries.accompaniment where department_code = $1 and started_on < '2026-06-01' group by 1 order by count(*) desc, 1 limit 1) as started,
              (select ended_on::text from beneficiaries.accompaniment where department_code = $1 and ended_on > '2026-06-01' group by 1 order by count(*) desc, 1 limit 1) as ended`,
      [DEPARTMENT],
    );
    const edges = { from: busiest.rows[0]!.started, to: busiest.rows[0]!.ended };
    const admin = testCaller({ departmentCode: DEPARTMENT });
    for (const period of [...PERIODS, edges]) {
      const expected = await reference({}, period);
      expect(expected.peopleAccompanied).toBeGreaterThan(0);
      expect(await answered(admin, period), `${period.from}..${period.to}`).toEqual(expected);
    }
    // The first months of the longest period have people too: the second statement's window is not empty.
    const longest = await reference({}, PERIODS[4]!);
    expect(longest.monthly[70]!.activeCaseload).toBeGreaterThan(0);
    expect(longest.monthly[5]!.activeCaseload).toBeGreaterThan(0);
  });

  it('are those of the definitions for a territory, a programme, an operator and an administrator limited to two territories', async () => {
    const { rows } = await client.query<{ territory_id: string; programme_id: string; operator_id: string }>(
      `select territory_id, programme_id, operator_id from beneficiaries.accompaniment where department_code = $1
        group by 1, 2, 3 order by count(*) desc limit 2`,
      [DEPARTMENT],
    );
    const [first, second] = rows as [(typeof rows)[0], (typeof rows)[0]];
    const admin = testCaller({ departmentCode: DEPARTMENT });
    const limited = testCaller({ departmentCode: DEPARTMENT, territoryIds: [first.territory_id, second.territory_id] });
    for (const period of [PERIODS[0]!, PERIODS[3]!]) {
      const cases: [string, PeopleFigures, PeopleFigures][] = [
        ['territory', await answered(admin, period, { territoryId: first.territory_id }), await reference({ territoryIds: [first.territory_id] }, period)],
        ['programme', await answered(admin, period, { programmeId: first.programme_id }), await reference({ programmeId: first.programme_id }, period)],
        ['operator', await answered(admin, period, { operatorId: first.operator_id }), await reference({ operatorId: first.operator_id }, period)],
        ['two territories', await answered(limited, period), await reference({ territoryIds: [first.territory_id, second.territory_id] }, period)],
      ];
      for (const [name, got, expected] of cases) {
        expect(expected.peopleAccompanied, name).toBeGreaterThan(0);
        expect(got, `${name}, ${period.from}..${period.to}`).toEqual(expected);
      }
    }
  });
});
