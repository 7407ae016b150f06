import { describe, expect, it } from 'vitest';
import { colourClasses, colourOf, formatMeasure, formatRange, hatchColours, hatchId, measureFor, NO_DATA, noDataLegend, PALETTE, shapesMarkup } from './coverage';

describe('coverage colours', () => {
  it('splits the range in five equal classes', () => {
    const classes = colourClasses([0, 10, 5, null]);
    expect(classes.map((c) => [c.from, c.to])).toEqual([
      [0, 2],
      [2, 4],
      [4, 6],
      [6, 8],
      [8, 10],
    ]);
    expect(colourOf(10, classes)).toBe(PALETTE[4]);
    expect(colourOf(0, classes)).toBe(PALETTE[0]);
    expect(colourOf(5, classes)).toBe(PALETTE[2]);
    expect(colourOf(null, classes)).toBe(NO_DATA);
  });

  it('gives whole numbers with few distinct values one class each', () => {
    const classes = colourClasses([1, 2, 4, 2, null], false, true);
    expect(classes).toEqual([
      { from: 1, to: 1, colour: PALETTE[0] },
      { from: 2, to: 2, colour: PALETTE[2] },
      { from: 4, to: 4, colour: PALETTE[4] },
    ]);
    expect(colourOf(2, classes)).toBe(PALETTE[2]);
  });

  it('reverses the palette when a high value is bad', () => {
    expect(colourOf(10, colourClasses([0, 10], true))).toBe(PALETTE[0]);
  });

  it('falls back to a measure of the chosen level', () => {
    expect(measureFor('places-rsa', 'communes').id).toBe('services');
    expect(formatMeasure(3.25, measureFor('distance', 'communes'))).toBe('3,3 km');
    // French agreement: 0 and 1 take the singular.
    const services = measureFor('services', 'communes');
    expect([0, 1, 2].map((n) => formatMeasure(n, services))).toEqual(['0 service', '1 service', '2 services']);
    expect(formatRange({ from: 1, to: 1, colour: '' }, services)).toBe('1 service');
    expect(formatRange({ from: 1, to: 3.5, colour: '' }, measureFor('distance', 'communes'))).toBe('1 à 3,5 km');
  });

  it('says why a count of people is hidden, and what the grey of the legend stands for', () => {
    const people = measureFor('accompagnes', 'territoires');
    expect(formatMeasure(null, people, true)).toBe('moins de 11 personnes (secret statistique)');
    expect(formatMeasure(null, people, true, 'PRIMARY')).toBe('moins de 11 personnes (secret statistique)');
    expect(formatMeasure(null, people, true, 'SECONDARY')).toBe('secret secondaire (masqué pour protéger un autre effectif)');
    expect(formatMeasure(null, people, true, 'NOT_PUBLISHED')).toBe('non publié à ce niveau (secret statistique)');
    expect(noDataLegend(people)).toContain('non publié à ce niveau');
    expect(noDataLegend(measureFor('places-rsa', 'territoires'))).toBe('donnée indisponible, ou nombre de personnes au RSA masqué par le secret statistique');
    expect(noDataLegend(measureFor('services', 'communes'))).toBe('donnée indisponible');
  });
});

describe('map markup', () => {
  const classes = colourClasses([0, 4], false, true);
  const describe_ = (s: { name: string; value: number | null }): string => `${s.name} : ${s.value ?? '—'}`;

  it('draws each shape once, focusable by the page, named with its value, hatched when uncovered', () => {
    const markup = shapesMarkup(
      [
        { id: '62001', name: 'Ablain-Saint-Nazaire', d: 'M0,0L1,1Z', value: 4, uncovered: false },
        { id: '62002', name: 'Ablainzevelle "A&B"', d: 'M2,2L3,3Z', value: 0, uncovered: true },
      ],
      classes,
      describe_,
    );
    expect(markup.match(/<path /g)).toHaveLength(2);
    expect(markup).toContain(`d="M0,0L1,1Z" fill="${PALETTE[4]}" data-colour="${PALETTE[4]}" class="shape" data-id="62001" data-value="4" tabindex="-1" role="button" aria-label="Ablain-Saint-Nazaire : 4"`);
    // Uncovered: the hatch pattern of its own colour; names are escaped.
    expect(markup).toContain(`fill="url(#${hatchId(PALETTE[0])})" data-colour="${PALETTE[0]}"`);
    expect(markup).toContain('aria-label="Ablainzevelle &quot;A&amp;B&quot; : 0"');
    expect(hatchColours(classes)).toEqual([PALETTE[0], PALETTE[4], NO_DATA]);
  });
});
