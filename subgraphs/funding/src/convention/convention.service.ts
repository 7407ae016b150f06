import { assertCan, can, publishCount, seesExactConventionCounts, todayIso, UserFacingError, type Caller, type SubgraphContext } from '@passerelles/subgraph-kit';
import { CommitmentRepository } from '../commitment/commitment.repository.js';
import type { Funder } from '../cofunding/cofunding.entity.js';
import type { PaymentKind, PaymentStatus } from '../payment/payment.entity.js';
import { balance, DEFAULT_TERMS, type FundingTerms, type OccupancyFigures } from '../terms/balance-rule.js';
import { ConventionFundingRepository, type ConventionFundingRow } from './convention.repository.js';
import type { ConventionFundingType, ConventionType, UnitCostsType } from './convention.type.js';

const fundingByConvention = Symbol('fundingByConvention');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Roles that read money: ADMIN and STEERING everywhere in their Département, OPERATOR for its own conventions. */
export function assertReadsFunding(caller: Caller): void {
  assertCan(caller, 'convention:readMoney');
}

/** Whether the caller may read this convention's money (`convention:readMoney`: ADMIN, STEERING, its own operator). */
export function mayReadMoney(caller: Caller, convention: ConventionType): boolean {
  return can(caller, 'convention:readMoney', { departmentCode: caller.departmentCode, operatorId: convention.operator?.id ?? null });
}

export function termsOf(row: ConventionFundingRow): FundingTerms {
  return row.terms
    ? { advancePercent: row.terms.advance_percent, balanceRule: row.terms.balance_rule, fullFundingFromPercent: row.terms.full_funding_from_percent }
    : DEFAULT_TERMS;
}

/**
 * The occupancy on the convention's last day that the balance rule prorates on: recorded with the
 * final report (`closing_caseload` ÷ `closing_places`, fetched from beneficiaries and contracts by
 * the same functions as `Convention.closingOccupancy`, ADR 0021) — one basis for
 * `Convention.funding`, the overview, a steering selection and the balance payment. Null until it
 * is recorded (AWAITING_FIGURES). For callers who see convention counts as aggregates (not ADMIN nor
 * the operator), a caseload of 1 to 10 is suppressed, and so is the balance it would reveal.
 */
export function recordedOccupancy(row: ConventionFundingRow, exactCounts: boolean): OccupancyFigures | null {
  const report = row.report;
  if (!report || report.closing_places === null || report.closing_caseload === null) return null;
  return { activeCaseload: publishCount(report.closing_caseload, exactCounts).value, places: report.closing_places };
}


/** Turns one convention's totals into what the API shows, applying the balance rule to the occupancy on its last day. */
export function toConventionFunding(row: ConventionFundingRow, today: string, exactCounts: boolean): ConventionFundingType {
  const occupancy = recordedOccupancy(row, exactCounts);
  const terms = termsOf(row);
  const report = row.report;
  const b = balance(row.committedCents, row.paidCents, terms, report ? { receivedOn: report.received_on } : null, occupancy);
  const cofundingTotal = row.cofunding.reduce((s, c) => s + Number(c.amount_cents), 0);
  return {
    committedCents: row.committedCents,
    paidCents: row.paidCents,
    ...b,
    balanceStatus: b.status,
    terms,
    payments: row.payments.map((p) => ({
      id: p.id,
      kind: p.kind as PaymentKind,
      amountCents: Number(p.amount_cents),
      dueOn: p.due_on,
      status: p.status as PaymentStatus,
      paidOn: p.paid_on,
    })),
    finalReport: report
      ? {
          dueOn: report.due_on,
          receivedOn: report.received_on,
          overdue: report.received_on === null && report.due_on < today,
          placesContracted: report.places_contracted,
          placesFilled: report.places_filled,
          peopleAccompanied: report.people_accompanied,
          closingPlaces: report.closing_places,
          closingCaseload: report.closing_caseload === null ? null : publishCount(report.closing_caseload, exactCounts).value,
          indicators: Object.entries(report.indicators)
            .map(([name, value]) => ({ name, value }))
            .sort((a, c) => a.name.localeCompare(c.name)),
        }
      : null,
    cofunding: row.cofunding.map((c) => ({
      funder: c.funder as Funder,
      amountCents: Number(c.amount_cents),
      shareBasisPoints: cofundingTotal > 0 ? Math.round((Number(c.amount_cents) * 10_000) / cofundingTotal) : 0,
    })),
  };
}

function loadRow(ctx: SubgraphContext, conventionId: string): Promise<ConventionFundingRow> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ConventionFundingRow>(fundingByConvention, async (ids) => {
      const rows = await new ConventionFundingRepository(ctx.em).byConventions(department, ids);
      const index = new Map(rows.map((r) => [r.conventionId, r]));
      return ids.map((id) => index.get(id)!);
    })
    .load(conventionId);
}

/**
 * A convention's money (batched: one statement for every convention of the request). REFERENT and
 * PRESCRIBER may read conventions but never their funding; an OPERATOR sees only the funding of
 * its own conventions (the operator id comes from `contracts` through `@requires`).
 */
export async function conventionFunding(ctx: SubgraphContext, convention: ConventionType, today = todayIso()): Promise<ConventionFundingType | null> {
  assertReadsFunding(ctx.caller);
  if (!mayReadMoney(ctx.caller, convention)) return null;
  if (!UUID.test(convention.id)) return null;
  return toConventionFunding(await loadRow(ctx, convention.id), today, seesExactConventionCounts(ctx.caller));
}

const divide = (cents: number, by: number | null | undefined): number | null => (by && by > 0 ? Math.round(cents / by) : null);

/** Amount committed per place contracted, per place filled and per person accompanied. */
export async function unitCosts(ctx: SubgraphContext, convention: ConventionType): Promise<UnitCostsType | null> {
  const funding = await conventionFunding(ctx, convention);
  if (!funding) return null;
  return {
    perPlaceContractedCents: divide(funding.committedCents, convention.places),
    perPlaceFilledCents: divide(funding.committedCents, convention.activeCaseload),
    perPersonAccompaniedCents: divide(funding.committedCents, convention.peopleAccompanied),
  };
}

export interface OverviewResult {
  conventionCount: number;
  committedCents: number;
  committedInYearCents: number | null;
  paidCents: number;
  balanceDueCents: number;
  toRecoverCents: number;
  cofundingSplit: { funder: Funder; amountCents: number; shareBasisPoints: number }[];
  overdueFinalReports: { conventionId: string; dueOn: string }[];
  perPlaceContractedCents: number | null;
}

/**
 * The sum of some conventions' funding, each counted for a share of it (1 for all of it; the share
 * of its places in a territory otherwise), so that totals always agree with `Convention.funding`.
 */
function sumFunding(items: readonly { id: string; f: ConventionFundingType; share: number }[], committedInYearCents: number | null, places: number | null): OverviewResult {
  const total = (amount: (f: ConventionFundingType) => number): number => Math.round(items.reduce((s, { f, share }) => s + amount(f) * share, 0));
  const byFunder = new Map<Funder, number>();
  for (const { f, share } of items) for (const c of f.cofunding) byFunder.set(c.funder, (byFunder.get(c.funder) ?? 0) + c.amountCents * share);
  const cofundingTotal = [...byFunder.values()].reduce((s, v) => s + v, 0);
  const committedCents = total((f) => f.committedCents);
  return {
    conventionCount: items.length,
    committedCents,
    committedInYearCents,
    paidCents: total((f) => f.paidCents),
    balanceDueCents: total((f) => f.balanceDueCents),
    toRecoverCents: total((f) => f.toRecoverCents),
    cofundingSplit: [...byFunder.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([funder, amount]) => ({ funder, amountCents: Math.round(amount), shareBasisPoints: cofundingTotal > 0 ? Math.round((amount * 10_000) / cofundingTotal) : 0 })),
    overdueFinalReports: items
      .filter(({ f }) => f.finalReport?.overdue)
      .map(({ id, f }) => ({ conventionId: id, dueOn: f.finalReport!.dueOn }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.conventionId.localeCompare(b.conventionId)),
    perPlaceContractedCents: places === null ? null : divide(committedCents, places),
  };
}

function checkBudgetYear(budgetYear: number | null): void {
  if (budgetYear !== null && (!Number.isInteger(budgetYear) || budgetYear < 2000 || budgetYear > 2100)) {
    throw new UserFacingError('budgetYear must be a year between 2000 and 2100.', 'BAD_USER_INPUT', { argument: 'budgetYear' });
  }
}

/**
 * Totals over the conventions with a commitment (in `budgetYear`, when given): the sum of each
 * convention's figures, so the overview always agrees with `Convention.funding`.
 */
export async function fundingOverview(ctx: SubgraphContext, budgetYear: number | null, asOf: string | null): Promise<OverviewResult> {
  const reach = assertCan(ctx.caller, 'funding:readOverview')!;
  // Funding does not know which territories a convention serves (contracts does): an overview
  // limited to some territories cannot be computed here, so it is refused rather than widened.
  if (reach.territoryIds.length > 0) {
    throw new UserFacingError('The funding overview covers the whole Département; your access is limited to some territories.', 'FORBIDDEN');
  }
  checkBudgetYear(budgetYear);
  const today = asOf ?? todayIso();
  const repository = new ConventionFundingRepository(ctx.em);
  const rows = await repository.inDepartment(ctx.caller.departmentCode, budgetYear);
  const inYear = budgetYear === null ? null : await new CommitmentRepository(ctx.em).totalInYear(ctx.caller.departmentCode, budgetYear);
  return sumFunding(
    rows.map((r) => ({ id: r.conventionId, f: toConventionFunding(r, today, seesExactConventionCounts(ctx.caller)), share: 1 })),
    inYear,
    null,
  );
}

/** Places of a convention counted in a selection (from `contracts`), out of all its places. */
export interface ConventionShare {
  conventionId: string;
  territoryPlaces: number;
  conventionPlaces: number;
}

/**
 * The money of a selection of conventions made by `contracts` (`ConventionIndicators`: a
 * programme, an operator, a territory, a period): each convention counts for the share of its
 * places in the selection. The conventions' rows are read with every other of the request, in one
 * statement. ADMIN and STEERING only, as the overview; a territory-limited caller's selection holds
 * only its territories' places, so it may read it.
 */
export async function selectionFunding(ctx: SubgraphContext, shares: readonly ConventionShare[], today = todayIso()): Promise<OverviewResult> {
  assertCan(ctx.caller, 'funding:readConventions');
  const valid = shares.filter((s) => UUID.test(s.conventionId));
  const rows = await Promise.all(valid.map((s) => loadRow(ctx, s.conventionId)));
  return sumFunding(
    valid.map((s, i) => ({ id: s.conventionId, f: toConventionFunding(rows[i]!, today, seesExactConventionCounts(ctx.caller)), share: s.conventionPlaces > 0 ? Math.min(1, s.territoryPlaces / s.conventionPlaces) : 1 })),
    null,
    valid.reduce((sum, s) => sum + s.territoryPlaces, 0),
  );
}
