import type { MikroORM } from '@mikro-orm/postgresql';
import { createTestTerritory, openTestOrm, testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesSubgraph } from '../subgraph.js';
import { firstCommune, newAccompaniment, newAppointment, newPerson, useTestIdentityKey } from '../test-support/factories.js';
import { compactAppointmentTally } from './appointment-tally.js';
import { IndicatorsRepository, type Period } from './indicators.repository.js';

// This file owns Département 89 (Yonne) in the shared test database.
const DEPARTMENT = '89';
const TODAY = '2026-03-10';
/** Periods that cut through the appointments' days, before, after and around `TODAY`. */
const PERIODS: Period[] = [
  { from: '2026-01-01', to: '2026-12-31' },
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2026-03-05', to: '2026-03-10' },
  { from: '2026-03-10', to: '2026-04-30' },
  { from: '2025-01-01', to: '2025-12-31' },
];
const DAYS = ['2026-02-03', '2026-02-17', '2026-03-05', '2026-03-09', '2026-03-10', '2026-03-24', '2026-04-14'];
const STATUSES = ['PLANNED', 'HONOURED', 'MISSED', 'EXCUSED', 'CANCELLED'];

/** The adherence of the whole Département counted from the appointments themselves: what the tally must give. */
const LIVE = `select count(*) filter (where status in ('HONOURED', 'MISSED', 'EXCUSED'))::int as closed,
                     count(*) filter (where status = 'HONOURED')::int as honoured,
                     count(*) filter (where status = 'PLANNED' and scheduled_on < $4::date)::int as "leftOpen"
                from beneficiaries.appointment where department_code = $1 and scheduled_on between $2::date and $3::date`;

let orm: MikroORM;
let db: pg.Pool;
let accompaniments: { id: string; beneficiaryId: string }[];

const live = async (period: Period): Promise<unknown> => (await db.query(LIVE, [DEPARTMENT, period.from, period.to, TODAY])).rows[0];
const tallied = (period: Period): Promise<unknown> => new IndicatorsRepository(orm.em.fork()).adherenceTallied(DEPARTMENT, period, TODAY);
/** Every period's figures from the tally equal those counted from the appointments. */
async function expectTallyMatches(what: string): Promise<void> {
  for (const period of PERIODS) expect(await tallied(period), `${what}, ${period.from} → ${period.to}`).toEqual(await live(period));
}
const tallyRows = async (): Promise<number> => (await db.query<{ n: number }>('select count(*)::int as n from beneficiaries.appointment_tally where department_code = $1', [DEPARTMENT])).rows[0]!.n;

beforeAll(async () => {
  useTestIdentityKey();
  orm = await openTestOrm(beneficiariesSubgraph);
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 10 });
  const em = orm.em.fork();
  const commune = await firstCommune(em, DEPARTMENT);
  const territoryId = await createTestTerritory(em, DEPARTMENT, [commune]);
  accompaniments = [];
  for (let i = 0; i < 4; i++) {
    const beneficiaryId = await newPerson(em, { departmentCode: DEPARTMENT, communeCode: commune, territoryId });
    const id = await newAccompaniment(em, { departmentCode: DEPARTMENT, beneficiaryId, territoryId, prescribedOn: '2026-01-05', startedOn: '2026-01-20' });
    accompaniments.push({ id, beneficiaryId });
  }
});
afterAll(async () => {
  await db?.end();
  await orm?.close(true);
});

describe('the appointment tally (ADR 0033)', () => {
  it('gives the adherence counted from the appointments after every kind of write, a rolled-back one and a compaction', async () => {
    const em = orm.em.fork();
    const a = accompaniments[0]!;
    const ids: string[] = [];
    // One appointment at a time, every status on every day.
    for (const day of DAYS) {
      for (const status of STATUSES) ids.push(await newAppointment(em, { departmentCode: DEPARTMENT, accompanimentId: a.id, beneficiaryId: a.beneficiaryId, kind: 'INTERMEDIATE', scheduledOn: day, status }));
    }
    await expectTallyMatches('inserted one by one');
    // Counted by hand: 7 days × honoured, missed, excused; the planned ones of the 4 days before TODAY.
    expect(await tallied(PERIODS[0]!)).toEqual({ closed: 21, honoured: 7, leftOpen: 4 });

    // Many rows in one statement, as an import or the population's COPY write them.
    const b = accompaniments[1]!;
    await db.query(
      `insert into beneficiaries.appointment (id, department_code, accompaniment_id, beneficiary_id, kind, scheduled_on, status)
       select gen_random_uuid(), $1, $2, $3, 'INTERMEDIATE', d::date, (array['PLANNED', 'HONOURED', 'MISSED'])[1 + i % 3]
         from generate_series(1, 60) i, lateral (select '2026-02-01'::date + (i % 45) as d) x`,
      [DEPARTMENT, b.id, b.beneficiaryId],
    );
    await expectTallyMatches('sixty inserted in one statement');

    // Outcomes recorded, one and many at once; a day moved; a statement that changes nothing.
    await db.query(`update beneficiaries.appointment set status = 'HONOURED' where id = $1`, [ids[0]]);
    await db.query(`update beneficiaries.appointment set status = 'MISSED' where department_code = $1 and status = 'PLANNED' and scheduled_on < $2::date`, [DEPARTMENT, TODAY]);
    await db.query(`update beneficiaries.appointment set scheduled_on = '2026-03-11' where id = $1`, [ids[7]]);
    await db.query(`update beneficiaries.appointment set kind = kind where department_code = $1`, [DEPARTMENT]);
    await expectTallyMatches('outcomes recorded and a day moved');

    // Deleted, one and several.
    await db.query('delete from beneficiaries.appointment where id = $1', [ids[1]]);
    await db.query('delete from beneficiaries.appointment where department_code = $1 and accompaniment_id = $2 and scheduled_on > $3::date', [DEPARTMENT, b.id, '2026-03-01']);
    await expectTallyMatches('deleted');

    // A transaction rolled back leaves the tally as it was.
    const before = await Promise.all(PERIODS.map(tallied));
    const client = await db.connect();
    try {
      await client.query('begin');
      await client.query(`update beneficiaries.appointment set status = 'HONOURED' where department_code = $1`, [DEPARTMENT]);
      await client.query('delete from beneficiaries.appointment where id = $1', [ids[2]]);
      await client.query('rollback');
    } finally {
      client.release();
    }
    expect(await Promise.all(PERIODS.map(tallied)), 'rolled back').toEqual(before);
    await expectTallyMatches('rolled back');

    // Compacted: one row per day and status, the same figures.
    const { before: rowsBefore, after } = await compactAppointmentTally(orm.em.fork(), DEPARTMENT);
    const distinct = (await db.query<{ n: number }>('select count(distinct (scheduled_on, status))::int as n from beneficiaries.appointment where department_code = $1', [DEPARTMENT])).rows[0]!.n;
    expect(rowsBefore).toBeGreaterThan(after);
    expect(after).toBe(distinct);
    expect(await tallyRows()).toBe(distinct);
    await expectTallyMatches('compacted');
  });

  it('stays exact with many référents recording outcomes at once, some rolled back, while the tally is compacted', async () => {
    const a = accompaniments[2]!;
    const c = accompaniments[3]!;
    // Forty planned appointments on the same two days: every writer changes the same days and statuses.
    const { rows } = await db.query<{ id: string }>(
      `insert into beneficiaries.appointment (id, department_code, accompaniment_id, beneficiary_id, kind, scheduled_on, status)
       select gen_random_uuid(), $1, case when i % 2 = 0 then $2::uuid else $4::uuid end, case when i % 2 = 0 then $3::uuid else $5::uuid end,
              'INTERMEDIATE', case when i % 2 = 0 then '2026-03-03'::date else '2026-03-04'::date end, 'PLANNED'
         from generate_series(1, 40) i returning id`,
      [DEPARTMENT, a.id, a.beneficiaryId, c.id, c.beneficiaryId],
    );
    const outcomes = ['HONOURED', 'MISSED', 'EXCUSED', 'CANCELLED'];
    /** A référent's transaction: two outcomes recorded in two statements, held open a moment, then committed or rolled back. */
    const write = async (i: number): Promise<void> => {
      const client = await db.connect();
      try {
        await client.query('begin');
        await client.query('update beneficiaries.appointment set status = $2 where id = $1', [rows[i]!.id, outcomes[i % 4]]);
        await client.query('select pg_sleep(0.01)');
        await client.query('update beneficiaries.appointment set status = $2 where id = $1', [rows[(i + 20) % 40]!.id, outcomes[(i + 1) % 4]]);
        await client.query(i % 5 === 0 ? 'rollback' : 'commit');
      } finally {
        client.release();
      }
    };
    const compactions = async (): Promise<void> => {
      for (let k = 0; k < 5; k++) await compactAppointmentTally(orm.em.fork(), DEPARTMENT);
    };
    await Promise.all([...Array.from({ length: 20 }, (_, i) => write(i)), compactions()]);
    await expectTallyMatches('after concurrent writers and compactions');
    const changed = (await db.query<{ n: number }>(`select count(*)::int as n from beneficiaries.appointment where id = any($1) and status <> 'PLANNED'`, [rows.map((r) => r.id)])).rows[0]!.n;
    expect(changed, 'the committed outcomes are there').toBeGreaterThan(0);
  });
});
