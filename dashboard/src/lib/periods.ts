// The periods the Pilotage filters offer: the publication grid of the API's statistical secrecy
// (docs/adr/0023): calendar years, quarters and months — the current one up to today. Figures of
// other periods would let a hidden small count be recomputed by difference, so the API publishes
// them only to administrators; the filters offer the grid and say why.

export interface GridOption {
  /** The `periode` URL parameter: `2026`, `2026-T4` or `2026-11`. */
  value: string;
  label: string;
  from: string;
  to: string;
}

export interface GridYear {
  year: number;
  options: GridOption[];
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const QUARTERS = ['1er trimestre', '2e trimestre', '3e trimestre', '4e trimestre'];

/** How many calendar years the filters go back, this one included. */
export const YEARS_OFFERED = 5;

export const GRID_NOTE =
  'Les périodes suivent le calendrier (année, trimestre ou mois, en cours jusqu’à aujourd’hui) : deux périodes qui ne différeraient que de quelques jours permettraient de retrouver par différence un effectif masqué (secret statistique).';

/** The same for callers without exact counts: only closed periods are published to them (never one cut at today). */
export const CLOSED_GRID_NOTE =
  'Les périodes suivent le calendrier (année, trimestre ou mois terminés) : deux périodes qui ne différeraient que de quelques jours permettraient de retrouver par différence un effectif masqué (secret statistique).';

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (year: number, month: number): string => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
const shortDay = (iso: string): string => `${Number(iso.slice(8, 10)) === 1 ? '1er' : Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]}`;

/** A grid period from its first month and length in months, cut at today while in progress; null when it starts after today. */
function option(value: string, label: string, year: number, firstMonth: number, months: number, today: string): GridOption | null {
  const from = `${year}-${pad(firstMonth)}-01`;
  if (from > today) return null;
  const end = lastDay(year, firstMonth + months - 1);
  const to = end > today ? today : end;
  return { value, label: end > today ? `${label} (jusqu’au ${shortDay(today)})` : label, from, to };
}

const capitalised = (text: string): string => `${text[0]!.toUpperCase()}${text.slice(1)}`;
const yearOption = (year: number, today: string): GridOption | null => option(String(year), `Année ${year}`, year, 1, 12, today);
const quarterOption = (year: number, q: number, today: string): GridOption | null => option(`${year}-T${q}`, `${QUARTERS[q - 1]} ${year}`, year, 3 * q - 2, 3, today);
const monthOption = (year: number, m: number, today: string): GridOption | null => option(`${year}-${pad(m)}`, `${capitalised(MONTHS[m - 1]!)} ${year}`, year, m, 1, today);

/** The grid, newest year first; in each year the year, its quarters, then its months (none after today). */
export function gridYears(today: string, years = YEARS_OFFERED): GridYear[] {
  const current = Number(today.slice(0, 4));
  const numbers = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
  return Array.from({ length: years }, (_, i) => current - i).map((year) => ({
    year,
    options: [yearOption(year, today), ...numbers(4).map((q) => quarterOption(year, q, today)), ...numbers(12).map((m) => monthOption(year, m, today))].filter(
      (o): o is GridOption => o !== null,
    ),
  }));
}

/** The grid period a `periode` parameter names (`2026`, `2026-T4`, `2026-11`), cut at today; null when it names none or starts after today. */
export function gridPeriod(value: string, today: string): GridOption | null {
  const match = /^(\d{4})(?:-T([1-4])|-(0[1-9]|1[0-2]))?$/.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return quarterOption(year, Number(match[2]), today);
  if (match[3]) return monthOption(year, Number(match[3]), today);
  return yearOption(year, today);
}

/** The grid option two dates are (the longest when several fit), or null when they are off the grid. */
export function gridOptionOf(from: string, to: string, today: string): GridOption | null {
  const year = Number(from.slice(0, 4));
  const month = Number(from.slice(5, 7));
  const candidates = [String(year), ...(month % 3 === 1 ? [`${year}-T${(month + 2) / 3}`] : []), `${year}-${pad(month)}`];
  return candidates.map((value) => gridPeriod(value, today)).find((o) => o !== null && o.from === from && o.to === to) ?? null;
}
