import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';
import { createUser } from './support/users.js';

/**
 * One occupancy (docs/contracts.md « Occupancy »): active caseload on a day ÷ places in force on
 * that day (after the amendments signed on or before it), the same for a convention, a steering
 * selection and the balance rule. Département 18, through the gateway.
 */
let system: TestSystem;
let token: string;
const id = { programme: randomUUID(), operator: randomUUID(), convention: randomUUID(), commitment: randomUUID() };
const parisToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: false });
  const admin = await createUser(system.db, { role: 'ADMIN', departmentCode: '18' });
  token = await login(system, admin.email, admin.password);
  const { db } = system;
  await db.query(`insert into partners.partner (id, department_code, name, kind, commune_code) values ($1, '18', 'Opérateur santé du Cher', 'ASSOCIATION', '18033')`, [id.operator]);
  await db.query(`insert into funding.programme (id, department_code, name) values ($1, '18', 'Accompagnement santé')`, [id.programme]);
  // 225 places after the last amendment, signed in 2031: 90 at first, 180 from 15 January 2026.
  await db.query(
    `insert into contracts.convention (id, department_code, operator_id, programme_id, name, starts_on, ends_on, fte, places, signed_on)
     values ($1, '18', $2, $3, 'Santé 18', '2025-07-01', '2031-12-31', 2.5, 225, '2025-06-20')`,
    [id.convention, id.operator, id.programme],
  );
  await db.query(`insert into contracts.convention_territory (department_code, convention_id, territory_id, places) values ('18', $1, '18-test', 225)`, [id.convention]);
  await db.query(
    `insert into contracts.convention_amendment (id, department_code, convention_id, number, signed_on, reason, fte_before, fte_after, places_before, places_after, starts_on_before, starts_on_after, ends_on_before, ends_on_after) values
       (gen_random_uuid(), '18', $1, 1, '2026-01-15', 'Montée en charge', 1, 2, 90, 180, '2025-07-01', '2025-07-01', '2031-12-31', '2031-12-31'),
       (gen_random_uuid(), '18', $1, 2, '2031-06-01', 'Extension', 2, 2.5, 180, 225, '2025-07-01', '2025-07-01', '2031-12-31', '2031-12-31')`,
    [id.convention],
  );
  await db.query(`insert into funding.funding_commitment (id, department_code, programme_id, convention_id, amount_cents, budget_year) values ($1, '18', $2, $3, 21000000, 2026)`, [id.commitment, id.programme, id.convention]);
  await db.query(`insert into funding.funding_terms (convention_id, department_code, advance_percent, balance_rule, full_funding_from_percent) values ($1, '18', 50, 'PRORATA_PLACES_FILLED', 100)`, [id.convention]);
  await db.query(
    `insert into funding.payment (id, department_code, convention_id, kind, amount_cents, due_on, status, paid_on) values
       (gen_random_uuid(), '18', $1, 'ADVANCE', 10500000, '2025-06-20', 'PAID', '2025-07-03'),
       (gen_random_uuid(), '18', $1, 'BALANCE', 10500000, '2032-03-31', 'PLANNED', null)`,
    [id.convention],
  );
  // The operator declares 200 places filled out of 225: not what the balance rule prorates on.
  await db.query(`insert into funding.final_report (convention_id, department_code, due_on, received_on, places_contracted, places_filled) values ($1, '18', '2032-03-31', '2032-03-01', 225, 200)`, [id.convention]);
  // 60 people still accompanied, 20 who left on 30 June 2026, 10 only prescribed.
  for (let i = 0; i < 90; i++) {
    const beneficiary = randomUUID();
    await db.query(
      `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind)
       values ($1, '18', '18033', '18-test', 'F', 1980, 'SINGLE', '2018-01-01', 'SOCIAL')`,
      [beneficiary],
    );
    const started = i < 80 ? '2025-08-01' : null;
    const ended = i >= 60 && i < 80 ? '2026-06-30' : null;
    await db.query(
      `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, convention_id, territory_id, prescribed_on, started_on, ended_on, exit_reason)
       values (gen_random_uuid(), '18', $1, $2, $3, $4, '18-test', '2025-07-15', $5, $6, $7)`,
      [beneficiary, id.programme, id.operator, id.convention, started, ended, ended ? 'STABILISATION' : null],
    );
  }
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

const OCCUPANCY = 'date places activeCaseload caseload { value suppressed } rate';

describe('one occupancy', () => {
  it('divides the active caseload on a day by the places in force that day, after the amendments signed by then', async () => {
    const today = parisToday();
    const result = await gatewayQuery<{ convention: Record<string, unknown> }>(system, token,
      `query ($id: ID!, $today: String!) {
        convention(id: $id) {
          places activeCaseload occupancy caseloadAlert { kind occupancyPercent }
          today: occupancyAt(date: $today) { ${OCCUPANCY} }
          january: occupancyAt(date: "2026-01-01") { ${OCCUPANCY} }
          closingOccupancy { ${OCCUPANCY} }
        }
      }`,
      { id: id.convention, today },
    );
    expect(result.errors).toEqual([]);
    expect(result.data?.convention).toEqual({
      places: 225,
      activeCaseload: 60,
      // 60 ÷ 180 places in force today (the second amendment is signed in 2031).
      occupancy: 0.3333,
      caseloadAlert: { kind: 'CASELOAD_BELOW_PLACES', occupancyPercent: 33 },
      today: { date: today, places: 180, activeCaseload: 60, caseload: { value: 60, suppressed: false }, rate: 0.3333 },
      // Before the first amendment: 90 places; the 20 who left in June were still there.
      january: { date: '2026-01-01', places: 90, activeCaseload: 80, caseload: { value: 80, suppressed: false }, rate: 0.8889 },
      closingOccupancy: { date: '2031-12-31', places: 225, activeCaseload: 60, caseload: { value: 60, suppressed: false }, rate: 0.2667 },
    });
  });

  it('gives a steering selection (Pilotage) the same occupancy as the convention, on the last day of the period', async () => {
    const today = parisToday();
    const result = await gatewayQuery<{ convention: { occupancyAt: unknown }; byOperator: { occupancyAtEnd: unknown }; byTerritory: { occupancyAtEnd: unknown; territories: { territoryId: string; occupancyAtEnd: unknown }[] } }>(system, token,
      `query ($id: ID!, $operator: ID!, $today: String!) {
        convention(id: $id) { occupancyAt(date: $today) { places activeCaseload rate } }
        byOperator: conventionIndicators(scope: { operatorId: $operator }, period: { from: "2026-01-01", to: $today }) { occupancyAtEnd { places activeCaseload rate } }
        byTerritory: conventionIndicators(scope: { territoryId: "18-test" }, period: { from: "2026-01-01", to: $today }) {
          occupancyAtEnd { places activeCaseload rate }
          territories { territoryId occupancyAtEnd { places activeCaseload rate } }
        }
      }`,
      { id: id.convention, operator: id.operator, today },
    );
    expect(result.errors).toEqual([]);
    const expected = { places: 180, activeCaseload: 60, rate: 0.3333 };
    expect(result.data?.convention.occupancyAt).toEqual(expected);
    expect(result.data?.byOperator.occupancyAtEnd).toEqual(expected);
    expect(result.data?.byTerritory.occupancyAtEnd).toEqual(expected);
    expect(result.data?.byTerritory.territories).toEqual([{ territoryId: '18-test', occupancyAtEnd: expected }]);
  });

  it('prorates the balance on the occupancy of the last day, not on the figures the operator declared — on the convention, in the overview and in the balance payment', async () => {
    // The report was written received, without its basis: funding's job fetches it from contracts
    // and beneficiaries (ADR 0021) at its next pass.
    await expect
      .poll(async () => (await system.db.query(`select closing_places, closing_caseload from funding.final_report where convention_id = $1`, [id.convention])).rows, { timeout: 30_000, interval: 250 })
      .toEqual([{ closing_places: 225, closing_caseload: 60 }]);
    const result = await gatewayQuery<{
      convention: { closingOccupancy: { places: number; activeCaseload: number; rate: number }; funding: Record<string, unknown> & { payments: { kind: string; amountCents: number }[] } };
      fundingOverview: { balanceDueCents: number; toRecoverCents: number; paidCents: number; committedCents: number };
    }>(system, token,
      `query ($id: ID!) {
        convention(id: $id) {
          closingOccupancy { places activeCaseload rate }
          funding { committedCents entitledCents reductionCents paidCents balanceDueCents toRecoverCents balanceStatus finalReport { placesContracted placesFilled closingPlaces closingCaseload } payments { kind amountCents } }
        }
        fundingOverview { committedCents paidCents balanceDueCents toRecoverCents }
      }`,
      { id: id.convention },
    );
    expect(result.errors).toEqual([]);
    const { closingOccupancy, funding } = result.data!.convention;
    expect(closingOccupancy).toEqual({ places: 225, activeCaseload: 60, rate: 0.2667 });
    // 210 000 € × 60 ÷ 225 = 56 000 € (the declared 200 of 225 would have given 186 666,67 €).
    expect(funding).toEqual({
      committedCents: 21_000_000,
      entitledCents: Math.round((21_000_000 * closingOccupancy.activeCaseload) / closingOccupancy.places),
      reductionCents: 15_400_000,
      paidCents: 10_500_000,
      balanceDueCents: 0,
      toRecoverCents: 4_900_000,
      balanceStatus: 'TO_RECOVER',
      finalReport: { placesContracted: 225, placesFilled: 200, closingPlaces: closingOccupancy.places, closingCaseload: closingOccupancy.activeCaseload },
      // The balance payment was set from the same basis: nothing more is due.
      payments: [{ kind: 'ADVANCE', amountCents: 10_500_000 }, { kind: 'BALANCE', amountCents: 0 }],
    });
    expect(funding['entitledCents']).toBe(5_600_000);
    // The overview of the Département (this one convention) adds up the same figures.
    expect(result.data!.fundingOverview).toEqual({ committedCents: 21_000_000, paidCents: 10_500_000, balanceDueCents: 0, toRecoverCents: 4_900_000 });
  });

  it('answers a final report recorded again with the balance on the basis fetched anew', async () => {
    const answer = await gatewayQuery<{ recordFinalReport: { ok: boolean; funding: { balanceStatus: string; entitledCents: number; finalReport: { receivedOn: string; closingPlaces: number | null; closingCaseload: number | null } } } }>(
      system,
      token,
      `mutation ($input: RecordFinalReportInput!) { recordFinalReport(input: $input) { ok funding { balanceStatus entitledCents finalReport { receivedOn closingPlaces closingCaseload } } } }`,
      { input: { conventionId: id.convention, receivedOn: '2032-03-10', placesContracted: 225, placesFilled: 210, peopleAccompanied: 90 } },
    );
    expect(answer.errors).toEqual([]);
    expect(answer.data?.recordFinalReport).toEqual({
      ok: true,
      funding: { balanceStatus: 'TO_RECOVER', entitledCents: 5_600_000, finalReport: { receivedOn: '2032-03-10', closingPlaces: 225, closingCaseload: 60 } },
    });
  });
});
