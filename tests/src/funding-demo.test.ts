import { DEMO_AS_OF, DEMO_PASSWORD, demoIdOf } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

/** The demo's money (seeded by `npm start`): the Pas-de-Calais 2025 conventions with their payments, and the Doubs Croix-Rouge convention. */
let system: TestSystem;
let token: string;

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  token = await login(system, 'admin.62@demo.passerelles.fr', DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('demo funding', () => {
  it('pays the 2025 référent spécifique santé conventions: advances, balances after the final reports, one report overdue', async () => {
    const result = await gatewayQuery<{ fundingOverview: unknown; calaisis: unknown; lens: unknown; callsForProjects: unknown }>(system, token,
      `query ($asOf: String, $calaisis: ID!, $lens: ID!) {
        fundingOverview(budgetYear: 2025, asOf: $asOf) { conventionCount committedCents paidCents balanceDueCents toRecoverCents overdueFinalReports { convention { name } dueOn } }
        calaisis: convention(id: $calaisis) { funding { balanceStatus payments { kind amountCents status paidOn } } }
        lens: convention(id: $lens) { places funding { committedCents entitledCents reductionCents paidCents balanceDueCents balanceStatus terms { balanceRule } finalReport { receivedOn placesFilled } } }
        callsForProjects { name programme { name } sessions { opensOn closesOn uncoveredZonesOnly } }
      }`,
      { asOf: DEMO_AS_OF, calaisis: demoIdOf.convention('rss-2025-62-calaisis'), lens: demoIdOf.convention('rss-2025-62-lens-lievin') },
    );
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      fundingOverview: {
        conventionCount: 9,
        // 10.5 FTE × 100 000 € for 12 months, and 1 FTE for 4 months in the Ternois (33 333,33 €).
        committedCents: 105_000_000 + 3_333_333,
        // Advances: half of each; balances: all but the Calaisis, Boulonnais and Lens-Liévin reduced by the places filled.
        paidCents: 54_166_666 + 45_166_667,
        balanceDueCents: 5_000_000,
        // What the conventions paid their balance on (the declared places filled) was more than the
        // occupancy of 31 December 2025 entitles them to: the same sum as below, convention by convention.
        toRecoverCents: 79_185_184,
        overdueFinalReports: [{ convention: { name: 'Référent spécifique santé 2025 — calaisis' }, dueOn: '2026-03-31' }],
      },
      calaisis: {
        funding: {
          balanceStatus: 'AWAITING_FINAL_REPORT',
          payments: [
            { kind: 'ADVANCE', amountCents: 5_000_000, status: 'PAID', paidOn: '2024-12-30' },
            { kind: 'BALANCE', amountCents: 5_000_000, status: 'PLANNED', paidOn: null },
          ],
        },
      },
      // The balance follows the occupancy on 31 December 2025 (docs/contracts.md « Occupancy »): 33
      // people of the demo's synthetic population for 180 places, 200 000 € × 33 / 180 = 36 666,67 €,
      // while the demo's final report declares 150 places filled (and its balance was paid on that).
      lens: {
        places: 180,
        funding: {
          committedCents: 20_000_000,
          entitledCents: 3_666_667,
          reductionCents: 16_333_333,
          paidCents: 16_666_667,
          balanceDueCents: 0,
          balanceStatus: 'TO_RECOVER',
          terms: { balanceRule: 'PRORATA_PLACES_FILLED' },
          finalReport: { receivedOn: '2026-03-20', placesFilled: 150 },
        },
      },
      callsForProjects: [
        {
          name: 'Appel à projets « Référent spécifique santé » 2025',
          programme: { name: 'Référent spécifique santé' },
          sessions: [
            { opensOn: '2025-01-15', closesOn: '2025-02-14', uncoveredZonesOnly: false },
            { opensOn: '2025-07-01', closesOn: '2025-09-30', uncoveredZonesOnly: true },
          ],
        },
      ],
    });
  });

  it('adds up, in the overview, what each convention of the year shows: one balance basis everywhere (ADR 0021)', async () => {
    const result = await gatewayQuery<{ fundingOverview: { balanceDueCents: number; toRecoverCents: number; paidCents: number }; conventions: { nodes: { name: string; funding: { balanceDueCents: number; toRecoverCents: number; paidCents: number } | null }[] } }>(
      system,
      token,
      `query ($asOf: String) {
        fundingOverview(budgetYear: 2025, asOf: $asOf) { balanceDueCents toRecoverCents paidCents }
        conventions(first: 100) { nodes { name funding { balanceDueCents toRecoverCents paidCents } } }
      }`,
      { asOf: DEMO_AS_OF },
    );
    expect(result.errors).toEqual([]);
    const ofYear = result.data!.conventions.nodes.filter((c) => c.name.startsWith('Référent spécifique santé 2025'));
    expect(ofYear).toHaveLength(9);
    const sum = (pick: (f: { balanceDueCents: number; toRecoverCents: number; paidCents: number }) => number): number => ofYear.reduce((s, c) => s + pick(c.funding!), 0);
    expect(result.data!.fundingOverview).toEqual({ balanceDueCents: sum((f) => f.balanceDueCents), toRecoverCents: sum((f) => f.toRecoverCents), paidCents: sum((f) => f.paidCents) });
    expect(result.data!.fundingOverview.toRecoverCents).toBeGreaterThan(0);
  });

  it('plans the Doubs Croix-Rouge convention: 210 000 € over 18 months, half in advance, balance after the report of March 2027', async () => {
    const rows = await system.db.query(`select kind, amount_cents::int as cents, due_on::text, status, paid_on::text from funding.payment where convention_id = $1 order by due_on`, [
      demoIdOf.convention('croix-rouge-25-2025'),
    ]);
    expect(rows.rows).toEqual([
      { kind: 'ADVANCE', cents: 10_500_000, due_on: '2025-06-20', status: 'PAID', paid_on: '2025-07-05' },
      { kind: 'BALANCE', cents: 10_500_000, due_on: '2027-03-31', status: 'PLANNED', paid_on: null },
    ]);
    const objectives = await system.db.query(`select kind, target from contracts.convention_objective where convention_id = $1 order by position`, [demoIdOf.convention('croix-rouge-25-2025')]);
    expect(objectives.rows).toEqual([
      { kind: 'QUANTITATIVE', target: 225 },
      { kind: 'QUALITATIVE', target: null },
    ]);
  });
});
