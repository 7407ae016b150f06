import { DEMO_AS_OF, DEMO_PASSWORD, demoIdOf, seedDemo } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

/** The demo data `npm start` seeds on an empty database: the facts of DOMAIN.md and a synthetic population. */
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

const one = async (sql: string, params: unknown[] = []): Promise<Record<string, unknown>> => (await system.db.query(sql, params)).rows[0] as Record<string, unknown>;

describe('demo seed', () => {
  it('holds the Doubs Croix-Rouge convention: 2.5 FTE, 140 000 € a year for 18 months', async () => {
    const convention = await one(`select fte::text, places, starts_on::text, ends_on::text from contracts.convention where id = $1`, [
      demoIdOf.convention('croix-rouge-25-2025'),
    ]);
    expect(convention).toEqual({ fte: '2.50', places: 225, starts_on: '2025-07-01', ends_on: '2026-12-31' });
    const total = await one(`select sum(amount_cents)::int as cents from funding.funding_commitment where convention_id = $1`, [demoIdOf.convention('croix-rouge-25-2025')]);
    expect(total.cents).toBe(210_000_00);
    const token = await login(system, 'admin.25@demo.passerelles.fr', DEMO_PASSWORD);
    const viaGateway = await gatewayQuery(system, token, 'query ($id: ID!) { convention(id: $id) { fte places operator { name } } }', {
      id: demoIdOf.convention('croix-rouge-25-2025'),
    });
    expect(viaGateway.data).toEqual({ convention: { fte: 2.5, places: 225, operator: { name: 'Croix-Rouge française — délégation du Doubs' } } });
  });

  it('holds the Pas-de-Calais 2025 conventions: 8 of 12 months, the Ternois covered by the second session for 4 months', async () => {
    const rows = (
      await system.db.query<{ territory_id: string; starts_on: string; months: number; cents: number }>(
        `select ct.territory_id, c.starts_on::text, (extract(month from c.ends_on) - extract(month from c.starts_on) + 1)::int as months,
                (select sum(amount_cents)::int from funding.funding_commitment f where f.convention_id = c.id) as cents
           from contracts.convention c join contracts.convention_territory ct on ct.convention_id = c.id
          where c.department_code = '62' and extract(year from c.starts_on) = 2025 order by ct.territory_id`,
      )
    ).rows;
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.months === 12)).toHaveLength(8);
    expect(rows.find((r) => r.territory_id === '62-ternois')).toEqual({ territory_id: '62-ternois', starts_on: '2025-09-01', months: 4, cents: 3_333_333 });
    // 100 000 € per FTE over 12 months.
    expect(rows.find((r) => r.territory_id === '62-arrageois')?.cents).toBe(200_000_00);
  });

  it('generates synthetic people with the real distributions of Pas-de-Calais', async () => {
    const stats = await one(
      `select count(*)::int as people, avg((sex = 'F')::int)::float as women,
              avg((rsa_entry_date < ($1::date - interval '5 years'))::int)::float as over_five_years
         from beneficiaries.beneficiary where department_code = '62'`,
      [DEMO_AS_OF],
    );
    expect(stats.people).toBe(1500);
    expect(stats.women).toBeGreaterThan(0.53);
    expect(stats.women).toBeLessThan(0.61);
    expect(stats.over_five_years).toBeGreaterThan(0.5);
    expect(stats.over_five_years).toBeLessThan(0.58);
    const dates = await one(
      `select count(*) filter (where started_on < prescribed_on or ended_on < started_on or (ended_on is not null and exit_reason is null))::int as bad
         from beneficiaries.accompaniment`,
    );
    expect(dates.bad).toBe(0);
  });

  it('gives the demo’s people CER as the contracts rules make them, and synthetic names the référent reads', async () => {
    const cer = await one(
      `select count(*)::int as total,
              count(*) filter (where status in ('SIGNED', 'RENEWAL_REQUESTED'))::int as in_force,
              count(*) filter (where status = 'RENEWED')::int as renewed,
              count(*) filter (where renewal_requested_on is not null and renewal_requested_on < starts_on + interval '5 months' - interval '1 day')::int as early_renewal,
              count(*) filter (where status <> 'ENDED' and ends_on <> (starts_on + interval '6 months' - interval '1 day')::date)::int as not_six_months
         from contracts.engagement_contract`,
    );
    expect(cer.total).toBeGreaterThan(100);
    expect(cer.in_force).toBeGreaterThan(0);
    expect(cer.renewed).toBeGreaterThan(0);
    expect(cer).toMatchObject({ early_renewal: 0, not_six_months: 0 });
    // Never two CER of one person at once (the subgraph refuses overlaps).
    const overlaps = await one(
      `select count(*)::int as n from contracts.engagement_contract a join contracts.engagement_contract b
          on a.beneficiary_id = b.beneficiary_id and a.id < b.id and a.starts_on <= b.ends_on and b.starts_on <= a.ends_on`,
    );
    expect(overlaps.n).toBe(0);
    // Every person has a sealed identity; the demo référent reads the names of their caseload.
    expect(await one(`select count(*)::int as n from beneficiaries.beneficiary b where not exists (select 1 from beneficiaries.beneficiary_identity i where i.beneficiary_id = b.id)`)).toEqual({ n: 0 });
    const token = await login(system, 'referent.62@demo.passerelles.fr', DEMO_PASSWORD);
    const { data } = await gatewayQuery<{ caseload: { nodes: { identity: { firstName: string; lastName: string } | null; contracts: { status: string }[] | null }[] } }>(
      system,
      token,
      '{ caseload(first: 20) { nodes { identity { firstName lastName } contracts { status } } } }',
    );
    const nodes = data!.caseload.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.identity !== null && /^\p{Lu}/u.test(n.identity.firstName) && n.identity.lastName.length > 1)).toBe(true);
    expect(nodes.some((n) => (n.contracts ?? []).length > 0)).toBe(true);
  });

  it('does nothing on a database that already has data', async () => {
    const before = await one('select count(*)::int as n from beneficiaries.beneficiary');
    const again = await seedDemo(system.databaseUrl);
    expect(again.seeded).toBe(false);
    expect(await one('select count(*)::int as n from beneficiaries.beneficiary')).toEqual(before);
  });
});
