import 'reflect-metadata';
import { Field, InputType } from 'type-graphql';
import { UserFacingError } from './errors.js';

// Arithmetic on ISO days lives in db (the seeds use it too); subgraphs take it from here.
export { addDays, addMonths, daysBetween } from '@passerelles/db';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO date (YYYY-MM-DD) that must exist in the calendar; says which argument is wrong. */
export function parseIsoDate(value: string, argument: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UserFacingError(`${argument} must be a date as YYYY-MM-DD (got "${value}").`, 'BAD_USER_INPUT', { argument });
  }
  return value;
}

/** The time zone of the Départements' calendar days (mainland France). */
export const CALENDAR_TIME_ZONE = 'Europe/Paris';
const calendarDay = new Intl.DateTimeFormat('en-CA', { timeZone: CALENDAR_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * Today as YYYY-MM-DD in Paris, not in UTC: a CER signed at 00:30 in Arras is signed that day,
 * and alerts turn at French midnight.
 */
export const todayIso = (now: Date = new Date()): string => calendarDay.format(now);

@InputType('PeriodInput', { description: 'A period of whole days, both ends included.' })
export class PeriodInput {
  @Field(() => String, { description: 'First day (YYYY-MM-DD).' })
  from!: string;

  @Field(() => String, { description: 'Last day (YYYY-MM-DD), on or after `from`.' })
  to!: string;
}

/** Validates a period: real dates, in order. */
export function parsePeriod(period: PeriodInput, argument = 'period'): { from: string; to: string } {
  const from = parseIsoDate(period.from, `${argument}.from`);
  const to = parseIsoDate(period.to, `${argument}.to`);
  if (to < from) throw new UserFacingError(`${argument}.to must be on or after ${argument}.from.`, 'BAD_USER_INPUT', { argument });
  return { from, to };
}
