/**
 * The balance rule of a convention's funding, in one place (docs/funding.md). Pure functions over
 * integer cents: the service feeds them per-convention totals computed in SQL.
 *
 * - The advance is `advancePercent` % of the amount committed, rounded down to the cent, paid at
 *   signature.
 * - The amount the operator is entitled to is known only once the final report is received:
 *   - rule `FULL`: the whole amount committed;
 *   - rule `PRORATA_PLACES_FILLED`: the amount committed × the occupancy on the convention's last
 *     day (rounded to the nearest cent, capped at the amount committed), unless the occupancy
 *     reaches `fullFundingFromPercent` %, in which case the whole amount is due. The occupancy is
 *     the one every page shows (docs/contracts.md « Occupancy »): active caseload that day ÷
 *     places in force that day, both from `Convention.closingOccupancy` (contracts and
 *     beneficiaries); the product uses the two counts, not the rounded rate, so no cent is lost.
 * - The balance due is the entitlement minus what has been paid; a negative difference is an
 *   amount to recover from the operator.
 */
export const balanceRules = ['FULL', 'PRORATA_PLACES_FILLED'] as const;
export type BalanceRule = (typeof balanceRules)[number];

export interface FundingTerms {
  advancePercent: number;
  balanceRule: BalanceRule;
  fullFundingFromPercent: number;
}

/** Terms applied to a convention that has none recorded: half in advance, no reduction. */
export const DEFAULT_TERMS: FundingTerms = { advancePercent: 50, balanceRule: 'FULL', fullFundingFromPercent: 100 };

/**
 * The occupancy the rule prorates on: active caseload and places in force on the convention's last
 * day (`ConventionOccupancy.activeCaseload` and `.places`); null when unknown or suppressed.
 */
export interface OccupancyFigures {
  activeCaseload: number | null;
  places: number | null;
}

export interface ReportFigures {
  receivedOn: string | null;
}

export const balanceStatuses = ['AWAITING_FINAL_REPORT', 'AWAITING_FIGURES', 'PAYABLE', 'SETTLED', 'TO_RECOVER'] as const;
export type BalanceStatus = (typeof balanceStatuses)[number];

export interface Balance {
  /** What the operator is entitled to: the amount committed until the final report says otherwise. */
  entitledCents: number;
  /** Committed minus entitled: the reduction applied by the rule. */
  reductionCents: number;
  /** Entitled minus paid, never below zero. */
  balanceDueCents: number;
  /** Paid minus entitled, when more was paid than is due. */
  toRecoverCents: number;
  status: BalanceStatus;
}

export function advanceCents(committedCents: number, terms: FundingTerms): number {
  return Math.floor((committedCents * terms.advancePercent) / 100);
}

/** Entitlement once the final report is in; `null` when the figures the rule needs are missing. */
export function entitledCents(committedCents: number, terms: FundingTerms, occupancy: OccupancyFigures | null): number | null {
  if (terms.balanceRule === 'FULL') return committedCents;
  if (!occupancy) return null;
  const { places, activeCaseload } = occupancy;
  if (places === null || activeCaseload === null || places <= 0) return null;
  if (activeCaseload * 100 >= terms.fullFundingFromPercent * places) return committedCents;
  return Math.min(committedCents, Math.round((committedCents * activeCaseload) / places));
}

export function balance(committedCents: number, paidCents: number, terms: FundingTerms, report: ReportFigures | null, occupancy: OccupancyFigures | null): Balance {
  const received = report?.receivedOn ? report : null;
  const entitled = received ? entitledCents(committedCents, terms, occupancy) : null;
  const basis = entitled ?? committedCents;
  const due = Math.max(0, basis - paidCents);
  const recover = Math.max(0, paidCents - basis);
  let status: BalanceStatus;
  if (!received) status = 'AWAITING_FINAL_REPORT';
  else if (entitled === null) status = 'AWAITING_FIGURES';
  else if (recover > 0) status = 'TO_RECOVER';
  else if (due === 0) status = 'SETTLED';
  else status = 'PAYABLE';
  return { entitledCents: basis, reductionCents: committedCents - basis, balanceDueCents: due, toRecoverCents: recover, status };
}

/** The final report is due on 31 March of the year after the operation ends. */
export function finalReportDueOn(operationEndsOn: string): string {
  return `${Number(operationEndsOn.slice(0, 4)) + 1}-03-31`;
}
