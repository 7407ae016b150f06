// The coverage map's measures and colour classes (pure functions, shared by server and page).
export type Level = 'territoires' | 'communes';

export interface Measure {
  id: string;
  label: string;
  /** Unit shown after values (French, plural). */
  unit: string;
  /** The unit after 0 and 1 (« 1 service »), for counted units. */
  singular?: string;
  levels: readonly Level[];
  /** Whether the data comes from the coverage API (partners subgraph, per theme) or from the territories. */
  source: 'coverage' | 'territories';
  /** A high value is bad (distance): the palette is reversed so that darker stays « better covered ». */
  higherIsWorse?: boolean;
  decimals: number;
}

export const MEASURES: readonly Measure[] = [
  { id: 'services', label: 'Services éligibles', unit: 'services', singular: 'service', levels: ['territoires', 'communes'], source: 'coverage', decimals: 0 },
  { id: 'places-rsa', label: 'Places pour 1 000 personnes au RSA', unit: 'places / 1 000', levels: ['territoires'], source: 'coverage', decimals: 1 },
  { id: 'distance', label: 'Distance au service le plus proche', unit: 'km', levels: ['communes'], source: 'coverage', higherIsWorse: true, decimals: 1 },
  { id: 'structures', label: 'Structures partenaires', unit: 'structures', singular: 'structure', levels: ['territoires'], source: 'territories', decimals: 0 },
  { id: 'accompagnes', label: 'Personnes accompagnées', unit: 'personnes', singular: 'personne', levels: ['territoires'], source: 'territories', decimals: 0 },
  { id: 'places', label: 'Places conventionnées', unit: 'places', singular: 'place', levels: ['territoires'], source: 'territories', decimals: 0 },
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

/** Why a count is hidden, as the API says (`Count.rule`). */
export type HiddenRule = 'PRIMARY' | 'SECONDARY' | 'NOT_PUBLISHED' | null;

/** « 12 structures », « 3,5 km », « moins de 11 personnes », « secret secondaire », « non publié à ce niveau », « donnée indisponible ». */
export function formatMeasure(value: number | null, measure: Measure, suppressed = false, rule: HiddenRule = null): string {
  if (suppressed && rule === 'SECONDARY') return 'secret secondaire (masqué pour protéger un autre effectif)';
  if (suppressed && rule === 'NOT_PUBLISHED') return 'non publié à ce niveau (secret statistique)';
  if (suppressed) return `moins de 11 ${measure.unit} (secret statistique)`;
  if (value === null) return 'donnée indisponible';
  return `${formats[measure.decimals]!.format(value)} ${unitOf(value, measure)}`;
}

/**
 * The legend of the grey of shapes without a value: unavailable, or hidden — the people accompanied
 * (« < 11 », « secret secondaire » or « non publié à ce niveau »), or the people on the RSA a rate
 * per 1 000 is divided by (null when suppressed, so is the rate).
 */
export function noDataLegend(measure: Pick<Measure, 'id'>): string {
  if (measure.id === 'accompagnes') return 'donnée indisponible, ou masquée par le secret statistique (moins de 11 personnes, secret secondaire ou non publié à ce niveau)';
  if (measure.id === 'places-rsa') return 'donnée indisponible, ou nombre de personnes au RSA masqué par le secret statistique';
  return 'donnée indisponible';
}

/** French agreement: 0 and 1 take the singular (« 0 service », « 1 structure », « 2 services »). */
export function unitOf(value: number, measure: Measure): string {
  return measure.singular && Math.abs(value) < 2 ? measure.singular : measure.unit;
}

/** « 1 à 3,5 km », « 1 service » for the legend. */
export function formatRange(c: ColourClass, measure: Measure): string {
  const f = formats[measure.decimals]!;
  return c.from === c.to ? `${f.format(c.from)} ${unitOf(c.from, measure)}` : `${f.format(c.from)} à ${f.format(c.to)} ${measure.unit}`;
}

/** One shape of the map: a territory or a commune, with its value for the chosen measure. */
export interface MapShapeValue {
  id: string;
  name: string;
  /** SVG path in the map's frame. */
  d: string;
  value: number | null;
  /** No service of the theme is eligible there (hatched). */
  uncovered: boolean;
  /** The value is a count of people not published (« < 11 », « secret secondaire » or « non publié à ce niveau »). */
  suppressed?: boolean;
  /** Why it is hidden (the API's `Count.rule`). */
  rule?: HiddenRule;
}

/** Id of the hatch pattern drawn over a colour (see `hatchPatterns`). */
export const hatchId = (colour: string): string => `hachures-${colour.replace('#', '')}`;

const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * The shapes as SVG markup, one focusable path each (accessible name = its value). Written as one
 * string rather than 887 Svelte elements: the browser parses it natively and hydration adopts it
 * without work, which keeps the communes map within its budget. Uncovered shapes are filled with
 * the hatch pattern of their colour, so each shape is drawn once. Every shape starts out of the
 * tab order: the page gives `tabindex="0"` to one shape and moves it with the arrow keys.
 */
export function shapesMarkup(shapes: readonly MapShapeValue[], classes: readonly ColourClass[], describe: (shape: MapShapeValue) => string): string {
  let markup = '';
  for (const shape of shapes) {
    const colour = colourOf(shape.value, classes);
    const fill = shape.uncovered ? `url(#${hatchId(colour)})` : colour;
    markup +=
      `<path d="${shape.d}" fill="${fill}" data-colour="${colour}" class="shape" data-id="${escapeXml(shape.id)}" data-value="${shape.value ?? ''}"` +
      ` tabindex="-1" role="button" aria-label="${escapeXml(describe(shape))}"></path>`;
  }
  return markup;
}

/** The colours a hatch pattern is needed for: those of the classes, and of shapes without data. */
export function hatchColours(classes: readonly ColourClass[]): string[] {
  return [...new Set([...classes.map((c) => c.colour), NO_DATA])];
}
