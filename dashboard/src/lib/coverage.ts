// The coverage map's measures and colour classes (pure functions, shared by server and page).
export type Level = 'territoires' | 'communes';

export interface Measure {
  id: string;
  label: string;
  /** Unit shown after values (French). */
  unit: string;
  levels: readonly Level[];
  /** Whether the data comes from the coverage API (partners subgraph, per theme) or from the territories. */
  source: 'coverage' | 'territories';
  /** A high value is bad (distance): the palette is reversed so that darker stays « better covered ». */
  higherIsWorse?: boolean;
  decimals: number;
}

export const MEASURES: readonly Measure[] = [
  { id: 'services', label: 'Services éligibles', unit: 'services', levels: ['territoires', 'communes'], source: 'coverage', decimals: 0 },
  { id: 'places-rsa', label: 'Places pour 1 000 personnes au RSA', unit: 'places / 1 000', levels: ['territoires'], source: 'coverage', decimals: 1 },
  { id: 'distance', label: 'Distance au service le plus proche', unit: 'km', levels: ['communes'], source: 'coverage', higherIsWorse: true, decimals: 1 },
  { id: 'structures', label: 'Structures partenaires', unit: 'structures', levels: ['territoires'], source: 'territories', decimals: 0 },
  { id: 'accompagnes', label: 'Personnes accompagnées', unit: 'personnes', levels: ['territoires'], source: 'territories', decimals: 0 },
  { id: 'places', label: 'Places conventionnées', unit: 'places', levels: ['territoires'], source: 'territories', decimals: 0 },
];

export function measureFor(id: string | null, level: Level): Measure {
  const found = MEASURES.find((m) => m.id === id && m.levels.includes(level));
  return found ?? MEASURES.find((m) => m.levels.includes(level))!;
}

/** Sequential palette (light → dark): 5 classes. */
export const PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
/** Fill of a shape without a value. */
export const NO_DATA = '#d9d9d9';

export interface ColourClass {
  from: number;
  to: number;
  colour: string;
}

/**
 * Five equal-interval classes over the values' range (one class when all values are equal). Whole
 * numbers with at most five distinct values get one class each, spread over the palette, so
 * that the legend never shows an empty or fractional range.
 */
export function colourClasses(values: readonly (number | null)[], higherIsWorse = false, integer = false): ColourClass[] {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return [];
  const min = Math.min(...known);
  const max = Math.max(...known);
  const palette = higherIsWorse ? [...PALETTE].reverse() : [...PALETTE];
  if (min === max) return [{ from: min, to: max, colour: palette[palette.length - 1]! }];
  const distinct = [...new Set(known)].sort((a, b) => a - b);
  if (integer && distinct.length <= palette.length) {
    const last = palette.length - 1;
    return distinct.map((v, i) => ({ from: v, to: v, colour: palette[Math.round((i * last) / (distinct.length - 1))]! }));
  }
  const step = (max - min) / palette.length;
  return palette.map((colour, i) => ({ from: min + step * i, to: i === palette.length - 1 ? max : min + step * (i + 1), colour }));
}

/** The fill of a value. */
export function colourOf(value: number | null, classes: readonly ColourClass[]): string {
  if (value === null || classes.length === 0) return NO_DATA;
  for (const c of classes) if (value <= c.to) return c.colour;
  return classes[classes.length - 1]!.colour;
}

const formats = [0, 1].map((digits) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: 0 }));

/** « 12 structures », « 3,5 km », « donnée indisponible ». */
export function formatMeasure(value: number | null, measure: Measure): string {
  if (value === null) return 'donnée indisponible';
  return `${formats[measure.decimals]!.format(value)} ${measure.unit}`;
}

/** « 1 à 3,5 » for the legend. */
export function formatRange(c: ColourClass, measure: Measure): string {
  const f = formats[measure.decimals]!;
  return c.from === c.to ? f.format(c.from) : `${f.format(c.from)} à ${f.format(c.to)}`;
}
