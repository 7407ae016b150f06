// Counts as the API publishes them: small counts (1–10) are suppressed for every role but ADMIN
// (statistical confidentiality) and shown « < 11 »; counts hidden so that one of those cannot be
// recomputed are shown « secret secondaire »; figures finer than the Département's publication grid
// (a month, a crossing of territory and operator…) are « non publié à ce niveau » (the API says which
// rule hid each one).
import { formatCount } from './format.ts';
import type { Table } from './table.ts';

/** A published count: `value` is null when suppressed (or unknown). */
export interface Count {
  value: number | null;
  suppressed: boolean;
  /** Why it is hidden: PRIMARY (1 to 10), SECONDARY (hidden to protect another) or NOT_PUBLISHED (off the publication grid); absent from older answers. */
  rule?: 'PRIMARY' | 'SECONDARY' | 'NOT_PUBLISHED' | null;
}

export const SUPPRESSED_LABEL = '< 11';
export const SECONDARY_LABEL = 'secret secondaire';
export const NOT_PUBLISHED_LABEL = 'non publié à ce niveau';

/** Explanation shown next to every table or card that may hold suppressed values. */
export const SUPPRESSION_NOTE =
  '« < 11 » : effectif compris entre 1 et 10, masqué pour protéger l’anonymat des personnes (secret statistique). « secret secondaire » : effectif masqué pour qu’un « < 11 » ne puisse pas être retrouvé par différence. « non publié à ce niveau » : chiffre plus fin (mois, croisement de territoire et d’opérateur…) que ce que le Département peut publier sans risque.';

/** The label of a hidden count: « secret secondaire » when hidden to protect another, « non publié à ce niveau » off the grid, else « < 11 ». */
const hiddenLabel = (count: Count): string => (count.rule === 'SECONDARY' ? SECONDARY_LABEL : count.rule === 'NOT_PUBLISHED' ? NOT_PUBLISHED_LABEL : SUPPRESSED_LABEL);

/** « 1 234 », « < 11 », « secret secondaire », « non publié à ce niveau », or « — » when unknown. */
export function formatCountValue(count: Count | null | undefined): string {
  if (!count) return '—';
  if (count.suppressed) return hiddenLabel(count);
  return count.value === null ? '—' : formatCount(count.value);
}

/** The value to export (CSV / XLSX): the number, « < 11 » or « secret secondaire ». */
export function exportCountValue(count: Count | null | undefined): string | number {
  if (!count) return '';
  if (count.suppressed) return hiddenLabel(count);
  return count.value ?? '';
}

/** Numeric value for charts: suppressed and unknown counts are drawn as gaps. */
export function chartValue(count: Count | null | undefined): number | null {
  return count && !count.suppressed ? count.value : null;
}

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A share in [0, 1] as « 42,5 % ». */
export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : percent.format(value);
}

/** A number with at most one decimal: « 12,3 ». */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : decimal.format(value);
}

/** Whether a table holds a suppressed cell (its note, and the page's, then explain « < 11 »). */
export function hasSuppressed(table: Table): boolean {
  return table.rows.some((row) => row.slice(1).some((cell) => cell === SUPPRESSED_LABEL || cell === SECONDARY_LABEL || cell === NOT_PUBLISHED_LABEL));
}

/** Whether a table has something to draw: a non-zero or hidden count somewhere (else the page says there is no data). */
export function hasData(table: Table): boolean {
  return table.rows.some((row) => row.slice(1).some((cell) => (typeof cell === 'number' ? cell !== 0 : cell !== null && cell !== '')));
}

/**
 * Whether every count of some columns of a table (all by default) is « non publié à ce niveau »:
 * a series finer than the grid, nothing worth drawing.
 */
export function allNotPublished(table: Table, columns: readonly string[] = table.columns.slice(1)): boolean {
  const cells = cellsOf(table, columns);
  return cells.length > 0 && cells.every((cell) => cell === NOT_PUBLISHED_LABEL);
}

/**
 * Whether some columns of a table (all by default) hold hidden counts (« < 11 », secret secondaire,
 * non publié à ce niveau) and no count above zero: a chart of them would be empty axes.
 */
export function onlyHidden(table: Table, columns: readonly string[] = table.columns.slice(1)): boolean {
  const cells = cellsOf(table, columns);
  return cells.some((cell) => cell === SUPPRESSED_LABEL || cell === SECONDARY_LABEL || cell === NOT_PUBLISHED_LABEL) && !cells.some((cell) => typeof cell === 'number' && cell !== 0);
}

function cellsOf(table: Table, columns: readonly string[]): Table['rows'][number] {
  const kept = columns.map((name) => table.columns.indexOf(name)).filter((i) => i > 0);
  return table.rows.flatMap((row) => kept.map((i) => row[i] ?? null));
}
