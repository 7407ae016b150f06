import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { addDays, daysBetween } from '@passerelles/subgraph-kit';
import { createTestTerritory, execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitReasons, psychologicalDifficulties } from '../accompaniment/accompaniment.enums.js';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, lcg, newAccompaniment, newAppointment, newPerson, storeOpenGrid, useTestIdentityKey } from '../test-support/factories.js';
import { suppressMatrix } from './matrix-suppression.js';

// This file owns Département 69 (Rhône) in the shared test database. Each test uses its own programme and territories.
const DEPARTMENT = '69';
let orm: MikroORM;
const counter = new QueryCounter();
let schema: GraphQLSchema;
let commune: string;
const admin = testCaller({ departmentCode: DEPARTMENT });
const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });

const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const exact = (value: number): { value: number; suppressed: boolean } => ({ value, suppressed: false });
const HIDDEN = { value: null, suppressed: true };

const INDICATORS = `query ($scope: IndicatorScopeInput, $period: PeriodInput!) { indicators(scope: $scope, period: $period) {
  peopleWelcomed { value suppressed } peopleAccompanied { value suppressed } activeCaseload { value suppressed }
  durationDays { mean median counted { value suppressed } }
  exitsByReason { reason count { value suppressed } } exitsTotal { value suppressed }
  stabilisations { value suppressed } pathEvolutions { value suppressed }
  psychologicalDifficulties { difficulty count { value suppressed } }
  delayToFirstInterview { meanDays medianDays shareUnder30Days counted { value suppressed } }
  appointmentAdherence { honoured { value suppressed } closed { value suppressed } leftOpen { value suppressed } rate }
  monthly { month peopleWelcomed { value suppressed } activeCaseload { value suppressed } exits { value suppressed } } } }`;

type Indicators = Record<string, unknown> & {
  exitsByReason: { reason: string; count: unknown }[];
  monthly: { month: string; peopleWelcomed: unknown; activeCaseload: unknown; exits: unknown }[];
};
async function indicatorsFor(caller = admin, scope: Record<string, unknown>, period = { from: '2025-07-01', to: '2026-06-30' }): Promise<Indicators> {
  const { data, errors } = await execute<{ indicators: Indicators }>(schema, testContext(orm, caller), INDICATORS, { scope, period });
  if (errors.length) throw new Error(errors.join('; '));
  return data!.indicators;
}

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph, counter);
  schema = await beneficiariesSubgraph.buildSchema();
  commune = await firstCommune(orm.em.fork(), DEPARTMENT);
});
afterAll(async () => {
  await orm.close(true);
});

describe('indicators', () => {
  it('computes every indicator exactly on a generated population, as computed independently here', async () => {
    const em = orm.em.fork();
    const programmeId = randomUUID();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    const rand = lcg(20261122);
    const from = '2025-07-01';
    const to = '2026-06-30';
    const people: { id: string; difficulties: string[]; accompaniments: { prescribedOn: string; startedOn: string | null; endedOn: string | null; reason: string | null; id: string }[] }[] = [];
    const appointments: { date: string; status: string }[] = [];
    for (let i = 0; i < 80; i++) {
      const difficulties = psychologicalDifficulties.filter(() => rand(3) === 0);
      const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory, difficulties });
      const person = { id, difficulties, accompaniments: [] as (typeof people)[number]['accompaniments'] };
      const count = rand(5) === 0 ? 2 : 1; // some people have two successive accompaniments
      let cursor = addDays('2025-01-01', rand(400));
      for (let k = 0; k < count; k++) {
        const prescribedOn = cursor;
        const startedOn = rand(6) === 0 && k === count - 1 ? null : addDays(prescribedOn, 2 + rand(60));
        const endedOn = startedOn && (rand(2) === 0 || k < count - 1) ? addDays(startedOn, 20 + rand(300)) : null;
        const reason = endedOn ? exitReasons[rand(exitReasons.length)]! : null;
        const aid = await newAccompaniment(em, {
          departmentCode: DEPARTMENT,
          beneficiaryId: id,
          programmeId,
          territoryId: territory,
          prescribedOn,
          validatedOn: prescribedOn,
          startedOn,
          endedOn,
          exitReason: reason,
          exitSubReason: reason === 'FINANCIAL_CHANGE' ? 'AAH' : null,
        });
        person.accompaniments.push({ id: aid, prescribedOn, startedOn, endedOn, reason });
        const appointmentCount = rand(4);
        for (let j = 0; j < appointmentCount; j++) {
          const date = addDays(prescribedOn, 5 + rand(200));
          const status = ['PLANNED', 'HONOURED', 'HONOURED', 'MISSED', 'EXCUSED'][rand(5)]!;
          await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: aid, beneficiaryId: id, kind: 'INTERMEDIATE', scheduledOn: date, status });
          appointments.push({ date, status });
        }
        cursor = addDays(endedOn ?? prescribedOn, 10 + rand(30));
      }
      people.push(person);
    }

    // Independent computation.
    const all = people.flatMap((p) => p.accompaniments.map((a) => ({ ...a, person: p.id })));
    const within = (d: string | null, a: string, b: string): boolean => d !== null && d >= a && d <= b;
    const startedIn = (a: string, b: string) => all.filter((x) => within(x.startedOn, a, b));
    const endedIn = (a: string, b: string) => all.filter((x) => within(x.endedOn, a, b));
    const activeAt = (d: string): number => new Set(all.filter((x) => x.startedOn && x.startedOn <= d && (!x.endedOn || x.endedOn > d)).map((x) => x.person)).size;
    const welcomed = new Set(startedIn(from, to).map((x) => x.person)).size;
    const ended = endedIn(from, to);
    const durations = ended.map((x) => daysBetween(x.startedOn!, x.endedOn!));
    const delays = startedIn(from, to).map((x) => daysBetween(x.prescribedOn, x.startedOn!));
    const accompanied = people.filter((p) => p.accompaniments.some((x) => x.startedOn && x.startedOn <= to && (!x.endedOn || x.endedOn >= from)));
    const inPeriod = appointments.filter((x) => within(x.date, from, to));
    // The rate's base: outcomes recorded; past appointments still planned are apart (the period is past: all of them).
    const closed = inPeriod.filter((x) => x.status !== 'PLANNED');
    const honoured = inPeriod.filter((x) => x.status === 'HONOURED').length;
    const leftOpen = inPeriod.filter((x) => x.status === 'PLANNED').length;
    expect(leftOpen).toBeGreaterThan(0);
    const months: string[] = [];
    for (let m = new Date(Date.parse(from)); m.toISOString().slice(0, 10) <= to; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1))) months.push(m.toISOString().slice(0, 7));
    const monthEnd = (m: string): string => {
      const last = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
      return last < to ? last : to;
    };
    const byReason = (reason: string): number => ended.filter((x) => x.reason === reason).length;
    expect(welcomed).toBeGreaterThan(20); // the population is large enough to exercise every indicator
    expect(ended.length).toBeGreaterThan(10);

    const got = await indicatorsFor(admin, { programmeId });
    expect(got).toEqual({
      peopleWelcomed: exact(welcomed),
      peopleAccompanied: exact(accompanied.length),
      activeCaseload: exact(activeAt(to)),
      durationDays: { mean: r2(mean(durations)), median: r2(median(durations)), counted: exact(ended.length) },
      exitsByReason: exitReasons.map((reason) => ({ reason, count: exact(byReason(reason)) })),
      exitsTotal: exact(ended.length),
      stabilisations: exact(byReason('STABILISATION')),
      pathEvolutions: exact(byReason('EVOLUTION')),
      psychologicalDifficulties: psychologicalDifficulties.map((difficulty) => ({ difficulty, count: exact(accompanied.filter((p) => p.difficulties.includes(difficulty)).length) })),
      delayToFirstInterview: {
        meanDays: r2(mean(delays)),
        medianDays: r2(median(delays)),
        shareUnder30Days: r4(delays.filter((d) => d < 30).length / delays.length),
        counted: exact(delays.length),
      },
      appointmentAdherence: { honoured: exact(honoured), closed: exact(closed.length), leftOpen: exact(leftOpen), rate: r4(honoured / closed.length) },
      monthly: months.map((m) => ({
        month: m,
        peopleWelcomed: exact(new Set(startedIn(`${m}-01`, monthEnd(m)).map((x) => x.person)).size),
        activeCaseload: exact(activeAt(monthEnd(m))),
        exits: exact(endedIn(`${m}-01`, monthEnd(m)).length),
      })),
    });

    // A territory scope outside the caller's territories, or another operator, gives nothing.
    const limited = testCaller({ departmentCode: DEPARTMENT, territoryIds: [`${DEPARTMENT}-elsewhere`] });
    expect((await indicatorsFor(limited, { programmeId })).exitsTotal).toEqual(exact(0));
    expect((await indicatorsFor(admin, { programmeId, territoryId: territory })).exitsTotal).toEqual(exact(ended.length));
    expect((await indicatorsFor(admin, { programmeId, operatorId: randomUUID() })).peopleWelcomed).toEqual(exact(0));
  });

  it('publishes nothing to steering callers before the Département’s publication, the non-linked statistics suppressed on its grid, and exact counts to administrators', async () => {
    const em = orm.em.fork();
    const programmeId = randomUUID();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    // Exits in the period: 15 stabilisations, 12 path evolutions, 4 dynamic exits; 14 people still active. All started in 2025-08 or 2025-09.
    const plan: [string | null, number, string][] = [
      ['STABILISATION', 15, '2025-08-10'],
      ['EVOLUTION', 12, '2025-08-10'],
      ['DYNAMIC_EXIT', 4, '2025-09-10'],
      [null, 14, '2025-08-10'],
    ];
    for (const [reason, count, startedOn] of plan) {
      for (let i = 0; i < count; i++) {
        const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
        const aid = await newAccompaniment(em, {
          departmentCode: DEPARTMENT,
          beneficiaryId: id,
          programmeId,
          territoryId: territory,
          prescribedOn: '2025-07-20',
          startedOn,
          endedOn: reason ? '2025-12-15' : null,
          exitReason: reason,
        });
        // 35 appointments in all: 32 honoured, 3 missed.
        if (reason !== null || i < 4) {
          await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: aid, beneficiaryId: id, kind: 'FIRST', scheduledOn: startedOn, status: i === 0 && reason !== 'DYNAMIC_EXIT' ? 'MISSED' : 'HONOURED' });
        }
      }
    }
    // A calendar year: steering callers may ask only periods of the grid (statistical secrecy).
    const period = { from: '2025-01-01', to: '2025-12-31' };
    // Before the Département's publication, a steering caller reads no count at all: the per-query
    // suppression alone leaks by differencing (ADR 0023).
    const before = await indicatorsFor(steering, { programmeId }, period);
    for (const field of ['peopleWelcomed', 'peopleAccompanied', 'activeCaseload', 'exitsTotal', 'stabilisations', 'pathEvolutions']) expect(before[field], field).toEqual(HIDDEN);
    expect(before.exitsByReason.every((c) => (c.count as { suppressed: boolean }).suppressed)).toBe(true);
    expect(before.monthly.every((m) => (m.peopleWelcomed as { suppressed: boolean }).suppressed && (m.exits as { suppressed: boolean }).suppressed)).toBe(true);
    expect(before.appointmentAdherence).toEqual({ honoured: HIDDEN, closed: HIDDEN, leftOpen: HIDDEN, rate: null });
    expect(before.durationDays).toEqual({ mean: null, median: null, counted: HIDDEN });

    // On a grid that holds it, the statistics that are not linked counts are published over a
    // calendar year for the caller's whole reach (here a steering user of this territory only),
    // with their own suppression: 3 not honoured is hidden, so the 32 honoured must be too (35 − 32 = 3).
    await storeOpenGrid(em, DEPARTMENT);
    try {
      const ofTerritory = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [territory] });
      const seen = await indicatorsFor(ofTerritory, {}, period);
      expect(seen.appointmentAdherence).toEqual({ honoured: HIDDEN, closed: exact(35), leftOpen: exact(0), rate: null });
      expect(seen.peopleWelcomed).toEqual(HIDDEN); // the grid's figures were never computed here
      // A programme chosen, or a month, is not published: its difference with the year or the
      // whole reach would give small counts.
      for (const [scope, p] of [[{ programmeId }, period], [{}, { from: '2025-09-01', to: '2025-09-30' }]] as const) {
        const off = await indicatorsFor(ofTerritory, scope, p);
        expect(off.appointmentAdherence).toEqual({ honoured: HIDDEN, closed: HIDDEN, leftOpen: HIDDEN, rate: null });
        expect(off.delayToFirstInterview).toEqual({ meanDays: null, medianDays: null, shareUnder30Days: null, counted: HIDDEN });
      }
    } finally {
      await em.execute('delete from beneficiaries.publication where department_code = ?', [DEPARTMENT]);
    }

    // Administrators see everything exactly.
    const exactView = await indicatorsFor(admin, { programmeId }, period);
    expect(exactView.exitsByReason.filter((c) => (c.count as { value: number | null }).value !== 0)).toEqual([
      { reason: 'STABILISATION', count: exact(15) },
      { reason: 'EVOLUTION', count: exact(12) },
      { reason: 'DYNAMIC_EXIT', count: exact(4) },
    ]);
    expect(exactView.exitsTotal).toEqual(exact(31));
    expect(exactView.peopleWelcomed).toEqual(exact(45));
    expect(exactView.monthly.find((m) => m.month === '2025-09')!.peopleWelcomed).toEqual(exact(4));
    expect(exactView.monthly.find((m) => m.month === '2025-12')!.activeCaseload).toEqual(exact(14));
    expect(exactView.appointmentAdherence).toEqual({ honoured: exact(32), closed: exact(35), leftOpen: exact(0), rate: r4(32 / 35) });
  });

  it('counts each person once in the monthly caseload when their accompaniments overlap, touch or nest', async () => {
    const em = orm.em.fork();
    const territory = await createTestTerritory(em, DEPARTMENT, [commune]);
    // Each person's accompaniments, in two programmes (one open accompaniment per programme): [started, ended].
    const spans: [string, string | null][][] = [
      [['2025-06-01', '2025-10-15'], ['2025-08-01', '2025-12-20']], // overlapping
      [['2025-07-10', '2025-09-30'], ['2025-09-30', '2026-02-10']], // one ends the day the other starts
      [['2025-05-01', null], ['2025-09-01', '2025-11-30']], // a closed one inside an open one
      [['2025-08-01', '2026-03-31'], ['2025-10-01', '2025-11-15']], // a closed one inside a closed one
      [['2025-11-01', '2025-11-20']], // started and ended within a month
      [['2026-01-31', '2026-01-31'], ['2026-01-31', null]], // a zero-day accompaniment, then an open one from that day
      [['2025-12-10', '2025-12-10']], // a zero-day accompaniment alone: accompanied during the period, never active
    ];
    const programmes = [randomUUID(), randomUUID()];
    for (const person of spans) {
      const beneficiaryId = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
      for (const [k, [startedOn, endedOn]] of person.entries()) {
        await newAccompaniment(em, {
          departmentCode: DEPARTMENT,
          beneficiaryId,
          programmeId: programmes[k],
          territoryId: territory,
          prescribedOn: addDays(startedOn, -10),
          startedOn,
          endedOn,
          exitReason: endedOn ? 'STABILISATION' : null,
        });
      }
    }
    // Active on a day D: started on or before D, not ended on or before D.
    const activeAt = (d: string): number => spans.filter((person) => person.some(([start, end]) => start <= d && (end === null || end > d))).length;
    const months = ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const monthEnd = (m: string): string => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const got = await indicatorsFor(admin, { territoryId: territory });
    expect(got.monthly.map((m) => [m.month, m.activeCaseload])).toEqual(months.map((m) => [m, exact(activeAt(monthEnd(m)))]));
    expect(got.activeCaseload).toEqual(exact(activeAt('2026-06-30')));
    // Accompanied: started on or before the period's last day, not ended before its first.
    const accompanied = spans.filter((person) => person.some(([start, end]) => start <= '2026-06-30' && (end === null || end >= '2025-07-01'))).length;
    expect(got.peopleAccompanied).toEqual(exact(accompanied));
    // The cases above do change the figure month by month (the check is not of a constant).
    expect(new Set(months.map((m) => activeAt(monthEnd(m)))).size).toBeGreaterThanOrEqual(3);
  });

  it('suppresses a table whose row and column totals are published, so that no hidden cell is alone in its line', () => {
    expect(suppressMatrix([[15, 12, 4]])).toEqual([[false, true, true]]);
    // A table whose columns are published elsewhere: one hidden cell per column forces another in that column.
    expect(
      suppressMatrix([
        [20, 5, 30],
        [25, 40, 35],
      ]),
    ).toEqual([
      [true, true, false],
      [true, true, false],
    ]);
  });
});

describe('indicators by territory', () => {
  const BY_TERRITORY = `query ($scope: IndicatorScopeInput, $period: PeriodInput!) { indicatorsByTerritory(scope: $scope, period: $period) {
    territoryId territory { id } peopleWelcomed { value suppressed } peopleAccompanied { value suppressed } activeCaseload { value suppressed }
    exitsTotal { value suppressed } stabilisations { value suppressed } pathEvolutions { value suppressed } exitsByReason { reason count { value suppressed } } } }`;
  type Row = Record<string, unknown> & { territoryId: string; exitsByReason: { reason: string; count: { value: number | null } }[] };

  async function byTerritory(caller: typeof admin, scope: Record<string, unknown>): Promise<Row[]> {
    const { data, errors } = await execute<{ indicatorsByTerritory: Row[] }>(schema, testContext(orm, caller), BY_TERRITORY, { scope, period: { from: '2026-01-01', to: '2026-12-31' } });
    if (errors.length) throw new Error(errors.join('; '));
    return data!.indicatorsByTerritory;
  }

  it('computes each territory’s figures for a programme and a period in three statements, suppressed as a table across territories', async () => {
    const em = orm.em.fork();
    const programmeId = randomUUID();
    const [a, b, c] = [await createTestTerritory(em, DEPARTMENT, [commune]), await createTestTerritory(em, DEPARTMENT, [commune]), await createTestTerritory(em, DEPARTMENT, [commune])];
    const accompany = async (territoryId: string, n: number, o: { startedOn: string; endedOn?: string; exitReason?: string; programme?: string }): Promise<void> => {
      for (let i = 0; i < n; i++) {
        const beneficiaryId = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
        await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId, programmeId: o.programme ?? programmeId, territoryId, prescribedOn: '2025-05-02', startedOn: o.startedOn, endedOn: o.endedOn ?? null, exitReason: o.exitReason ?? null });
      }
    };
    // A: 30 welcomed in 2026 (12 stabilised and 3 moved by June), one more accompanied since 2025, one of another programme.
    await accompany(a, 15, { startedOn: '2026-02-01' });
    await accompany(a, 12, { startedOn: '2026-02-01', endedOn: '2026-06-30', exitReason: 'STABILISATION' });
    await accompany(a, 3, { startedOn: '2026-02-01', endedOn: '2026-06-30', exitReason: 'MOVED' });
    await accompany(a, 1, { startedOn: '2025-06-01' });
    await accompany(a, 1, { startedOn: '2026-02-01', programme: randomUUID() });
    // B: 5 welcomed, 2 of them stabilised. C: 20 welcomed, all still accompanied.
    await accompany(b, 3, { startedOn: '2026-03-01' });
    await accompany(b, 2, { startedOn: '2026-03-01', endedOn: '2026-09-30', exitReason: 'STABILISATION' });
    await accompany(c, 20, { startedOn: '2026-04-01' });

    counter.reset();
    const exactRows = await byTerritory(admin, { programmeId });
    // Territories, people per territory, exits per territory and reason.
    expect(counter.count).toBe(3);
    const row = (rows: Row[], id: string): Row => {
      const r = rows.find((x) => x.territoryId === id)!;
      return { ...r, exitsByReason: r.exitsByReason.filter((e) => e.count.value !== 0) };
    };
    // Every territory of the Département is listed, those without figures too.
    expect(exactRows.map((r) => r.territoryId)).toEqual(expect.arrayContaining([a, b, c]));
    expect(row(exactRows, a)).toEqual({
      territoryId: a,
      territory: { id: a },
      peopleWelcomed: exact(30),
      peopleAccompanied: exact(31),
      activeCaseload: exact(16),
      exitsTotal: exact(15),
      stabilisations: exact(12),
      pathEvolutions: exact(0),
      exitsByReason: [
        { reason: 'STABILISATION', count: exact(12) },
        { reason: 'MOVED', count: exact(3) },
      ],
    });
    expect(row(exactRows, b)).toMatchObject({ peopleWelcomed: exact(5), activeCaseload: exact(3), exitsTotal: exact(2), stabilisations: exact(2) });
    expect(row(exactRows, c)).toMatchObject({ peopleWelcomed: exact(20), peopleAccompanied: exact(20), activeCaseload: exact(20), exitsTotal: exact(0) });

    // Before the Département's publication, steering callers, those limited to some territories and
    // operators read every territory's row, with no count (ADR 0023).
    const seen = await byTerritory(steering, { programmeId });
    for (const t of [a, b, c]) expect(row(seen, t)).toMatchObject({ peopleWelcomed: HIDDEN, peopleAccompanied: HIDDEN, activeCaseload: HIDDEN, exitsTotal: HIDDEN, stabilisations: HIDDEN });
    // One territory asked for: its row only, as in the whole table.
    const alone = await byTerritory(steering, { programmeId, territoryId: b });
    expect(alone).toEqual([seen.find((r) => r.territoryId === b)]);
    // A caller limited to some territories sees theirs only.
    expect((await byTerritory(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: [c] }), { programmeId })).map((r) => [r.territoryId, r.peopleWelcomed])).toEqual([[c, HIDDEN]]);
    const operator = await byTerritory(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: randomUUID() }), { programmeId });
    expect(row(operator, a).peopleAccompanied).toEqual(HIDDEN);

    // The Département's figures agree with the table's totals.
    const total = await indicatorsFor(admin, { programmeId }, { from: '2026-01-01', to: '2026-12-31' });
    expect(total).toMatchObject({ peopleWelcomed: exact(55), peopleAccompanied: exact(56), activeCaseload: exact(39), exitsTotal: exact(17) });
  });
});

describe('contributions to other entities', () => {
  it('gives the need count (people on the RSA per territory) exactly to administrators, suppressed across the Département’s territories to others', async () => {
    // Département 87 (Haute-Vienne) is this test's own.
    const em = orm.em.fork();
    const own = await firstCommune(em, '87');
    const sizes = [30, 4, 20];
    const ids: string[] = [];
    for (const size of sizes) {
      const territoryId = await createTestTerritory(em, '87', [own]);
      for (let i = 0; i < size; i++) await newPerson(em, { departmentCode: '87', communeCode: own, territoryId });
      ids.push(territoryId);
    }
    const need = async (caller: typeof admin) => {
      const { data, errors } = await execute<{ _entities: { peopleOnRsa: number | null }[] }>(schema, testContext(orm, caller), 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Territory { peopleOnRsa } } }', {
        r: ids.map((id) => ({ __typename: 'Territory', id })),
      });
      expect(errors).toEqual([]);
      return data!._entities.map((t) => t.peopleOnRsa);
    };
    expect(await need(testCaller({ departmentCode: '87' }))).toEqual([30, 4, 20]);
    // The 4 is hidden, and the 20 with it: places being public, a coverage rate gives its need back.
    expect(await need(testCaller({ departmentCode: '87', role: 'STEERING' }))).toEqual([30, null, null]);
    expect(await need(testCaller({ departmentCode: '87', role: 'PRESCRIBER' }))).toEqual([30, null, null]);
  });

  it('adds people oriented and exits by reason to Territory, and the caseload to Convention (its occupancy is computed in contracts), in one query per field', async () => {
    const em = orm.em.fork();
    const north = await createTestTerritory(em, DEPARTMENT, [commune]);
    const south = await createTestTerritory(em, DEPARTMENT, [commune]);
    const conventionId = randomUUID();
    const plan: [string, number, string | null][] = [
      [north, 20, 'STABILISATION'],
      [north, 3, 'MOVED'],
      [south, 12, null],
      [south, 13, 'STABILISATION'],
    ];
    for (const [territory, count, reason] of plan) {
      for (let i = 0; i < count; i++) {
        const id = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId: territory });
        await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId: id, conventionId, territoryId: territory, prescribedOn: '2024-02-01', startedOn: '2024-02-10', endedOn: reason ? '2024-05-01' : null, exitReason: reason });
      }
    }
    const query = `query ($r: [_Any!]!, $p: PeriodInput!) { _entities(representations: $r) {
      ... on Territory { id peopleOriented(period: $p) { value suppressed } exitsByReason(period: $p) { reason count { value suppressed } } }
      ... on Convention { id activeCaseload } } }`;
    const representations = [
      { __typename: 'Territory', id: north },
      { __typename: 'Territory', id: south },
      { __typename: 'Convention', id: conventionId },
    ];
    const entities = async (caller: typeof admin) => {
      const { data, errors } = await execute<{ _entities: Record<string, unknown>[] }>(schema, testContext(orm, caller), query, {
        r: representations,
        p: { from: '2024-01-01', to: '2024-12-31' },
      });
      expect(errors).toEqual([]);
      return data!._entities as [
        { peopleOriented: unknown; exitsByReason: { reason: string; count: { value: number | null } }[] },
        { peopleOriented: unknown; exitsByReason: { reason: string; count: { value: number | null } }[] },
        unknown,
      ];
    };
    const nonZero = (cells: { reason: string; count: { value: number | null } }[]) => cells.filter((c) => c.count.value !== 0);
    const [n, s, c] = await entities(admin);
    // The 2024 figures of Département 69 are all here (other tests use 2025–2026).
    expect(n.peopleOriented).toEqual(exact(23));
    expect(s.peopleOriented).toEqual(exact(25));
    expect(nonZero(n.exitsByReason)).toEqual([
      { reason: 'STABILISATION', count: exact(20) },
      { reason: 'MOVED', count: exact(3) },
    ]);
    expect(nonZero(s.exitsByReason)).toEqual([{ reason: 'STABILISATION', count: exact(13) }]);
    // Before the Département's publication, a steering caller reads none of these counts.
    const [sn, ss] = await entities(steering);
    for (const t of [sn, ss]) {
      expect(t.peopleOriented).toEqual(HIDDEN);
      expect(t.exitsByReason.every((e) => e.count.value === null)).toBe(true);
    }
    expect(c).toEqual({ id: conventionId, activeCaseload: 12 });
  });
});
