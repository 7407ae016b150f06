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

  it('gives the demo’s people contracts as the contracts rules make them, and synthetic names the référent reads', async () => {
    // Contrats d'engagement (12 months) since 2025, CER (6 months) in the Pas-de-Calais's transition, some converted (ADR 0025, engagement-demo.test.ts).
    const cer = await one(
      `select count(*)::int as total,
              count(*) filter (where status in ('SIGNED', 'RENEWAL_REQUESTED'))::int as in_force,
              count(*) filter (where converted_to_id is not null)::int as converted,
              count(*) filter (where renewal_requested_on is not null and renewal_requested_on < starts_on + interval '5 months' - interval '1 day')::int as early_renewal,
              count(*) filter (where status <> 'ENDED' and ends_on <> (starts_on + make_interval(months => case kind when 'CER' then 6 else 12 end) - interval '1 day')::date)::int as not_default_length
         from contracts.engagement_contract`,
    );
    expect(cer.total).toBeGreaterThan(100);
    expect(cer.in_force).toBeGreaterThan(0);
    expect(cer.converted).toBeGreaterThan(0);
    expect(cer).toMatchObject({ early_renewal: 0, not_default_length: 0 });
    // Never two contracts of one person at once (the subgraph refuses overlaps).
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

// The contracts of the loi « plein emploi » (db/src/seed/engagement.seed.ts, ADR 0025): contrats d'engagement since 2025, CER in a transition half-year, some converted.
describe('the demo contracts under the loi plein emploi', () => {
  it('signs contrats d’engagement since 2025 (CER only in a transition half-year), with hours from their actions, some reduced for health, a few CER converted', async () => {
    // The demo's accompaniments start in 2025: CER only in the Pas-de-Calais's first half-year, whose call still says CER.
    const { rows } = await system.db.query<{ kind: string; n: number; late: number; first: string; last: string }>(
      `select kind, count(*)::int as n, count(*) filter (where department_code <> '62' or starts_on >= '2025-07-01')::int as late, min(starts_on)::text as first, max(starts_on)::text as last
         from contracts.engagement_contract group by kind order by kind`,
    );
    expect(rows.map((r) => r.kind)).toEqual(['CER', 'CONTRAT_ENGAGEMENT']);
    const [cer, engagement] = rows;
    expect(cer!.late).toBe(0);
    expect(cer!.n).toBeGreaterThan(10);
    expect(engagement!.n).toBeGreaterThan(cer!.n * 3);
    expect(engagement!.last > '2026-06-01').toBe(true);
    const [plans] = (
      await system.db.query<Record<string, number>>(
        `select count(*)::int as contracts,
                count(*) filter (where planned_weekly_hours < 15)::int as reduced,
                count(*) filter (where planned_weekly_hours < 15 and reduction_reason is null)::int as unjustified,
                count(*) filter (where reduction_reason = 'HEALTH')::int as health,
                count(*) filter (where converted_from_id is not null)::int as converted,
                count(*) filter (where abs(planned_weekly_hours - (select round((sum(a.weekly_hours * a.weeks) / greatest(1, round(((c.starts_on + interval '12 months')::date - c.starts_on) / 7.0)))::numeric, 1)
                                   from contracts.contract_action a where a.contract_id = c.id)) > 0.05)::int as hours_not_from_actions
           from contracts.engagement_contract c where kind = 'CONTRAT_ENGAGEMENT'`,
      )
    ).rows;
    expect(plans!['unjustified']).toBe(0);
    expect(plans!['hours_not_from_actions']).toBe(0);
    expect(plans!['reduced']).toBeGreaterThan(plans!['contracts']! / 10);
    expect(plans!['reduced']).toBeLessThan(plans!['contracts']! / 2);
    expect(plans!['health']).toBeGreaterThan(plans!['reduced']! / 3);
    expect(plans!['converted']).toBeGreaterThan(0);
    // Both ways: every converted CER ended the day before its contrat d'engagement started.
    const { rows: links } = await system.db.query<{ broken: number }>(
      `select count(*)::int as broken from contracts.engagement_contract e join contracts.engagement_contract c on c.id = e.converted_from_id
        where c.converted_to_id <> e.id or c.kind <> 'CER' or c.status <> 'ENDED' or c.ends_on <> e.starts_on - 1`,
    );
    expect(links).toEqual([{ broken: 0 }]);
  });

  it('publishes the 2025 figures of the contrats d’engagement to the Département', async () => {
    const token = await login(system, 'admin.62@demo.passerelles.fr', DEMO_PASSWORD);
    const result = await gatewayQuery<{ contractIndicators: { engagementSigned: { value: number }; engagementReduced: { value: number }; engagementMedianWeeklyHours: number | null; cerSigned: { value: number } } }>(
      system,
      token,
      '{ contractIndicators(period: { from: "2025-01-01", to: "2025-12-31" }) { cerSigned { value } engagementSigned { value } engagementReduced { value } engagementMedianWeeklyHours } }',
    );
    expect(result.errors).toEqual([]);
    const figures = result.data!.contractIndicators;
    expect(figures.cerSigned.value).toBeGreaterThan(0);
    expect(figures.engagementSigned.value).toBeGreaterThan(figures.cerSigned.value * 3);
    expect(figures.engagementSigned.value).toBeGreaterThan(10);
    expect(figures.engagementReduced.value).toBeGreaterThan(0);
    expect(figures.engagementMedianWeeklyHours).toBeGreaterThanOrEqual(10);
  });
});
