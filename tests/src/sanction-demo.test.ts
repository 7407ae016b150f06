import { DEMO_PASSWORD } from '@passerelles/db';
import { todayIso } from '@passerelles/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

/** The demo's suspension-remobilisation procedures (db/src/seed/sanction.seed.ts), through the database and the gateway. */
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('the demo sanctions', () => {
  it('holds a few dozen procedures in the Pas-de-Calais since June 2025, in every state, within the legal bounds', async () => {
    const { rows } = await system.db.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from beneficiaries.sanction_procedure where department_code = '62' group by status order by status`,
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const total = rows.reduce((sum, r) => sum + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBeLessThanOrEqual(60);
    for (const status of ['DECIDED', 'LIFTED', 'ENDED']) expect(byStatus[status] ?? 0).toBeGreaterThan(0);
    const bounds = (
      await system.db.query<Record<string, unknown>>(
        `select min(breach_on)::text as first, max(coalesce(ended_on, lifted_on, decided_on, hearing_on, breach_on))::text as last,
                count(*) filter (where rate > 50 and household_type <> 'SINGLE')::int as over_cap,
                count(*) filter (where repeat_of is not null)::int as repeats,
                count(*) filter (where department_code <> '62')::int as elsewhere
           from beneficiaries.sanction_procedure`,
      )
    ).rows[0];
    expect(bounds).toMatchObject({ over_cap: 0, elsewhere: 0 });
    expect(bounds!.first! >= '2025-06-01').toBe(true);
    expect(bounds!.last! <= '2026-11-15').toBe(true);
  });

  it('gives steering the figures of a closed year, suppressed, and administrators a person’s procedures', async () => {
    const steering = await login(system, 'pilotage.62@demo.passerelles.fr', DEMO_PASSWORD);
    const query = (year: number) =>
      gatewayQuery<{ sanctionIndicators: { opened: { value: number | null; suppressed: boolean; rule: string | null }; byTerritory: unknown[] } }>(
        system,
        steering,
        `{ sanctionIndicators(period: { from: "${year}-01-01", to: "${year}-12-31" }) { opened { value suppressed rule } byTerritory { territoryId opened { value suppressed } } } }`,
      );
    // 2025 is closed: its procedures (from June) are published for the whole Département.
    const figures = await query(2025);
    expect(figures.errors).toEqual([]);
    const opened2025 = (await system.db.query<{ n: number }>(`select count(*)::int as n from beneficiaries.sanction_procedure where breach_on between '2025-01-01' and '2025-12-31'`)).rows[0]!.n;
    expect(opened2025).toBeGreaterThanOrEqual(11);
    expect(figures.data!.sanctionIndicators.opened).toEqual({ value: opened2025, suppressed: false, rule: null });
    // The current year is not closed: tomorrow's answer would differ by a day's procedures.
    const current = await query(Number(todayIso().slice(0, 4)));
    expect(current.data!.sanctionIndicators.opened).toEqual({ value: null, suppressed: true, rule: 'NOT_PUBLISHED' });
    const person = (await system.db.query<{ id: string }>(`select beneficiary_id as id from beneficiaries.sanction_procedure where status = 'LIFTED' order by id limit 1`)).rows[0]!.id;
    const admin = await login(system, 'admin.62@demo.passerelles.fr', DEMO_PASSWORD);
    const read = await gatewayQuery<{ beneficiary: { sanctionProcedures: { status: string; liftedOn: string }[] } }>(
      system,
      admin,
      'query ($id: ID!) { beneficiary(id: $id) { sanctionProcedures { status liftedOn } } }',
      { id: person },
    );
    expect(read.data!.beneficiary.sanctionProcedures.map((p) => p.status)).toContain('LIFTED');
  });
});
