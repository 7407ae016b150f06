/**
 * Arithmetic on calendar days written as ISO dates (YYYY-MM-DD), the way the database's `date`
 * columns hold them. Days are taken at UTC midnight so that no time zone or daylight saving shift
 * moves them; which day is « today » in Paris is the kit's `todayIso`.
 */

const DAY_MS = 86_400_000;

const toDate = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const toIso = (date: Date): string => date.toISOString().slice(0, 10);

/** The day `days` later (earlier when negative). */
export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/**
 * The same day `months` later (earlier when negative), clamped to the end of a shorter month:
 * 31 January + 1 month = 28 or 29 February, as PostgreSQL's `date + interval 'n months'`.
 */
export function addMonths(iso: string, months: number): string {
  const d = toDate(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toIso(target);
}

/** How many days from `from` to `to`: 1 from one day to the next, negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}
