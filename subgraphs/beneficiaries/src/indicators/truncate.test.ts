import { randomUUID } from 'node:crypto';
import { prepareDatabase, migrateSchema } from '@passerelles/db';
import { testDatabaseUrl } from '@passerelles/subgraph-kit/test-support';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beneficiariesMigrations } from '../migrations/index.js';
import { loadScalePopulations } from '../population/population.load.js';

// This file works in a database of its own: a TRUNCATE empties a table for every Département, and
// the shared test database is read by the other files at the same time.
const name = `truncate_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const urlOf = (database: string): string => {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${database}`;
  return url.toString();
};
let admin: pg.Client;
let client: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  // earthdistance is not a trusted extension: the superuser makes it (README, external PostgreSQL).
  const setup = new pg.Client({ connectionString: urlOf(name) });
  await setup.connect();
  await setup.query('create extension if not exists cube with schema public; create extension if not exists earthdistance with schema public');
  await setup.end();
  await prepareDatabase(urlOf(name));
  await migrateSchema({ clientUrl: urlOf(name), schema: 'beneficiaries', migrations: beneficiariesMigrations });
  client = new pg.Client({ connectionString: urlOf(name) });
  await client.connect();
  await loadScalePopulations(client, { departments: ['28', '36'], size: 400, seed: 7 });
}, 180_000);
afterAll(async () => {
  await client?.end();
  await admin?.query(`drop database if exists ${name} with (force)`);
  await admin?.end();
});

/** The tally summed per day and status, and the appointments counted the same way: equal when the tally is right. */
async function tallyAndAppointments(): Promise<{ tally: string[]; appointments: string[] }> {
  const tally = await client.query<{ k: string }>(
    `select department_code || ' ' || scheduled_on || ' ' || status || ' ' || sum(n) as k from beneficiaries.appointment_tally group by department_code, scheduled_on, status having sum(n) <> 0 order by 1`,
  );
  const appointments = await client.query<{ k: string }>(
    `select department_code || ' ' || scheduled_on || ' ' || status || ' ' || count(*) as k from beneficiaries.appointment group by department_code, scheduled_on, status order by 1`,
  );
  return { tally: tally.rows.map((r) => r.k), appointments: appointments.rows.map((r) => r.k) };
}

/** Every stored chain, and every chain computed afresh from the tables (in a transaction rolled back): equal when the store is right. */
async function storedAndFresh(): Promise<{ stored: unknown[]; fresh: unknown[] }> {
  const read = async (): Promise<unknown[]> => (await client.query('select * from beneficiaries.delay_chain order by beneficiary_id')).rows;
  const stored = await read();
  await client.query('begin');
  try {
    await client.query('delete from beneficiaries.delay_chain');
    await client.query('select beneficiaries.refresh_delay_chain(array(select beneficiary_id from beneficiaries.orientation))');
    return { stored, fresh: await read() };
  } finally {
    await client.query('rollback');
  }
}

describe('a TRUNCATE', () => {
  it('of the appointments empties their tally, which counts the appointments written after it', async () => {
    const before = await tallyAndAppointments();
    expect(before.appointments.length).toBeGreaterThan(100);
    expect(before.tally).toEqual(before.appointments);

    await client.query('truncate beneficiaries.appointment');
    expect((await client.query('select count(*)::int as n from beneficiaries.appointment_tally')).rows[0].n).toBe(0);

    await client.query(
      `insert into beneficiaries.appointment (id, department_code, accompaniment_id, beneficiary_id, kind, scheduled_on, status)
       select gen_random_uuid(), a.department_code, a.id, a.beneficiary_id, 'INTERMEDIATE', a.started_on, 'HONOURED' from beneficiaries.accompaniment a where a.started_on is not null limit 50`,
    );
    const after = await tallyAndAppointments();
    expect(after.appointments.length).toBeGreaterThan(0);
    expect(after.tally).toEqual(after.appointments);
  });

  it('of a table a delay chain is read from, alone or by cascade, recomputes every chain from what is left', async () => {
    const before = await storedAndFresh();
    expect(before.stored.length).toBeGreaterThan(100);
    expect(before.stored).toEqual(before.fresh);
    const partners = (await client.query('select count(partner_on)::int as n from beneficiaries.delay_chain')).rows[0].n as number;
    expect(partners).toBeGreaterThan(0);

    // The referrals alone: chains keep their people, no first partner appointment accepted is left.
    await client.query('truncate beneficiaries.referral');
    const withoutReferrals = await storedAndFresh();
    expect(withoutReferrals.stored).toHaveLength(before.stored.length);
    expect(withoutReferrals.stored).toEqual(withoutReferrals.fresh);
    expect((await client.query('select count(partner_on)::int as n from beneficiaries.delay_chain')).rows[0].n).toBe(0);

    // The accompaniments and, by cascade, every table that refers to them.
    await client.query('truncate beneficiaries.accompaniment cascade');
    const withoutAccompaniments = await storedAndFresh();
    expect(withoutAccompaniments.stored).toEqual(withoutAccompaniments.fresh);
    expect((await client.query('select count(started_on)::int as n from beneficiaries.delay_chain')).rows[0].n).toBe(0);

    // The orientations: a chain starts with one, so none is left.
    await client.query('truncate beneficiaries.orientation cascade');
    expect((await client.query('select count(*)::int as n from beneficiaries.delay_chain')).rows[0].n).toBe(0);
  });
});
