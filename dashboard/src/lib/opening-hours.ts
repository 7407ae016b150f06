// Opening hours as the API gives them (OSM `opening_hours`, e.g. `Mo-Fr 09:00-12:00,14:00-17:00; PH off`)
// in French: « du lundi au vendredi, 9 h–12 h et 14 h–17 h ; fermé les jours fériés ». The directory's
// listings use a small part of the syntax (weekdays, nth weekday of the month, times, `off`, public
// holidays, comments): that part is rendered; anything else returns null and the page shows the raw
// value with its format named. The API validates the whole syntax (opening_hours.js) and says
// whether a place is open now: this file only words it.

const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/** « a », « a et b », « a, b et c ». */
export function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)!}`;
}

/** No-break space: « 9 h 30 » never breaks inside (French typography). */
const NBSP = '\u00a0';

/** `09:00` → « 9 h », `08:30` → « 8 h 30 » (with no-break spaces). */
function time(value: string): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null;
  return minutes === 0 ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${String(minutes).padStart(2, '0')}`;
}

/** `09:00-12:00,14:00-17:00` → « 9 h–12 h et 14 h–17 h ». */
function times(value: string): string | null {
  if (value === '00:00-24:00') return `24${NBSP}h sur 24`;
  const spans = value.split(',').map((span) => {
    const [from, to, ...rest] = span.split('-');
    const a = from ? time(from) : null;
    const b = to ? time(to) : null;
    return a && b && rest.length === 0 ? `${a}–${b}` : null;
  });
  return spans.every((s): s is string => s !== null) ? frenchList(spans) : null;
}

const ordinal = (n: number): string => (n === -1 ? 'dernier' : n === 1 ? '1er' : `${n}e`);

/** `Th[1]` → « le 1er jeudi du mois », `Mo[1,3]` → « les 1er et 3e lundis du mois ». */
function nthWeekday(day: number, list: string): string | null {
  const ns = list.split(',').map(Number);
  if (ns.some((n) => !Number.isInteger(n) || n === 0 || n < -1 || n > 5)) return null;
  const name = DAY_NAMES[day]!;
  if (ns.length === 1) return `le ${ordinal(ns[0]!)} ${name} du mois`;
  return `les ${frenchList(ns.map(ordinal))} ${name}s du mois`;
}

/** The days part of a rule, e.g. `Mo-Fr`, `Tu,Th`, `Th[1]`, `PH`; null when outside the subset. */
function days(selector: string): string | null {
  const parts: string[] = [];
  // Commas separate days, except inside `[1,3]`.
  for (const item of selector.split(/,(?![^[]*\])/)) {
    if (item === 'PH') {
      parts.push('les jours fériés');
      continue;
    }
    if (item === 'SH') {
      parts.push('pendant les vacances scolaires');
      continue;
    }
    const nth = /^(Mo|Tu|We|Th|Fr|Sa|Su)\[([-\d,]+)\]$/.exec(item);
    if (nth) {
      const text = nthWeekday(DAYS.indexOf(nth[1] as (typeof DAYS)[number]), nth[2]!);
      if (!text) return null;
      parts.push(text);
      continue;
    }
    const range = /^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$/.exec(item);
    if (!range) return null;
    const from = DAYS.indexOf(range[1] as (typeof DAYS)[number]);
    const to = range[2] ? DAYS.indexOf(range[2] as (typeof DAYS)[number]) : from;
    if (from === 0 && to === 6) parts.push('tous les jours');
    else if (from === to) parts.push(`le ${DAY_NAMES[from]!}`);
    else parts.push(`du ${DAY_NAMES[from]!} au ${DAY_NAMES[to]!}`);
  }
  return frenchList(parts);
}

/** One rule (between `;`) in French, or null when outside the subset. */
function rule(text: string): string | null {
  let rest = text.trim();
  let comment: string | null = null;
  const quoted = /\s*"([^"]*)"$/.exec(rest);
  if (quoted) {
    comment = quoted[1]!.trim();
    rest = rest.slice(0, quoted.index).trim();
  }
  const note = comment ? ` (${comment})` : '';
  if (rest === '' && comment) return comment;
  if (rest === '24/7') return `tous les jours, 24${NBSP}h sur 24${note}`;
  const tokens = rest.split(/\s+/).filter(Boolean);
  let state: 'open' | 'off' = 'open';
  const last = tokens.at(-1);
  if (last === 'off' || last === 'closed') {
    state = 'off';
    tokens.pop();
  } else if (last === 'open') {
    tokens.pop();
  }
  const timePart = tokens.length > 0 && /^\d/.test(tokens.at(-1)!) ? tokens.pop()! : null;
  if (tokens.length > 1) return null;
  const dayText = tokens.length === 1 ? days(tokens[0]!) : null;
  if (tokens.length === 1 && dayText === null) return null;
  const timeText = timePart ? times(timePart) : null;
  if (timePart && timeText === null) return null;
  if (state === 'off') {
    if (timeText) return null;
    return `${dayText ? `fermé ${dayText}` : 'fermé'}${note}`;
  }
  if (!dayText && !timeText) return null;
  return `${dayText ?? 'tous les jours'}${timeText ? `, ${timeText}` : ''}${note}`;
}

/**
 * OSM opening hours in French, e.g. `Mo-Fr 09:00-12:00,14:00-17:00; PH off` →
 * « du lundi au vendredi, 9 h–12 h et 14 h–17 h ; fermé les jours fériés ». Null when the value
 * uses syntax outside what the directory's listings use (months, week numbers, fallback rules…).
 */
export function frenchOpeningHours(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  const rules = value.split(';').map((r) => r.trim()).filter(Boolean);
  if (rules.length === 0 || value.includes('||')) return null;
  const words = rules.map(rule);
  return words.every((w): w is string => w !== null) ? words.join(' ; ') : null;
}

/** What a page shows for hours: the French wording, or the raw value named as such. */
export function hoursLabel(value: string | null | undefined): string | null {
  if (!value?.trim()) return null;
  return frenchOpeningHours(value) ?? `${value} (horaires au format OpenStreetMap)`;
}
