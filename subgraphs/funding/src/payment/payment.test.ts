import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { execute, openTestOrm, QueryCounter, testCaller, testContext } from '@passerelles/subgraph-kit/test-support';
import type { Caller } from '@passerelles/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amountFromBasis } from '../mutation/mutation.service.js';
import { recordBalanceBasis } from '../report/closing-figures.job.js';
import { fundingSubgraph } from '../subgraph.js';
import { balance, finalReportDueOn } from '../terms/balance-rule.js';
import { newProgramme } from '../test-support/factories.js';

// This file owns Département 11 (Aude) in the shared test database.
const DEPARTMENT = '11';
const counter = new QueryCounter();
let orm: MikroORM;
let schema: GraphQLSchema;
const admin = testCaller({ departmentCode: DEPARTMENT });

type Result = { ok: boolean; error: { code: string } | null; funding: Funding | null };
interface Funding {
  committedCents: number;
  paidCents: number;
  entitledCents: number;
  reductionCents: number;
  balanceDueCents: number;
  toRecoverCents: number;
  balanceStatus: string;
  payments: { id: string; kind: string; amountCents: number; dueOn: string; status: string; paidOn: string | null }[];
  finalReport: { dueOn: string; receivedOn: string | null; overdue: boolean; placesFilled?: number | null; closingPlaces?: number | null; closingCaseload?: number | null } | null;
  cofunding: { funder: string; amountCents: number; shareBasisPoints: number }[];
}
const FUNDING = `committedCents paidCents entitledCents reductionCents balanceDueCents toRecoverCents balanceStatus
  payments { id kind amountCents dueOn status paidOn } finalReport { dueOn receivedOn overdue placesFilled closingPlaces closingCaseload } cofunding { funder amountCents shareBasisPoints }`;

beforeAll(async () => {
  orm = await openTestOrm(fundingSubgraph, counter);
  schema = await fundingSubgraph.buildSchema();
});
afterAll(async () => {
  await orm.close(true);
});

// The mutation helper puts the field call after the operation's variables.
async function call(field: string, variableDefs: string, variables: Record<string, unknown>, caller: Caller = admin): Promise<Result> {
  const { data, errors } = await execute<Record<string, Result>>(schema, testContext(orm, caller), `mutation (${variableDefs}) { r: ${field} { ok error { code } funding { ${FUNDING} } } }`, variables);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return data!.r!;
}

describe('amounts', () => {
  it('computes commitments from an annual cost, FTE and months, in whole cents', () => {
    expect(amountFromBasis({ annualCents: 140_000_00, months: 18 })).toBe(210_000_00);
    expect(amountFromBasis({ annualCents: 100_000_00, fte: '2.5', months: 12 })).toBe(250_000_00);
    expect(amountFromBasis({ annualCents: 100_000_00, fte: '1', months: 4 })).toBe(3_333_333);
    expect(amountFromBasis({ annualCents: 100_000_00, fte: '1.5', months: 4 })).toBe(50_000_00);
    expect(finalReportDueOn('2025-12-31')).toBe('2026-03-31');
    expect(finalReportDueOn('2026-06-30')).toBe('2027-03-31');
  });

  it('applies the balance rule: full, prorated by the occupancy on the last day, with the threshold for full funding', () => {
    const prorata = { advancePercent: 50, balanceRule: 'PRORATA_PLACES_FILLED' as const, fullFundingFromPercent: 90 };
    const received = { receivedOn: '2026-03-01' };
    const occupancy = (activeCaseload: number | null) => ({ activeCaseload, places: 225 });
    expect(balance(21_000_000, 10_500_000, prorata, null, occupancy(180))).toMatchObject({ entitledCents: 21_000_000, balanceDueCents: 10_500_000, status: 'AWAITING_FINAL_REPORT' });
    expect(balance(21_000_000, 10_500_000, prorata, received, occupancy(180))).toEqual({ entitledCents: 16_800_000, reductionCents: 4_200_000, balanceDueCents: 6_300_000, toRecoverCents: 0, status: 'PAYABLE' });
    // 203 / 225 = 90.2 % ≥ 90 %: no reduction.
    expect(balance(21_000_000, 10_500_000, prorata, received, occupancy(203))).toMatchObject({ entitledCents: 21_000_000, reductionCents: 0, balanceDueCents: 10_500_000 });
    expect(balance(21_000_000, 10_500_000, prorata, received, occupancy(90))).toMatchObject({ entitledCents: 8_400_000, balanceDueCents: 0, toRecoverCents: 2_100_000, status: 'TO_RECOVER' });
    // Unknown, or suppressed for the reader: the rule cannot tell.
    expect(balance(21_000_000, 10_500_000, prorata, received, occupancy(null))).toMatchObject({ status: 'AWAITING_FIGURES', balanceDueCents: 10_500_000 });
    expect(balance(21_000_000, 10_500_000, { ...prorata, balanceRule: 'FULL' }, received, occupancy(10))).toMatchObject({ entitledCents: 21_000_000, status: 'PAYABLE' });
  });
});

describe('a convention’s funding, from commitment to balance', () => {
  it('refuses co-funding shares that do not add up, and keeps the split of those that do', async () => {
    const programmeId = await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT });
    const conventionId = randomUUID();
    const refused = await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', {
      input: { conventionId, programmeId, budgetYear: 2025, amountCents: 100_000_00, cofunding: [{ funder: 'DEPARTMENT', amountCents: 60_000_00 }, { funder: 'FSE_REACT_EU', amountCents: 39_999_99 }] },
    });
    expect(refused).toEqual({ ok: false, error: { code: 'COFUNDING_DOES_NOT_ADD_UP' }, funding: null });
    const twice = await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', {
      input: { conventionId, programmeId, budgetYear: 2025, amountCents: 100, cofunding: [{ funder: 'ARS', amountCents: 50 }, { funder: 'ARS', amountCents: 50 }] },
    });
    expect(twice.error).toEqual({ code: 'DUPLICATE_FUNDER' });
    const ok = await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', {
      input: { conventionId, programmeId, budgetYear: 2025, basis: { annualCents: 100_000_00, fte: '1', months: 12 }, cofunding: [{ funder: 'DEPARTMENT', amountCents: 60_000_00 }, { funder: 'FSE_REACT_EU', amountCents: 40_000_00 }] },
    });
    expect(ok.ok).toBe(true);
    const again = await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', {
      input: { conventionId, programmeId, budgetYear: 2026, amountCents: 50_000_00, cofunding: [{ funder: 'ARS', amountCents: 20_000_00 }, { funder: 'DEPARTMENT', amountCents: 30_000_00 }] },
    });
    expect(again.funding).toMatchObject({
      committedCents: 150_000_00,
      paidCents: 0,
      balanceStatus: 'AWAITING_FINAL_REPORT',
      cofunding: [
        { funder: 'ARS', amountCents: 20_000_00, shareBasisPoints: 1333 },
        { funder: 'DEPARTMENT', amountCents: 90_000_00, shareBasisPoints: 6000 },
        { funder: 'FSE_REACT_EU', amountCents: 40_000_00, shareBasisPoints: 2667 },
      ],
    });
    expect(await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', { input: { conventionId, programmeId: randomUUID(), budgetYear: 2025, amountCents: 1, cofunding: [] } })).toMatchObject({
      error: { code: 'PROGRAMME_NOT_FOUND' },
    });
  });

  it('plans the advance at signature and the balance after the final report; the balance follows the places filled', async () => {
    const programmeId = await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT });
    const conventionId = randomUUID();
    await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', { input: { conventionId, programmeId, budgetYear: 2025, amountCents: 70_000_00, cofunding: [] } });
    await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', { input: { conventionId, programmeId, budgetYear: 2026, amountCents: 140_000_00, cofunding: [] } });
    const terms = await call('setFundingTerms(input: $input)', '$input: FundingTermsInput!', {
      input: { conventionId, advancePercent: 50, balanceRule: 'PRORATA_PLACES_FILLED', fullFundingFromPercent: 90 },
    });
    expect(terms.ok).toBe(true);
    const schedule = { input: { conventionId, signedOn: '2025-06-20', operationEndsOn: '2026-12-31' } };
    const planned = await call('scheduleFunding(input: $input)', '$input: ScheduleFundingInput!', schedule);
    expect(planned.funding?.payments.map(({ kind, amountCents, dueOn, status }) => ({ kind, amountCents, dueOn, status }))).toEqual([
      { kind: 'ADVANCE', amountCents: 105_000_00, dueOn: '2025-06-20', status: 'PLANNED' },
      { kind: 'BALANCE', amountCents: 105_000_00, dueOn: '2027-03-31', status: 'PLANNED' },
    ]);
    expect(planned.funding?.finalReport).toEqual({ dueOn: '2027-03-31', receivedOn: null, overdue: false, placesFilled: null, closingPlaces: null, closingCaseload: null });
    expect((await call('scheduleFunding(input: $input)', '$input: ScheduleFundingInput!', schedule)).error).toEqual({ code: 'ALREADY_SCHEDULED' });

    const [advance, balancePayment] = planned.funding!.payments;
    const status = (id: string, s: string, paidOn: string | null) => call('setPaymentStatus(paymentId: $id, status: $s, paidOn: $on)', '$id: ID!, $s: PaymentStatus!, $on: String', { id, s, on: paidOn });
    expect((await status(balancePayment!.id, 'REQUESTED', null)).error).toEqual({ code: 'FINAL_REPORT_NOT_RECEIVED' });
    expect((await status(advance!.id, 'PAID', null)).error).toEqual({ code: 'PAID_ON_REQUIRED' });
    const paid = await status(advance!.id, 'PAID', '2025-07-10');
    expect(paid.funding).toMatchObject({ committedCents: 210_000_00, paidCents: 105_000_00, balanceDueCents: 105_000_00, balanceStatus: 'AWAITING_FINAL_REPORT' });
    expect((await status(advance!.id, 'CANCELLED', null)).error).toEqual({ code: 'ALREADY_PAID' });

    // The report is in; the balance waits for its basis, the occupancy of the last day, which the
    // closing-figures job fetches from contracts and beneficiaries (here, alone, nothing fetches it).
    const report = await call('recordFinalReport(input: $input)', '$input: RecordFinalReportInput!', {
      input: { conventionId, receivedOn: '2027-03-15', placesContracted: 225, placesFilled: 200, peopleAccompanied: 260, indicators: [{ name: 'cerSigned', value: 140 }] },
    });
    expect(report.funding).toMatchObject({ entitledCents: 210_000_00, balanceStatus: 'AWAITING_FIGURES' });
    expect(report.funding?.payments[1]).toMatchObject({ kind: 'BALANCE', amountCents: 105_000_00, status: 'PLANNED' });
    expect((await status(balancePayment!.id, 'REQUESTED', null)).error).toEqual({ code: 'FINAL_REPORT_FIGURES_MISSING' });
    // 180 in active caseload for 225 places on the last day (not the 200 declared): 80 % < 90 %, so
    // 210 000 € × 180 / 225 = 168 000 € are due, 63 000 € after the advance.
    await orm.em.fork().transactional((em) => recordBalanceBasis(em, DEPARTMENT, conventionId, { places: 225, caseload: 180 }));
    const based = await call('setFundingTerms(input: $input)', '$input: FundingTermsInput!', { input: { conventionId, advancePercent: 50, balanceRule: 'PRORATA_PLACES_FILLED', fullFundingFromPercent: 90 } });
    expect(based.funding).toMatchObject({ entitledCents: 168_000_00, reductionCents: 42_000_00, balanceDueCents: 63_000_00, balanceStatus: 'PAYABLE' });
    expect(based.funding?.finalReport).toMatchObject({ placesFilled: 200, closingPlaces: 225, closingCaseload: 180 });
    expect(based.funding?.payments[1]).toMatchObject({ kind: 'BALANCE', amountCents: 63_000_00, status: 'PLANNED' });
    await status(balancePayment!.id, 'REQUESTED', null);
    const settled = await status(balancePayment!.id, 'PAID', '2027-04-30');
    expect(settled.funding).toMatchObject({ paidCents: 168_000_00, balanceDueCents: 0, toRecoverCents: 0, balanceStatus: 'SETTLED' });
  });

  it('keeps writes to administrators', async () => {
    const steering = testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' });
    const { errors } = await execute(schema, testContext(orm, steering), 'mutation ($input: FundingTermsInput!) { setFundingTerms(input: $input) { ok } }', {
      input: { conventionId: randomUUID(), advancePercent: 50, balanceRule: 'FULL' },
    });
    expect(errors).toEqual(['Your role (STEERING) may not change funding.']);
  });
});

describe('reading funding', () => {
  async function fundedConvention(amountCents: number, signedOn: string, endsOn: string): Promise<{ id: string; payments: Funding['payments'] }> {
    const programmeId = await newProgramme(orm.em.fork(), { departmentCode: DEPARTMENT });
    const id = randomUUID();
    await call('createCommitment(input: $input)', '$input: CreateCommitmentInput!', { input: { conventionId: id, programmeId, budgetYear: Number(endsOn.slice(0, 4)), amountCents, cofunding: [] } });
    const r = await call('scheduleFunding(input: $input)', '$input: ScheduleFundingInput!', { input: { conventionId: id, signedOn, operationEndsOn: endsOn } });
    return { id, payments: r.funding!.payments };
  }

  it('answers the funding and unit costs of many conventions in one query, by role', async () => {
    const operatorId = randomUUID();
    const conventions = [];
    for (let i = 0; i < 20; i++) conventions.push(await fundedConvention(100_000_00 + i, '2025-01-05', '2025-12-31'));
    const representations = conventions.map((c, i) => ({ __typename: 'Convention', id: c.id, operator: { id: i === 0 ? operatorId : randomUUID() }, places: 90, activeCaseload: i === 0 ? 72 : 0, peopleAccompanied: i === 0 ? 125 : null }));
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Convention { funding { committedCents balanceDueCents } unitCosts { perPlaceContractedCents perPlaceFilledCents perPersonAccompaniedCents } } } }`;
    counter.reset();
    const { data, errors } = await execute<{ _entities: { funding: { committedCents: number } | null; unitCosts: unknown }[] }>(schema, testContext(orm, admin), query, { r: representations });
    expect(errors).toEqual([]);
    expect(counter.count).toBe(1);
    expect(data?._entities[0]).toEqual({
      funding: { committedCents: 100_000_00, balanceDueCents: 100_000_00 },
      // 100 000 € ÷ 90 places, ÷ 72 filled, ÷ 125 people.
      unitCosts: { perPlaceContractedCents: 111_111, perPlaceFilledCents: 138_889, perPersonAccompaniedCents: 80_000 },
    });
    expect(data?._entities[5]?.unitCosts).toEqual({ perPlaceContractedCents: 111_111, perPlaceFilledCents: null, perPersonAccompaniedCents: null });

    const operator = await execute<{ _entities: { funding: unknown }[] }>(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: operatorId })), query, { r: representations.slice(0, 2) });
    expect(operator.data?._entities.map((e) => e.funding)).toEqual([{ committedCents: 100_000_00, balanceDueCents: 100_000_00 }, null]);
    const referent = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'REFERENT' })), query, { r: representations.slice(0, 1) });
    expect(referent.errors[0]).toBe('Your role (REFERENT) may not read funding.');
    const elsewhere = await execute<{ _entities: { funding: { committedCents: number } }[] }>(schema, testContext(orm, testCaller({ departmentCode: '12' })), query, { r: representations.slice(0, 1) });
    expect(elsewhere.data?._entities[0]?.funding.committedCents).toBe(0);
  });

  it('shows the balance basis of 1 to 10 people to administrators and the operator only; for steering the balance waits, as it would reveal it', async () => {
    const { id } = await fundedConvention(90_000_00, '2025-01-05', '2025-12-31');
    const operatorId = randomUUID();
    await call('setFundingTerms(input: $input)', '$input: FundingTermsInput!', { input: { conventionId: id, advancePercent: 50, balanceRule: 'PRORATA_PLACES_FILLED', fullFundingFromPercent: 90 } });
    await call('recordFinalReport(input: $input)', '$input: RecordFinalReportInput!', { input: { conventionId: id, receivedOn: '2026-03-10', placesContracted: 90, placesFilled: 80 } });
    await orm.em.fork().transactional((em) => recordBalanceBasis(em, DEPARTMENT, id, { places: 90, caseload: 4 }));
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Convention { funding { entitledCents balanceStatus finalReport { closingPlaces closingCaseload } } } } }`;
    const as = async (caller: Caller): Promise<unknown> => (await execute<{ _entities: { funding: unknown }[] }>(schema, testContext(orm, caller), query, { r: [{ __typename: 'Convention', id, operator: { id: operatorId } }] })).data?._entities[0]?.funding;
    // 90 000 € × 4 ÷ 90 = 4 000 €.
    const exact = { entitledCents: 4_000_00, balanceStatus: 'PAYABLE', finalReport: { closingPlaces: 90, closingCaseload: 4 } };
    expect(await as(admin)).toEqual(exact);
    expect(await as(testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR', partnerId: operatorId }))).toEqual(exact);
    expect(await as(testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' }))).toEqual({ entitledCents: 90_000_00, balanceStatus: 'AWAITING_FIGURES', finalReport: { closingPlaces: 90, closingCaseload: null } });
  });

  it('sums the Département’s funding, with overdue final reports', async () => {
    const before = await overview(null, '2026-04-01');
    const late = await fundedConvention(30_000_00, '2025-09-01', '2025-12-31');
    const onTime = await fundedConvention(50_000_00, '2025-09-01', '2025-12-31');
    const later = await fundedConvention(20_000_00, '2026-01-10', '2026-12-31');
    await call('recordFinalReport(input: $input)', '$input: RecordFinalReportInput!', { input: { conventionId: onTime.id, receivedOn: '2026-03-20', indicators: [] } });
    await call('setPaymentStatus(paymentId: $id, status: PAID, paidOn: "2025-09-15")', '$id: ID!', { id: late.payments[0]!.id });
    const after = await overview(null, '2026-04-01');
    expect(after.committedCents - before.committedCents).toBe(100_000_00);
    expect(after.paidCents - before.paidCents).toBe(15_000_00);
    expect(after.balanceDueCents - before.balanceDueCents).toBe(85_000_00);
    expect(after.overdueFinalReports.filter((r) => [late.id, onTime.id, later.id].includes(r.conventionId))).toEqual([{ conventionId: late.id, dueOn: '2026-03-31' }]);
    const year2026 = await overview(2026, '2026-04-01');
    // Conventions with a 2026 commitment in this file: 150 000 € (2025 + 2026), 210 000 € (2025 + 2026) and 20 000 €; 2026 alone: 50 000 + 140 000 + 20 000 €.
    expect(year2026).toMatchObject({ conventionCount: 3, committedCents: 380_000_00, committedInYearCents: 210_000_00 });
    const operator = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'OPERATOR' })), '{ fundingOverview { paidCents } }');
    expect(operator.errors).toEqual(['Your role (OPERATOR) may not read the funding overview.']);
    const limited = await execute(schema, testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'STEERING', territoryIds: ['11-north'] })), '{ fundingOverview { paidCents } }');
    expect(limited.errors).toEqual(['The funding overview covers the whole Département; your access is limited to some territories.']);
  });

  async function overview(budgetYear: number | null, asOf: string): Promise<{ conventionCount: number; committedCents: number; committedInYearCents: number | null; paidCents: number; balanceDueCents: number; overdueFinalReports: { conventionId: string; dueOn: string }[] }> {
    const { data, errors } = await execute<{ fundingOverview: never }>(
      schema,
      testContext(orm, testCaller({ departmentCode: DEPARTMENT, role: 'STEERING' })),
      'query ($y: Int, $asOf: String) { fundingOverview(budgetYear: $y, asOf: $asOf) { conventionCount committedCents committedInYearCents paidCents balanceDueCents overdueFinalReports { conventionId dueOn } } }',
      { y: budgetYear, asOf },
    );
    expect(errors).toEqual([]);
    return data!.fundingOverview;
  }
});
