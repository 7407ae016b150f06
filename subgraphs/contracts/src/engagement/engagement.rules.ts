/**
 * The rules of engagement contracts, as pure functions over ISO dates (docs/contracts.md).
 * - A CER lasts 6 months by default: it ends the day before the same date six months later.
 * - Its end comes after its start.
 * - One person never has two CER engaged (signed, renewal requested, renewed or ended) over
 *   overlapping periods; drafts and cancelled contracts do not count.
 * - Renewal may be requested from month 5: on or after the date five months after the start, and
 *   no later than the end.
 */
import { addDays, addMonths } from '@passerelles/subgraph-kit';

export const contractKinds = ['CER', 'PPAE', 'CEJ', 'PACEA'] as const;
export type ContractKind = (typeof contractKinds)[number];
export const storedStatuses = ['DRAFT', 'SIGNED', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED', 'CANCELLED'] as const;
export type StoredStatus = (typeof storedStatuses)[number];
/** What the API shows: SIGNED becomes ACTIVE from the first day, and engaged contracts become ENDED after the last. */
export const contractStatuses = ['DRAFT', 'SIGNED', 'ACTIVE', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED', 'CANCELLED'] as const;
export type ContractStatus = (typeof contractStatuses)[number];
/** Statuses whose period counts against another CER of the same person. */
export const ENGAGED: readonly StoredStatus[] = ['SIGNED', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED'];

export const CER_MONTHS = 6;
export const RENEWAL_FROM_MONTHS = 5;

/** Default end of a contract: 6 months for a CER (the day before the same date six months later). */
export function defaultEndsOn(kind: ContractKind, startsOn: string): string {
  return addDays(addMonths(startsOn, kind === 'CER' ? CER_MONTHS : 12), -1);
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
