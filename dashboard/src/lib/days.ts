// Calendar days as the API gives them (ISO `YYYY-MM-DD`), in French, and « today » in Paris.
const dayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' });
const parisMoment = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
const parisDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `2026-03-31` → « 31 mars 2026 », `2025-01-01` → « 1er janvier 2025 »; « — » when absent. */
export function formatDay(iso: string | null | undefined): string {
  return format(dayFormat, iso, iso && `${iso.slice(0, 10)}T12:00:00Z`);
}

/** The same, with the month abbreviated for lists and badges: `2026-12-01` → « 1er déc. 2026 ». */
export function formatShortDay(iso: string | null | undefined): string {
  return format(shortDayFormat, iso, iso && `${iso.slice(0, 10)}T12:00:00Z`);
}

/** An instant, in Paris: `2026-12-01T13:05:00Z` → « 1er déc. 2026, 14:05 »; « — » when absent. */
export function formatMoment(instant: string | null | undefined): string {
  return format(parisMoment, instant, instant);
}

/** `value` as `formatter` writes the instant `at` (a day is read at noon UTC); « — » when absent, `value` when unreadable. */
function format(formatter: Intl.DateTimeFormat, value: string | null | undefined, at: string | null | undefined): string {
  if (!value || !at) return '—';
  const date = new Date(at);
  // French writes the first of the month as an ordinal (Intl does not).
  return Number.isNaN(date.getTime()) ? value : formatter.format(date).replace(/^1 /, '1er ');
}

/** Today's date in Paris, as `YYYY-MM-DD` (the API's days are French calendar days). */
export function parisToday(now: Date = new Date()): string {
  return parisDay.format(now);
}
