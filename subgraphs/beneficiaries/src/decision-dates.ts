import { parseIsoDate, Refusal, UserFacingError } from '@passerelles/subgraph-kit';

/**
 * The days of a decision workflow (orientation, sanction): a malformed day and a day still to come
 * are refusals with the field they concern (ADR 0016), under the same codes in every workflow.
 */
export function decisionDate(value: string, field: string): string {
  try {
    return parseIsoDate(value, field);
  } catch (error) {
    if (error instanceof UserFacingError) throw new Refusal('INVALID_DATE', `${field} must be a date as YYYY-MM-DD.`, field);
    throw error;
  }
}

/** Refuses a day after `today`: a step is recorded on or after its day. */
export function notFuture(day: string, field: string, today: string): void {
  if (day > today) throw new Refusal('DATES_OUT_OF_ORDER', 'This day is still to come: a step is recorded on or after its day.', field);
}
