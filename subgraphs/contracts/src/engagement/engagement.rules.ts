/**
 * The rules of engagement contracts, as pure functions over ISO dates (docs/contracts.md).
 * - A CER lasts 6 months by default: it ends the day before the same date six months later.
 * - Its end comes after its start.
 * - One person never has two CER engaged (signed, renewal requested, renewed or ended) over
 *   overlapping periods; drafts and cancelled contracts do not count.
 * - Renewal may be requested from month 5: on or after the date five months after the start, and
 *   no later than the end.
 * The contrat d'engagement (ADR 0025) replaces the CER for new contracts since 1 January 2025:
 * - it lasts 12 months by default and is not renewed (a new one is signed);
 * - one person never has two engaged contracts of engagement (CER or contrat d'engagement) over
 *   overlapping periods, so that a conversion ends the CER the day before;
 * - its planned weekly hours are computed from its actions (hours a week × weeks, averaged over the
 *   contract's weeks), never typed; below 15 h a week it is signed only with a coded reduction
 *   reason and a justification.
 */
import { addDays, addMonths, daysBetween } from '@passerelles/subgraph-kit';

export const contractKinds = ['CER', 'CONTRAT_ENGAGEMENT', 'PPAE', 'CEJ', 'PACEA'] as const;
export type ContractKind = (typeof contractKinds)[number];
export const storedStatuses = ['DRAFT', 'SIGNED', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED', 'CANCELLED'] as const;
export type StoredStatus = (typeof storedStatuses)[number];
/** What the API shows: SIGNED becomes ACTIVE from the first day, and engaged contracts become ENDED after the last. */
export const contractStatuses = ['DRAFT', 'SIGNED', 'ACTIVE', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED', 'CANCELLED'] as const;
export type ContractStatus = (typeof contractStatuses)[number];
/** Statuses whose period counts against another CER of the same person. */
export const ENGAGED: readonly StoredStatus[] = ['SIGNED', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED'];

/** Kinds that engage the person's path: two of them never overlap for one person. */
export const ENGAGEMENT_KINDS: readonly ContractKind[] = ['CER', 'CONTRAT_ENGAGEMENT'];
/** The orientation tracks (beneficiaries' `orientation_track` codes). */
export const tracks = ['PRO', 'SOCIO_PRO', 'SOCIAL'] as const;
export type Track = (typeof tracks)[number];
/** Why the 15 hours may be reduced or waived (loi du 18 décembre 2023, L.262-35 CASF). */
export const reductionReasons = ['HEALTH', 'DISABILITY', 'CHILDCARE', 'CARING'] as const;
export type ReductionReason = (typeof reductionReasons)[number];

export const CER_MONTHS = 6;
export const ENGAGEMENT_MONTHS = 12;
/** Hours of activity a week a contrat d'engagement plans unless reduced for a justified reason. */
export const MIN_WEEKLY_HOURS = 15;
export const MAX_ACTION_WEEKLY_HOURS = 48;

/** Whole weeks of a contract (at least one), the base of its weekly average. */
export function contractWeeks(startsOn: string, endsOn: string): number {
  return Math.max(1, Math.round((daysBetween(startsOn, endsOn) + 1) / 7));
}

/** Planned hours a week: the actions' hours (a week × weeks) averaged over the contract's weeks, to the tenth. */
export function plannedWeeklyHours(actions: readonly { weeklyHours: number; weeks: number }[], startsOn: string, endsOn: string): number {
  const total = actions.reduce((sum, a) => sum + a.weeklyHours * a.weeks, 0);
  return Math.round((total * 10) / contractWeeks(startsOn, endsOn)) / 10;
}

/** Whether signing needs a reduction reason and its justification. */
export const needsReduction = (hours: number): boolean => hours < MIN_WEEKLY_HOURS;
export const RENEWAL_FROM_MONTHS = 5;

/** Default end of a contract: 6 months for a CER, 12 otherwise (the day before the same date months later). */
export function defaultEndsOn(kind: ContractKind, startsOn: string): string {
  return addDays(addMonths(startsOn, kind === 'CER' ? CER_MONTHS : ENGAGEMENT_MONTHS), -1);
}

/** First day a renewal may be requested. */
export function renewalOpensOn(startsOn: string): string {
  return addMonths(startsOn, RENEWAL_FROM_MONTHS);
}

export function overlaps(a: { startsOn: string; endsOn: string }, b: { startsOn: string; endsOn: string }): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

export function effectiveStatus(status: StoredStatus, startsOn: string, endsOn: string, today: string): ContractStatus {
  if ((status === 'SIGNED' || status === 'RENEWAL_REQUESTED') && endsOn < today) return 'ENDED';
  if (status === 'SIGNED' && startsOn <= today) return 'ACTIVE';
  return status;
}
