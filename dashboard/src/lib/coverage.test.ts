import { describe, expect, it } from 'vitest';
import { colourClasses, colourOf, formatMeasure, measureFor, NO_DATA, PALETTE } from './coverage';

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
  });
});
