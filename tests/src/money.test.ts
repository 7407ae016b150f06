import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';

/**
 * Contracts and funding through the gateway: one query joins a convention (contracts) with its
 * operator (partners), its caseload (beneficiaries) and its money (funding), including unit costs
 * computed in funding from figures of the other subgraphs (`@requires`). Département 13.
 */
let system: TestSystem;
let token: string;
const id = { programme: randomUUID(), operator: randomUUID(), convention: randomUUID(), commitment2025: randomUUID(), commitment2026: randomUUID() };

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: false });
  const admin = await createUser(system.db, { role: 'ADMIN', departmentCode: '13' });
  token = await login(system, admin.email, admin.password);
  const { db } = system;
  await db.query(`insert into partners.partner (id, department_code, name, kind, commune_code) values ($1, '13', 'Croix-Rouge — Bouches-du-Rhône', 'ASSOCIATION', '13055')`, [id.operator]);
  await db.query(`insert into funding.programme (id, department_code, name) values ($1, '13', 'Accompagnement santé')`, [id.programme]);
  await db.query(
    `insert into contracts.convention (id, department_code, operator_id, programme_id, name, starts_on, ends_on, fte, places, signed_on)
     values ($1, '13', $2, $3, 'Santé 13', '2025-07-01', '2026-12-31', 2.5, 225, '2025-06-20')`,
    [id.convention, id.operator, id.programme],
  );
  await db.query(`insert into contracts.convention_territory (department_code, convention_id, territory_id, places) values ('13', $1, '13-test', 225)`, [id.convention]);
  // 140 000 € a year for 18 months: 70 000 € on 2025 and 140 000 € on 2026, co-funded by FSE on 2025.
  await db.query(
    `insert into funding.funding_commitment (id, department_code, programme_id, convention_id, amount_cents, budget_year) values
       ($1, '13', $3, $4, 7000000, 2025), ($2, '13', $3, $4, 14000000, 2026)`,
    [id.commitment2025, id.commitment2026, id.programme, id.convention],
  );
  await db.query(
    `insert into funding.cofunding_share (department_code, commitment_id, funder, amount_cents) values
       ('13', $1, 'DEPARTMENT', 3500000), ('13', $1, 'FSE_REACT_EU', 3500000), ('13', $2, 'DEPARTMENT', 14000000)`,
    [id.commitment2025, id.commitment2026],
  );
  await db.query(
    `insert into funding.payment (id, department_code, convention_id, kind, amount_cents, due_on, status, paid_on) values
       (gen_random_uuid(), '13', $1, 'ADVANCE', 10500000, '2025-06-20', 'PAID', '2025-07-03'),
       (gen_random_uuid(), '13', $1, 'BALANCE', 10500000, '2027-03-31', 'PLANNED', null)`,
    [id.convention],
  );
  await db.query(`insert into funding.final_report (convention_id, department_code, due_on) values ($1, '13', '2027-03-31')`, [id.convention]);
  // 150 people accompanied under the convention, 120 of them still in the active caseload, 5 only prescribed.
  for (let i = 0; i < 155; i++) {
    const beneficiary = randomUUID();
    await db.query(
      `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind)
       values ($1, '13', '13055', '13-test', 'F', 1980, 'SINGLE', '2018-01-01', 'SOCIAL')`,
      [beneficiary],
    );
    const started = i < 150 ? '2025-08-01' : null;
    const ended = i >= 120 && i < 150 ? '2025-12-15' : null;
    await db.query(
      `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, convention_id, territory_id, prescribed_on, started_on, ended_on, exit_reason)
       values (gen_random_uuid(), '13', $1, $2, $3, $4, '13-test', '2025-07-15', $5, $6, $7)`,
      [beneficiary, id.programme, id.operator, id.convention, started, ended, ended ? 'STABILISATION' : null],
    );
  }
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

describe('a convention across the four subgraphs', () => {
  it('joins the operator, the caseload, the funding and the unit costs in one query', async () => {
    const result = await gatewayQuery<{ convention: unknown }>(system, token,
      `query ($id: ID!) {
        convention(id: $id) {
          name fte places periodMonths
          operator { name kind }
          programme { name }
          activeCaseload peopleAccompanied
          caseloadAlert { kind occupancyPercent }
          funding { committedCents paidCents balanceDueCents balanceStatus cofunding { funder amountCents shareBasisPoints } payments { kind amountCents status } finalReport { dueOn receivedOn } }
          unitCosts { perPlaceContractedCents perPlaceFilledCents perPersonAccompaniedCents }
        }
      }`,
      { id: id.convention },
    );
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      convention: {
        name: 'Santé 13',
        fte: 2.5,
        places: 225,
        periodMonths: 18,
        operator: { name: 'Croix-Rouge — Bouches-du-Rhône', kind: 'ASSOCIATION' },
        programme: { name: 'Accompagnement santé' },
        activeCaseload: 120,
        peopleAccompanied: 150,
        // 120 of 225 places: 53 %, below 80 %.
        caseloadAlert: { kind: 'CASELOAD_BELOW_PLACES', occupancyPercent: 53 },
        funding: {
          committedCents: 21_000_000,
          paidCents: 10_500_000,
          balanceDueCents: 10_500_000,
          balanceStatus: 'AWAITING_FINAL_REPORT',
          cofunding: [
            { funder: 'DEPARTMENT', amountCents: 17_500_000, shareBasisPoints: 8333 },
            { funder: 'FSE_REACT_EU', amountCents: 3_500_000, shareBasisPoints: 1667 },
          ],
          payments: [
            { kind: 'ADVANCE', amountCents: 10_500_000, status: 'PAID' },
            { kind: 'BALANCE', amountCents: 10_500_000, status: 'PLANNED' },
          ],
          finalReport: { dueOn: '2027-03-31', receivedOn: null },
        },
        // 210 000 € ÷ 225 places, ÷ 120 filled, ÷ 150 people.
        unitCosts: { perPlaceContractedCents: 93_333, perPlaceFilledCents: 175_000, perPersonAccompaniedCents: 140_000 },
      },
    });
  });

  it('gives the places and the money of the conventions of a programme and a period, per territory, from contracts and funding in one query', async () => {
    const result = await gatewayQuery<{ conventionIndicators: unknown }>(system, token,
      `query ($scope: ConventionIndicatorScopeInput, $period: PeriodInput!) {
        conventionIndicators(scope: $scope, period: $period) {
          conventionCount placesContracted placesInForceAtEnd funding { committedCents paidCents perPlaceContractedCents cofundingSplit { funder shareBasisPoints } }
          territories { territoryId placesContracted funding { committedCents } }
        }
      }`,
      { scope: { programmeId: id.programme }, period: { from: '2025-01-01', to: '2025-12-31' } },
    );
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      conventionIndicators: {
        conventionCount: 1,
        placesContracted: 225,
        placesInForceAtEnd: 225,
        // funding's share of the work: the whole convention (its 225 places are all in the selection), 210 000 € ÷ 225 places.
        funding: { committedCents: 21_000_000, paidCents: 10_500_000, perPlaceContractedCents: 93_333, cofundingSplit: [{ funder: 'DEPARTMENT', shareBasisPoints: 8333 }, { funder: 'FSE_REACT_EU', shareBasisPoints: 1667 }] },
        territories: [{ territoryId: '13-test', placesContracted: 225, funding: { committedCents: 21_000_000 } }],
      },
    });
  });

  it('lists the conventions and sums the funding of the Département', async () => {
    const result = await gatewayQuery<{ conventions: unknown; fundingOverview: unknown; programmes: unknown }>(system, token,
      `{ conventions(filter: { inForceOn: "2026-01-15" }) { nodes { name operator { name conventions { name } } funding { committedCents } } pageInfo { hasNextPage } }
         fundingOverview(budgetYear: 2026, asOf: "2027-04-01") { conventionCount committedCents committedInYearCents paidCents balanceDueCents overdueFinalReportCount overdueFinalReports { convention { name } dueOn } }
         programmes { name committedCents paidCents } }`,
    );
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({
      conventions: { nodes: [{ name: 'Santé 13', operator: { name: 'Croix-Rouge — Bouches-du-Rhône', conventions: [{ name: 'Santé 13' }] }, funding: { committedCents: 21_000_000 } }], pageInfo: { hasNextPage: false } },
      fundingOverview: {
        conventionCount: 1,
        committedCents: 21_000_000,
        committedInYearCents: 14_000_000,
        paidCents: 10_500_000,
        balanceDueCents: 10_500_000,
        overdueFinalReportCount: 1,
        overdueFinalReports: [{ convention: { name: 'Santé 13' }, dueOn: '2027-03-31' }],
      },
      programmes: [{ name: 'Accompagnement santé', committedCents: 21_000_000, paidCents: 10_500_000 }],
    });
  });
});
