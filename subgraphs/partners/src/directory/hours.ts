import OpeningHours from 'opening_hours';

/** Public holidays are those of metropolitan France (the nominatim context the library needs). */
const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };
const TIME_ZONE = 'Europe/Paris';

/** Parses OSM `opening_hours`; returns the parser, or the reason it is not valid. */
export function parseOpeningHours(value: string): { ok: true; hours: OpeningHours } | { ok: false; error: string } {
  try {
    return { ok: true, hours: new OpeningHours(value, FRANCE) };
  } catch (error) {
    const message = typeof error === 'string' ? error : error instanceof Error ? error.message : 'invalid value';
    return { ok: false, error: `Invalid opening hours « ${value} »: ${message.split('\n')[0]!.trim()}` };
  }
}

/**
 * The library reads a Date's local fields; the server runs in any time zone, so turn an instant into
 * a Date whose local fields are the wall clock in Paris.
 */
export function parisWallClock(instant: Date): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return new Date(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** Minute of the week in Paris (0 = Monday 00:00), for the `open_week` ranges. */
export function minuteOfWeek(instant: Date): number {
  const wall = parisWallClock(instant);
  return ((wall.getDay() + 6) % 7) * 1440 + wall.getHours() * 60 + wall.getMinutes();
}

/** Whether the hours say open at that instant; null when there are no hours or they do not parse. */
export function isOpenAt(value: string | null | undefined, instant: Date): boolean | null {
  if (!value) return null;
  const parsed = parseOpeningHours(value);
  return parsed.ok ? parsed.hours.getState(parisWallClock(instant)) : null;
}

/**
 * The week (Monday to Sunday) containing `reference`, as minute ranges `[from, to)` where the hours
 * say open, in PostgreSQL multirange syntax. Used to filter « open now » in SQL; rules that depend
 * on the date (holidays, months) are taken as they are in that week, and refreshed on every write.
 */
export function openWeekRanges(value: string | null | undefined, reference: Date): string | null {
  if (!value) return null;
  const parsed = parseOpeningHours(value);
  if (!parsed.ok) return null;
  const wall = parisWallClock(reference);
  const monday = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() - ((wall.getDay() + 6) % 7));
  const sunday = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 7);
  // Wall-clock minutes, so that a daylight-saving change does not shift the week.
  const minute = (d: Date): number => (d >= sunday ? 7 * 1440 : ((d.getDay() + 6) % 7) * 1440 + d.getHours() * 60 + d.getMinutes());
  const ranges = parsed.hours
    .getOpenIntervals(monday, sunday)
    .filter(([, , unknown]) => !unknown)
    .map(([from, to]) => `[${minute(from)},${minute(to)})`);
  return `{${ranges.join(',')}}`;
}
