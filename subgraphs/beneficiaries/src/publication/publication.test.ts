import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, publicationKey, todayIso, type StoredPublication } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitReason } from '../accompaniment/accompaniment.enums.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, lcg, newAccompaniment, newPerson, useTestIdentityKey } from '../test-support/factories.js';
import { publishDepartment } from './publication.service.js';

// This file owns Département 84 (Vaucluse) in the shared test database.
const DEPARTMENT = '84';
const AS_OF = '2026-11-15';
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const Q2 = { from: '2025-04-01', to: '2025-06-30' };
const MAY = { from: '2025-05-01', to: '2025-05-31' };
const admin = testCaller({ departmentCode: DEPARTMENT });
const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });
const NOT_PUBLISHED = { value: null, suppressed: true, rule: 'NOT_PUBLISHED' };

let orm: MikroORM;
let schema: GraphQLSchema;
let territories: string[];
let programmeId: string;
/** The accompaniments written, to count independently of the job. */
const written: { territoryId: string; startedOn: string; endedOn: string | null }[] = [];

const QUERY = `query ($scope: IndicatorScopeInput, $period: PeriodInput!) {
  indicators(scope: $scope, period: $period) {
    peopleWelcomed { value suppressed rule } activeCaseload { value suppressed rule } exitsTotal { value suppressed rule }
    delayToFirstInterview { meanDays counted { value suppressed rule } }
    durationDays { mean median }
    monthly { month peopleWelcomed { value suppressed rule } }
    delayChain { steps { counted { value suppressed rule } medianDays } }
  }
  indicatorsByTerritory(scope: $scope, period: $period) { territoryId peopleWelcomed { value suppressed rule } exitsTotal { value suppressed rule } }
}`;
interface Count {
  value: number | null;
  suppressed: boolean;
  rule: string | null;
}
interface Answer {
  indicators: {
    peopleWelcomed: Count;
    activeCaseload: Count;
    exitsTotal: Count;
    delayToFirstInterview: { meanDays: number | null; counted: Count };
    durationDays: { mean: number | null; median: number | null };
    monthly: { month: string; peopleWelcomed: Count }[];
    delayChain: { steps: { counted: Count; medianDays: number | null }[] };
  };
  indicatorsByTerritory: { territoryId: string; peopleWelcomed: Count; exitsTotal: Count }[];
}

async function ask(caller: typeof admin, scope: Record<string, string>, period: { from: string; to: string }): Promise<Answer> {
  const { data, errors } = await execute<Answer>(schema, testContext(orm, caller), QUERY, { scope, period });
  if (errors.length) throw new Error(errors.join('; '));
  return data!;
}

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  schema = await beneficiariesSubgraph.buildSchema();
  const em = orm.em.fork();
  const commune = await firstCommune(em, DEPARTMENT);
  territories = [await createTestTerritory(em, DEPARTMENT, [commune]), await createTestTerritory(em, DEPARTMENT, [commune])];
  programmeId = randomUUID();
  const operatorId = randomUUID();
  const rand = lcg(20261207);
  // 600 accompaniments from January 2025 to October 2026 (about 27 a month, two territories), leaving for two reasons.
  const reasons = [ExitReason.STABILISATION, ExitReason.EVOLUTION];
  for (let i = 0; i < 600; i++) {
    const territoryId = territories[rand(3) === 0 ? 1 : 0]!;
    const startedOn = addDays('2025-01-01', rand(670));
    const endedOn = rand(2) === 0 ? addDays(startedOn, 30 + rand(200)) : null;
    const beneficiaryId = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId, programmeId, operatorId, territoryId, prescribedOn: addDays(startedOn, -10), startedOn, endedOn: endedOn && endedOn <= AS_OF ? endedOn : null, exitReason: endedOn && endedOn <= AS_OF ? reasons[rand(2)]! : null });
    written.push({ territoryId, startedOn, endedOn: endedOn && endedOn <= AS_OF ? endedOn : null });
  }
}, 120_000);
afterAll(async () => {
  await orm.close(true);
});

const startedIn = (p: { from: string; to: string }, territoryId?: string): number => written.filter((a) => a.startedOn >= p.from && a.startedOn <= p.to && (!territoryId || a.territoryId === territoryId)).length;

describe('the publication job and the steering counts read from it (ADR 0023)', () => {
  let stored: StoredPublication;
  let before: Answer;

  it('publishes nothing to a steering caller until the job has run: the per-query suppression alone leaks by differencing', async () => {
    before = await ask(steering, {}, MAY);
    expect(before.indicators.peopleWelcomed).toEqual(NOT_PUBLISHED);
    expect(before.indicators.delayChain.steps.every((s) => s.counted.rule === 'NOT_PUBLISHED')).toBe(true);
    expect(before.indicatorsByTerritory.every((r) => r.peopleWelcomed.rule === 'NOT_PUBLISHED')).toBe(true);
    // The administrator's exact figure exists: the steering caller is not shown an empty Département.
    expect((await ask(admin, {}, MAY)).indicators.peopleWelcomed).toEqual({ value: startedIn(MAY), suppressed: false, rule: null });
  });

  it('stores the finest grid the audit protects, every figure computed from the accompaniments', async () => {
    stored = await publishDepartment(orm.em.fork(), DEPARTMENT, AS_OF);
    expect(stored.tried.at(-1)?.outcome, JSON.stringify(stored.tried)).toBe('protected');
    expect(stored.grid).not.toBeNull();
    expect(stored.report?.exposed).toBe(0);
    expect(stored.firstMonth).toBe('2025-01');
    const q2 = publicationKey('welcomed', {}, '2025-Q2');
    expect(stored.shown[q2] ?? stored.hidden[q2]).toBeDefined();
    if (q2 in stored.shown) expect(stored.shown[q2]).toBe(startedIn(Q2));
    const rows = await orm.em.fork().execute<{ n: number }[]>('select count(*)::int as n from beneficiaries.publication where department_code = ?', [DEPARTMENT]);
    expect(rows[0]!.n).toBe(1);
    // A second run replaces it: still one row.
    await publishDepartment(orm.em.fork(), DEPARTMENT, AS_OF, { ladder: [{ name: 'Département par an', crossings: 0, finest: ['YEAR'] }] });
    const again = await orm.em.fork().execute<{ n: number; grid: { name: string } }[]>('select count(*)::int as n, min(grid->>\'name\') as grid from beneficiaries.publication where department_code = ? group by department_code', [DEPARTMENT]);
    expect(again[0]).toEqual({ n: 1, grid: 'Département par an' });
    stored = await publishDepartment(orm.em.fork(), DEPARTMENT, AS_OF);
  }, 600_000);

  it('answers a STEERING caller from the publication: the same figure in indicators and per territory, « non publié à ce niveau » off the grid', async () => {
    const year = await ask(steering, {}, YEAR);
    const key = publicationKey('welcomed', {}, '2025');
    expect(year.indicators.peopleWelcomed).toEqual(key in stored.shown ? { value: startedIn(YEAR), suppressed: false, rule: null } : { value: null, suppressed: true, rule: stored.hidden[key] });
    // A territory's year: the same value read through `indicators` and `indicatorsByTerritory`.
    for (const territoryId of territories) {
      const alone = await ask(steering, { territoryId }, YEAR);
      const row = year.indicatorsByTerritory.find((r) => r.territoryId === territoryId)!;
      expect(row.peopleWelcomed).toEqual(alone.indicators.peopleWelcomed);
      expect(row.exitsTotal).toEqual(alone.indicators.exitsTotal);
      if (!row.peopleWelcomed.suppressed) expect(row.peopleWelcomed.value).toBe(startedIn(YEAR, territoryId));
    }
    // Finer than the grid: a territory crossed with a programme, and (unless the grid holds months) a month.
    const crossed = await ask(steering, { territoryId: territories[0]!, programmeId }, YEAR);
    expect(crossed.indicators.peopleWelcomed).toEqual(NOT_PUBLISHED);
    expect(crossed.indicators.delayToFirstInterview).toEqual({ meanDays: null, counted: NOT_PUBLISHED });
    expect(crossed.indicators.delayChain.steps.length).toBeGreaterThan(3);
    expect(crossed.indicators.delayChain.steps.every((s) => s.counted.rule === 'NOT_PUBLISHED' && s.medianDays === null)).toBe(true);
    expect(year.indicators.delayChain.steps.some((s) => s.counted.rule !== 'NOT_PUBLISHED')).toBe(true);
    // The delays measure the accompaniments started in the period: the welcomed cell, one value.
    expect(year.indicators.delayToFirstInterview.counted).toEqual(year.indicators.peopleWelcomed);
    // The other statistics only for the whole Département over a year: a territory's, or a
    // quarter's, would differ from it by small counts.
    const territoryYear = await ask(steering, { territoryId: territories[0]! }, YEAR);
    expect(territoryYear.indicators.delayToFirstInterview.counted).toEqual(NOT_PUBLISHED);
    expect(territoryYear.indicators.delayChain.steps.every((s) => s.counted.rule === 'NOT_PUBLISHED')).toBe(true);
    expect((await ask(steering, {}, Q2)).indicators.delayChain.steps.every((s) => s.counted.rule === 'NOT_PUBLISHED')).toBe(true);
    if (stored.grid!.finest[0] !== 'MONTH') {
      const may = await ask(steering, {}, MAY);
      expect(may.indicators.peopleWelcomed).toEqual(NOT_PUBLISHED);
      expect(year.indicators.monthly.every((m) => m.peopleWelcomed.rule === 'NOT_PUBLISHED')).toBe(true);
    }
  });

  it('tells every caller which grid is published, and as of when', async () => {
    const { data, errors } = await execute<{ publication: Record<string, unknown> }>(schema, testContext(orm, steering), '{ publication { asOf throughMonth computedAt gridName crossings finest } }');
    expect(errors).toEqual([]);
    // Read on 2026-11-15, October is the last month closed (November closes ten days after its end).
    expect(data!.publication).toEqual({ asOf: AS_OF, throughMonth: '2026-10', computedAt: stored.computedAt, gridName: stored.grid!.name, crossings: stored.grid!.crossings, finest: stored.grid!.finest });
    const other = await execute<{ publication: unknown }>(schema, testContext(orm, testCaller({ departmentCode: '85', role: 'STEERING' })), '{ publication { asOf } }');
    expect(other.data!.publication).toBeNull();
  });

  it('answers concurrent callers each from their own Département and role', async () => {
    // A steering user of 84 (publication), an administrator of 84 (exact) and a steering user of 85
    // (no publication: nothing published) at once, several times over: none gets another's answer.
    const other = testCaller({ departmentCode: '85', role: 'STEERING' });
    const alone = { steering: await ask(steering, {}, YEAR), admin: await ask(admin, {}, YEAR), other: await ask(other, {}, YEAR) };
    const mixed = await Promise.all(Array.from({ length: 12 }, (_, i) => [steering, admin, other][i % 3]!).map((caller) => ask(caller, {}, YEAR)));
    mixed.forEach((answer, i) => expect(answer).toEqual([alone.steering, alone.admin, alone.other][i % 3]));
    expect(alone.steering.indicators.monthly[0]!.peopleWelcomed.rule).toBe(stored.grid!.finest[0] === 'MONTH' ? null : 'NOT_PUBLISHED');
    expect(alone.admin.indicators.monthly[0]!.peopleWelcomed.rule).toBeNull();
    expect(alone.other.indicators.peopleWelcomed).toEqual(NOT_PUBLISHED);
    expect(alone.steering.indicators.peopleWelcomed.rule).not.toBe('NOT_PUBLISHED');
  });

  it('publishes closed months only, as first read: a late record is never published, and each month is audited with what was released before', async () => {
    const countOf = (answer: Answer): Count => answer.indicators.exitsTotal;
    const [steeringBefore, adminBefore] = [await ask(steering, {}, YEAR), await ask(admin, {}, YEAR)];
    // The current year so far is not published: tomorrow's would differ from it by a day.
    expect((await ask(steering, {}, { from: `${todayIso().slice(0, 4)}-01-01`, to: todayIso() })).indicators.peopleWelcomed).toEqual(NOT_PUBLISHED);
    // An exit of May 2025 recorded late, and someone welcomed this month.
    const em = orm.em.fork();
    const late = await em.execute<{ id: string }[]>(
      `update beneficiaries.accompaniment set ended_on = '2025-05-20', exit_reason = 'STABILISATION'
        where id = (select id from beneficiaries.accompaniment where department_code = ? and ended_on is null and started_on < '2025-05-01' order by id limit 1) returning id`,
      [DEPARTMENT],
    );
    expect(late).toHaveLength(1);
    const commune = await firstCommune(em, DEPARTMENT);
    const beneficiaryId = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territories[0]! });
    const [row] = await em.execute<{ operatorId: string }[]>('select operator_id::text as "operatorId" from beneficiaries.accompaniment where department_code = ? limit 1', [DEPARTMENT]);
    await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId, programmeId, operatorId: row!.operatorId, territoryId: territories[0]!, prescriberId: 'prescripteur-84-test', prescribedOn: '2026-11-02', startedOn: '2026-11-12', endedOn: null, exitReason: null });
    // The administrator sees it at once, in the count and in the durations.
    const adminAfter = await ask(admin, {}, YEAR);
    expect(countOf(adminAfter).value).toBe(countOf(adminBefore).value! + 1);
    expect(adminAfter.indicators.durationDays).not.toEqual(adminBefore.indicators.durationDays);
    // The statistics of the closed year are those the job stored when 2025 closed, not recomputed (issue 15).
    const steeringAfter = await ask(steering, {}, YEAR);
    expect(steeringBefore.indicators.durationDays.mean).not.toBeNull();
    expect(steeringAfter.indicators.durationDays).toEqual(steeringBefore.indicators.durationDays);
    expect(steeringAfter.indicators.delayChain).toEqual(steeringBefore.indicators.delayChain);
    const years = await orm.em.fork().execute<{ year: number }[]>('select year from beneficiaries.publication_statistics where department_code = ? order by year', [DEPARTMENT]);
    expect(years.map((y) => y.year)).toEqual([2025]);
    // The job the next nights, no month closed since: the same publication, kept as it is — not audited again.
    const grids: string[] = [];
    const nextNight = await publishDepartment(orm.em.fork(), DEPARTMENT, '2026-11-20', { onTry: (grid) => grids.push(grid) });
    expect(nextNight.reused).toBe(true);
    expect(grids).toEqual([]);
    expect(nextNight.throughMonth).toBe('2026-10');
    expect(nextNight.computedAt).toBe(stored.computedAt);
    expect(nextNight.shown).toEqual(stored.shown);
    expect(nextNight.hidden).toEqual(stored.hidden);
    expect(countOf(await ask(steering, {}, YEAR))).toEqual(countOf(steeringBefore));
    // Audited again on demand (`--force`): the same figures, to the figure.
    const forced = await publishDepartment(orm.em.fork(), DEPARTMENT, '2026-11-21', { force: true, onTry: (grid) => grids.push(grid) });
    expect(forced.reused).toBe(false);
    expect(grids.length).toBeGreaterThan(0);
    expect(forced.shown).toEqual(stored.shown);
    expect(forced.hidden).toEqual(stored.hidden);
    // A month later November is closed: what was shown stays shown, with the same value; May 2025 stays as first read.
    const december = await publishDepartment(orm.em.fork(), DEPARTMENT, '2026-12-15');
    expect(december.reused).toBe(false);
    expect(december.throughMonth).toBe('2026-11');
    expect(december.report?.exposed).toBe(0);
    for (const [key, value] of Object.entries(stored.shown)) expect(december.shown[key], key).toBe(value);
    expect(countOf(await ask(steering, {}, YEAR))).toEqual(countOf(steeringBefore));
    expect(Object.keys(december.released).length).toBeGreaterThanOrEqual(Object.keys(stored.released).length);
    const frozen = await orm.em.fork().execute<{ month: string }[]>('select max(month) as month from beneficiaries.publication_leaf where department_code = ?', [DEPARTMENT]);
    expect(frozen[0]!.month).toBe('2026-11');
    // The prescriber's part of November's leaf is frozen with it: the job audits it as an insider (it knows whom it oriented).
    const parts = await orm.em.fork().execute<{ leaf: string; n: number }[]>(`select leaf, n from beneficiaries.publication_leaf where department_code = ? and leaf like 'prescriber:%'`, [DEPARTMENT]);
    expect(parts).toEqual([{ leaf: expect.stringMatching(/^prescriber:prescripteur-84-test:S\|.*\|2026-11$/), n: 1 }]);
    stored = december;
  }, 600_000);

  it('keeps exact figures for an administrator', async () => {
    const may = await ask(admin, { territoryId: territories[1]! }, MAY);
    expect(may.indicators.peopleWelcomed).toEqual({ value: startedIn(MAY, territories[1]), suppressed: false, rule: null });
  });
});
