import { afterEach, describe, expect, it } from 'vitest';
import { isExposed, LinearAudit, termsKey, type Fact } from './audit.js';

/**
 * The audit engine on hand-made tables whose answer is known on paper, before it is trusted to
 * judge the real API (differencing.test.ts). Bounds are the ones the harness uses: an exact figure
 * is [v, v]; a count hidden by primary suppression alone is [1, 10]; a cell of a table with
 * secondary suppression is only known to be [1, ∞) (a secondary cell may be large).
 */
const SMALL: Pick<Fact, 'lower' | 'upper'> = { lower: 1, upper: 10 };
const HIDDEN_IN_TABLE: Pick<Fact, 'lower' | 'upper'> = { lower: 1, upper: Infinity };
const exact = (value: number): Pick<Fact, 'lower' | 'upper'> => ({ lower: value, upper: value });

let audit: LinearAudit | undefined;
afterEach(() => {
  audit?.dispose();
  audit = undefined;
});

describe('the linear-programming audit', () => {
  it('recomputes a hidden cell exactly from a published total and its visible sibling', async () => {
    audit = await LinearAudit.of([
      { source: 'total', terms: { a: 1, b: 1 }, ...exact(15) },
      { source: 'b', terms: { b: 1 }, ...exact(12) },
      { source: 'a (« < 11 »)', terms: { a: 1 }, ...SMALL },
    ]);
    const finding = audit.interval({ a: 1 });
    expect([finding.lower, finding.upper]).toEqual([3, 3]);
    expect(isExposed(finding, 2)).toBe(true);
    // How it was obtained: the two exact figures (the presolve fixes b, then the total leaves one cell).
    expect(finding.lowerFrom.map((e) => e.source).sort()).toEqual(['b', 'total']);
    expect(finding.upperFrom.map((e) => e.source).sort()).toEqual(['b', 'total']);
  });

  it('solves by linear programming what no single figure gives away: three pairwise sums', async () => {
    audit = await LinearAudit.of([
      { source: 'a + b', terms: { a: 1, b: 1 }, ...exact(10) },
      { source: 'a + c', terms: { a: 1, c: 1 }, ...exact(12) },
      { source: 'b + c', terms: { b: 1, c: 1 }, ...exact(14) },
      { source: 'a', terms: { a: 1 }, ...SMALL },
    ]);
    expect(audit.size).toEqual({ columns: 3, rows: 3 });
    const finding = audit.interval({ a: 1 });
    expect(pick(finding)).toEqual([4, 4]);
    // a = ½ (a + b) + ½ (a + c) − ½ (b + c): the duals are the weights of that combination.
    expect(finding.upperFrom.map((e) => [e.source, Math.abs(e.weight ?? 0)]).sort()).toEqual([
      ['a + b', 0.5],
      ['a + c', 0.5],
      ['b + c', 0.5],
    ]);
  });

  it('tells wide combinations apart without solving, from the feasible points already met', async () => {
    audit = await LinearAudit.of([
      { source: 'x + y', terms: { x: 1, y: 1 }, ...exact(20) },
      { source: 'x', terms: { x: 1 }, ...HIDDEN_IN_TABLE },
      { source: 'y', terms: { y: 1 }, ...HIDDEN_IN_TABLE },
    ]);
    const [first, second, third] = audit.audit([{ x: 1 }, { y: 1 }, { x: 1, y: 1 }], 2);
    // x is solved (two points: x = 1 and x = 19); y varies as much over them, so it is not solved.
    expect(first).toMatchObject({ exposed: false, finding: { lower: 1, upper: 19 } });
    expect(second).toEqual({ exposed: false, finding: null });
    expect(third).toMatchObject({ exposed: true, finding: { lower: 20, upper: 20 } });
  });

  it('finds a properly protected table safe: four hidden cells on the corners of a rectangle, all margins published', async () => {
    // Rows r1, r2; columns c1..c3; hidden: r1c1 = 3 and r2c2 = 4 (primary), r1c2 = 15 and r2c1 = 12 (secondary).
    const table = { r1c1: 3, r1c2: 15, r1c3: 20, r2c1: 12, r2c2: 4, r2c3: 25 };
    const hidden = new Set(['r1c1', 'r1c2', 'r2c1', 'r2c2']);
    const facts: Fact[] = Object.entries(table).map(([cell, value]) => ({
      source: cell,
      terms: { [cell]: 1 },
      ...(hidden.has(cell) ? HIDDEN_IN_TABLE : exact(value)),
    }));
    const sum = (cells: (keyof typeof table)[]): number => cells.reduce((s, c) => s + table[c], 0);
    const margins: Record<string, (keyof typeof table)[]> = {
      r1: ['r1c1', 'r1c2', 'r1c3'],
      r2: ['r2c1', 'r2c2', 'r2c3'],
      c1: ['r1c1', 'r2c1'],
      c2: ['r1c2', 'r2c2'],
      c3: ['r1c3', 'r2c3'],
      total: ['r1c1', 'r1c2', 'r1c3', 'r2c1', 'r2c2', 'r2c3'],
    };
    for (const [name, cells] of Object.entries(margins)) facts.push({ source: name, terms: Object.fromEntries(cells.map((c) => [c, 1])), ...exact(sum(cells)) });
    audit = await LinearAudit.of(facts);
    // r1c1 = x, r1c2 = 18 − x, r2c1 = 15 − x, r2c2 = 1 + x, every hidden cell ≥ 1: x ∈ [1, 14].
    expect(pick(audit.interval({ r1c1: 1 }))).toEqual([1, 14]);
    expect(pick(audit.interval({ r2c2: 1 }))).toEqual([2, 15]);
    for (const cell of hidden) expect(isExposed(audit.interval({ [cell]: 1 }), 2)).toBe(false);
    // A visible cell is, of course, known exactly.
    expect(pick(audit.interval({ r1c3: 1 }))).toEqual([20, 20]);
  });

  it('exposes the same table once one more figure is published that cuts the cycle', async () => {
    audit = await LinearAudit.of([
      { source: 'r1', terms: { r1c1: 1, r1c2: 1 }, ...exact(18) },
      { source: 'c1', terms: { r1c1: 1, r2c1: 1 }, ...exact(15) },
      { source: 'r1c1', terms: { r1c1: 1 }, ...HIDDEN_IN_TABLE },
      { source: 'r1c2', terms: { r1c2: 1 }, ...HIDDEN_IN_TABLE },
      { source: 'r2c1', terms: { r2c1: 1 }, ...HIDDEN_IN_TABLE },
      // Another query publishes r2c1 on its own (e.g. the same territory asked alone).
      { source: 'r2c1 elsewhere', terms: { r2c1: 1 }, ...exact(12) },
    ]);
    const finding = audit.interval({ r1c1: 1 });
    expect(pick(finding)).toEqual([3, 3]);
    expect(finding.upperFrom.map((e) => e.source).sort()).toEqual(['c1', 'r2c1 elsewhere']);
  });

  it('uses bounds, not only exact values: primary-suppressed counts, perturbed values and differences of periods', async () => {
    audit = await LinearAudit.of([
      // Two « < 11 » that add up to a published 12: each is between 2 and 10.
      { source: 'x', terms: { x: 1 }, ...SMALL },
      { source: 'y', terms: { y: 1 }, ...SMALL },
      { source: 'x + y', terms: { x: 1, y: 1 }, ...exact(12) },
      // Perturbed figures (value ± 2): January–August and January–July, differing by August alone.
      { source: 'Jan–Aug', terms: { jan_jul: 1, aug: 1 }, lower: 38, upper: 42 },
      { source: 'Jan–Jul', terms: { jan_jul: 1 }, lower: 33, upper: 37 },
    ]);
    expect(pick(audit.interval({ x: 1 }))).toEqual([2, 10]);
    expect(isExposed(audit.interval({ x: 1 }), 2)).toBe(false);
    // August is within [38 − 37, 42 − 33] = [1, 9]: the perturbation survives the difference.
    expect(pick(audit.interval({ aug: 1 }))).toEqual([1, 9]);
    // Combinations are asked about too, and a cell that nothing bounds above stays unbounded.
    expect(pick(audit.interval({ x: 1, aug: 1 }))).toEqual([3, 19]);
    const free = await LinearAudit.of([{ source: 'z', terms: { z: 1 }, ...HIDDEN_IN_TABLE }]);
    try {
      expect(pick(free.interval({ z: 1 }))).toEqual([1, Infinity]);
    } finally {
      free.dispose();
    }
  });

  it('rounds to integers: a count is whole, so an LP bound of 2.5 means 3', async () => {
    audit = await LinearAudit.of([
      { source: 'twice a', terms: { a: 2 }, lower: 5, upper: 9 },
      { source: 'b', terms: { b: 1 }, ...SMALL },
    ]);
    expect(pick(audit.interval({ a: 1 }))).toEqual([3, 4]);
  });

  it('merges figures of the same sum, and refuses figures that contradict each other', async () => {
    audit = await LinearAudit.of([
      { source: 'indicators(territory A)', terms: { a: 1, b: 1 }, ...SMALL },
      { source: 'indicatorsByTerritory row A', terms: { b: 1, a: 1 }, ...HIDDEN_IN_TABLE },
    ]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.row({ b: 1, a: 1 })).toMatchObject({ lower: 1, upper: 10, sources: ['indicators(territory A)', 'indicatorsByTerritory row A'] });
    expect(termsKey({ b: 1, a: 1, c: 0 })).toBe(termsKey({ a: 1, b: 1 }));
    await expect(
      LinearAudit.of([
        { source: 'one', terms: { a: 1 }, ...exact(4) },
        { source: 'other', terms: { a: 1 }, ...exact(5) },
      ]),
    ).rejects.toThrow(/contradict/);
  });
});

const pick = (finding: { lower: number; upper: number }): [number, number] => [finding.lower, finding.upper];
