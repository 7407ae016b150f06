import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, parseIsoDate, Refusal, refusalOf, seesExactConventionCounts, todayIso, type SubgraphContext } from '@passerelles/subgraph-kit';
import { CofundingShareEntity, type Funder } from '../cofunding/cofunding.entity.js';
import { FundingCommitmentEntity } from '../commitment/commitment.entity.js';
import { ConventionFundingRepository } from '../convention/convention.repository.js';
import { recordedOccupancy, toConventionFunding } from '../convention/convention.service.js';
import { PaymentEntity, type PaymentStatus } from '../payment/payment.entity.js';
import { ProgrammeEntity } from '../programme/programme.entity.js';
import { FinalReportEntity } from '../report/report.entity.js';
import { advanceCents, DEFAULT_TERMS, finalReportDueOn, type FundingTerms } from '../terms/balance-rule.js';
import { FundingTermsEntity } from '../terms/terms.entity.js';
import { awaitClosingFigures } from '../report/closing-figures.job.js';
import { settleBalanceAmount } from '../report/balance-payment.js';
import type { CommitmentBasisInput, CreateCommitmentInput, FundingTermsInput, RecordFinalReportInput, ScheduleFundingInput } from './mutation.input.js';
import type { FundingMutationResultType } from './mutation.type.js';

const FTE = /^\d{1,3}(\.\d{1,2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** annual × FTE × months ÷ 12, rounded to the nearest cent, computed on integers (FTE in hundredths). */
export function amountFromBasis(basis: CommitmentBasisInput): number {
  const fte = basis.fte ?? '1';
  if (!FTE.test(fte)) throw new Refusal('INVALID_FTE', 'fte must be a decimal number with at most two decimals, e.g. "2.5".');
  if (!Number.isInteger(basis.months) || basis.months < 1 || basis.months > 120) throw new Refusal('INVALID_MONTHS', 'months must be between 1 and 120.');
  if (!Number.isSafeInteger(basis.annualCents) || basis.annualCents < 0) throw new Refusal('INVALID_AMOUNT', 'annualCents must be a positive whole number of cents.');
  const hundredths = BigInt(Math.round(Number(fte) * 100));
  const numerator = BigInt(basis.annualCents) * hundredths * BigInt(basis.months);
  return Number((numerator * 2n + 1200n) / 2400n);
}

async function run(ctx: SubgraphContext, conventionId: string | null, change: (em: EntityManager) => Promise<string>, afterCommit?: () => Promise<void>): Promise<FundingMutationResultType> {
  assertCan(ctx.caller, 'funding:write');
  try {
    if (conventionId !== null && !UUID.test(conventionId)) throw new Refusal('INVALID_ID', 'conventionId is not a convention id.');
    const id = await ctx.em.transactional(change);
    await afterCommit?.();
    const [row] = await new ConventionFundingRepository(ctx.em).byConventions(ctx.caller.departmentCode, [id]);
    return { ok: true, error: null, conventionId: id, funding: toConventionFunding(row!, todayIso(), seesExactConventionCounts(ctx.caller)) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, error: refusal, conventionId, funding: null };
    throw error;
  }
}

async function termsOf(em: EntityManager, department: string, conventionId: string): Promise<FundingTerms> {
  const terms = await em.findOne(FundingTermsEntity, { departmentCode: department, conventionId });
  return terms ?? DEFAULT_TERMS;
}

async function totals(em: EntityManager, department: string, conventionId: string): Promise<{ committed: number; paid: number }> {
  const [row] = await new ConventionFundingRepository(em).byConventions(department, [conventionId]);
  return { committed: row?.committedCents ?? 0, paid: row?.paidCents ?? 0 };
}

/** Commits money to a convention for one budget year; the co-funding shares must add up to the amount. */
export function createCommitment(ctx: SubgraphContext, input: CreateCommitmentInput): Promise<FundingMutationResultType> {
  const department = ctx.caller.departmentCode;
  return run(ctx, input.conventionId, async (em) => {
    const hasAmount = input.amountCents !== null && input.amountCents !== undefined;
    if (hasAmount === Boolean(input.basis)) {
      throw new Refusal('AMOUNT_OR_BASIS', 'Give either amountCents or basis, not both.');
    }
    const amount = input.basis ? amountFromBasis(input.basis) : input.amountCents!;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw new Refusal('INVALID_AMOUNT', 'The amount must be a positive whole number of cents.');
    if (!Number.isInteger(input.budgetYear) || input.budgetYear < 2000 || input.budgetYear > 2100) throw new Refusal('INVALID_BUDGET_YEAR', 'budgetYear must be between 2000 and 2100.');
    if (!UUID.test(input.programmeId) || !(await em.findOne(ProgrammeEntity, { departmentCode: department, id: input.programmeId }))) throw new Refusal('PROGRAMME_NOT_FOUND', 'No such programme in your Département.');
    const shares: { funder: Funder; amountCents: number }[] = input.cofunding.length > 0 ? input.cofunding : [{ funder: 'DEPARTMENT', amountCents: amount }];
    if (new Set(shares.map((s) => s.funder)).size !== shares.length) throw new Refusal('DUPLICATE_FUNDER', 'Each funder appears once.');
    if (shares.some((s) => !Number.isSafeInteger(s.amountCents) || s.amountCents < 0)) throw new Refusal('INVALID_AMOUNT', 'Shares are whole, non-negative numbers of cents.');
    const sum = shares.reduce((s, c) => s + c.amountCents, 0);
    if (sum !== amount) throw new Refusal('COFUNDING_DOES_NOT_ADD_UP', `The co-funding shares add up to ${sum} cents, not ${amount}.`);
    const id = randomUUID();
    em.create(FundingCommitmentEntity, { id, departmentCode: department, programmeId: input.programmeId, conventionId: input.conventionId, amountCents: amount, budgetYear: input.budgetYear, createdAt: new Date() });
    await em.flush();
    for (const s of shares) em.create(CofundingShareEntity, { commitmentId: id, funder: s.funder, departmentCode: department, amountCents: s.amountCents });
    await em.flush();
    return input.conventionId;
  });
}

/** Sets the advance share and the balance rule of a convention. */
export function setFundingTerms(ctx: SubgraphContext, input: FundingTermsInput): Promise<FundingMutationResultType> {
  const department = ctx.caller.departmentCode;
  return run(ctx, input.conventionId, async (em) => {
    for (const [name, value] of [['advancePercent', input.advancePercent], ['fullFundingFromPercent', input.fullFundingFromPercent]] as const) {
      if (!Number.isInteger(value) || value < 0 || value > 100) throw new Refusal('INVALID_PERCENT', `${name} must be between 0 and 100.`);
    }
    // Terms belong to a convention this Département funds: an unknown id (or another Département's) is refused.
    const { committed } = await totals(em, department, input.conventionId);
    if (committed === 0) throw new Refusal('NO_COMMITMENT', 'Commit money to the convention before setting its funding terms.');
    await em.execute(
      `insert into funding.funding_terms (convention_id, department_code, advance_percent, balance_rule, full_funding_from_percent) values (?, ?, ?, ?, ?)
       on conflict (convention_id) do update set advance_percent = excluded.advance_percent, balance_rule = excluded.balance_rule,
         full_funding_from_percent = excluded.full_funding_from_percent where funding.funding_terms.department_code = excluded.department_code`,
      [input.conventionId, department, input.advancePercent, input.balanceRule, input.fullFundingFromPercent],
    );
    return input.conventionId;
  });
}

/** Plans the advance (due at signature), the balance (due with the final report) and the final report (31 March N+1). */
export function scheduleFunding(ctx: SubgraphContext, input: ScheduleFundingInput): Promise<FundingMutationResultType> {
  const department = ctx.caller.departmentCode;
  return run(ctx, input.conventionId, async (em) => {
    const signedOn = parseIsoDate(input.signedOn, 'signedOn');
    const endsOn = parseIsoDate(input.operationEndsOn, 'operationEndsOn');
    const { committed } = await totals(em, department, input.conventionId);
    if (committed === 0) throw new Refusal('NO_COMMITMENT', 'Commit money to the convention before planning its payments.');
    if ((await em.count(PaymentEntity, { departmentCode: department, conventionId: input.conventionId, status: { $ne: 'CANCELLED' } })) > 0) {
      throw new Refusal('ALREADY_SCHEDULED', 'The payments of this convention are already planned.');
    }
    const advance = advanceCents(committed, await termsOf(em, department, input.conventionId));
    const reportDue = finalReportDueOn(endsOn);
    const payment = (kind: 'ADVANCE' | 'BALANCE', amountCents: number, dueOn: string): void => {
      em.create(PaymentEntity, { id: randomUUID(), departmentCode: department, conventionId: input.conventionId, kind, amountCents, dueOn, status: 'PLANNED', paidOn: null, createdAt: new Date() });
    };
    if (advance > 0) payment('ADVANCE', advance, signedOn);
    payment('BALANCE', committed - advance, reportDue);
    const report = await em.findOne(FinalReportEntity, { departmentCode: department, conventionId: input.conventionId });
    if (report) report.dueOn = reportDue;
    else em.create(FinalReportEntity, { conventionId: input.conventionId, departmentCode: department, dueOn: reportDue, receivedOn: null, placesContracted: null, placesFilled: null, peopleAccompanied: null, indicators: {}, closingCaseload: null, closingPlaces: null, closingRecordedAt: null });
    await em.flush();
    return input.conventionId;
  });
}

/** A final report counts people and places: more than a million is a typing error. */
const MAX_FIGURE = 1_000_000;

/** Records the final report; the balance payment is then set by the balance rule. */
export function recordFinalReport(ctx: SubgraphContext, input: RecordFinalReportInput): Promise<FundingMutationResultType> {
  const department = ctx.caller.departmentCode;
  return run(ctx, input.conventionId, async (em) => {
    const receivedOn = parseIsoDate(input.receivedOn, 'receivedOn');
    const report = await em.findOne(FinalReportEntity, { departmentCode: department, conventionId: input.conventionId });
    if (!report) throw new Refusal('NOT_SCHEDULED', 'Plan the funding of this convention (scheduleFunding) before recording its final report.');
    const figures: [string, number | null | undefined][] = [
      ['placesContracted', input.placesContracted],
      ['placesFilled', input.placesFilled],
      ['peopleAccompanied', input.peopleAccompanied],
      ...input.indicators.map((i): [string, number] => [`indicator « ${i.name.slice(0, 40)} »`, i.value]),
    ];
    for (const [name, value] of figures) {
      if (value !== null && value !== undefined && (!Number.isInteger(value) || value < 0 || value > MAX_FIGURE)) throw new Refusal('INVALID_FIGURE', `${name} must be a whole number from 0 to 1 000 000.`);
    }
    report.receivedOn = receivedOn;
    report.placesContracted = input.placesContracted ?? null;
    report.placesFilled = input.placesFilled ?? null;
    report.peopleAccompanied = input.peopleAccompanied ?? null;
    report.indicators = Object.fromEntries(input.indicators.map((i) => [i.name, i.value]));
    // The balance rule's basis is fetched again for this reception (ADR 0021): the closing-figures job
    // records the occupancy of the last day, then sets the balance payment.
    report.closingCaseload = null;
    report.closingPlaces = null;
    report.closingRecordedAt = null;
    await em.flush();
    return input.conventionId;
  }, awaitClosingFigures);
}

/**
 * Moves a payment along PLANNED → REQUESTED → PAID (or CANCELLED). A paid payment is final; the
 * balance may be requested or paid only once the final report is in and the rule can set it.
 */
export function setPaymentStatus(ctx: SubgraphContext, paymentId: string, status: PaymentStatus, paidOn: string | null): Promise<FundingMutationResultType> {
  const department = ctx.caller.departmentCode;
  return run(ctx, null, async (em) => {
    const payment = UUID.test(paymentId) ? await em.findOne(PaymentEntity, { departmentCode: department, id: paymentId }) : null;
    if (!payment) throw new Refusal('PAYMENT_NOT_FOUND', 'No such payment in your Département.');
    if (payment.status === 'PAID') throw new Refusal('ALREADY_PAID', 'A paid payment cannot change.');
    if (status === 'PAID' && !paidOn) throw new Refusal('PAID_ON_REQUIRED', 'Give the date of payment.');
    if (status !== 'PAID' && paidOn) throw new Refusal('PAID_ON_ONLY_WHEN_PAID', 'paidOn applies to PAID only.');
    if (payment.kind === 'BALANCE' && (status === 'REQUESTED' || status === 'PAID')) {
      await settleBalanceAmount(em, department, payment.conventionId);
      const [row] = await new ConventionFundingRepository(em).byConventions(department, [payment.conventionId]);
      if (!row?.report?.received_on) throw new Refusal('FINAL_REPORT_NOT_RECEIVED', 'The balance is paid after the final report is received.');
      if (row.terms?.balance_rule === 'PRORATA_PLACES_FILLED' && recordedOccupancy(row, true) === null) {
        throw new Refusal('FINAL_REPORT_FIGURES_MISSING', 'The balance rule needs the occupancy on the convention’s last day, which is being fetched from the caseload and the places: try again in a moment.');
      }
      await em.refresh(payment);
    }
    payment.status = status;
    payment.paidOn = status === 'PAID' ? parseIsoDate(paidOn!, 'paidOn') : null;
    await em.flush();
    return payment.conventionId;
  });
}
