import { describe, expect, it } from 'vitest';
import { publishCount, publishGroup } from './suppression.js';

const values = (group: ReturnType<typeof publishGroup<string>>): (number | null)[] => group.cells.map((c) => c.count.value);

describe('small-count suppression', () => {
  it('hides counts from 1 to 10, never 0 or 11', () => {
    expect([0, 1, 10, 11].map((n) => publishCount(n, false))).toEqual([
      { value: 0, suppressed: false, rule: null },
      { value: null, suppressed: true, rule: 'PRIMARY' },
      { value: null, suppressed: true, rule: 'PRIMARY' },
      { value: 11, suppressed: false, rule: null },
    ]);
    expect(publishCount(3, true)).toEqual({ value: 3, suppressed: false, rule: null });
  });

  it('hides a second cell when only one is hidden, so the total does not reveal it', () => {
    const group = publishGroup(
      [
        { key: 'a', count: 40 },
        { key: 'b', count: 4 },
        { key: 'c', count: 25 },
        { key: 'd', count: 0 },
      ],
      false,
    );
    expect(values(group)).toEqual([40, null, null, 0]);
    // The 4 is « < 11 »; the 25 hidden to protect it is « secret secondaire ».
    expect(group.cells.map((c) => c.count.rule)).toEqual([null, 'PRIMARY', 'SECONDARY', null]);
    expect(group.total).toEqual({ value: 69, suppressed: false, rule: null });
  });

  it('needs no secondary suppression when two cells are already hidden', () => {
    const group = publishGroup(
      [
        { key: 'a', count: 3 },
        { key: 'b', count: 7 },
        { key: 'c', count: 30 },
      ],
      false,
    );
    expect(values(group)).toEqual([null, null, 30]);
    expect(group.total.value).toBe(40);
  });

  it('hides the total when the hidden cell has no non-zero sibling', () => {
    const group = publishGroup(
      [
        { key: 'a', count: 9 },
        { key: 'b', count: 0 },
      ],
      false,
    );
    expect(values(group)).toEqual([null, 0]);
    // The total is 9: small itself, « < 11 ».
    expect(group.total).toEqual({ value: null, suppressed: true, rule: 'PRIMARY' });
  });

  it('hides a small total, and shows everything to callers with exact rights', () => {
    expect(publishGroup([{ key: 'a', count: 12 }, { key: 'b', count: 0 }], false).total.value).toBe(12);
    expect(publishGroup([{ key: 'a', count: 0 }, { key: 'b', count: 0 }], false).total.value).toBe(0);
    const exact = publishGroup([{ key: 'a', count: 2 }, { key: 'b', count: 30 }], true);
    expect(values(exact)).toEqual([2, 30]);
    expect(exact.total.value).toBe(32);
  });

  it('hides more when the rules would pin a small count: 3 beside a « secret secondaire » 12 under a total of 15', () => {
    // Shown total 15 and « secret secondaire » (11 or more) would put the 3 in [1, 4].
    const pair = publishGroup([{ key: 'renewed', count: 3 }, { key: 'first', count: 12 }], false);
    expect(pair.total).toEqual({ value: null, suppressed: true, rule: 'SECONDARY' });
    // Two « < 11 » whose hidden sum is 2: each is 1.
    const ones = publishGroup([{ key: 'a', count: 1 }, { key: 'b', count: 1 }, { key: 'c', count: 40 }, { key: 'd', count: 50 }], false);
    expect(values(ones)).toEqual([null, null, null, 50]);
    expect(ones.total.value).toBe(92);
  });

  it('leaves no hidden count from 1 to 10 narrower than ±GROUP_PROTECTION, knowing every rule', () => {
    // Exhaustive over groups of three: bound each hidden small count by the total (or its rule),
    // the visible cells and the others' rules, as an attacker who reads the rules would.
    const bounds = (c: { value: number | null; rule: string | null }): [number, number] => (c.rule === 'PRIMARY' ? [1, 10] : c.rule === 'SECONDARY' ? [11, Infinity] : [c.value!, c.value!]);
    for (let a = 0; a <= 25; a++)
      for (let b = 0; b <= 25; b++)
        for (let c = 0; c <= 25; c++) {
          const group = publishGroup([{ key: 0, count: a }, { key: 1, count: b }, { key: 2, count: c }], false);
          const [tLow, tHigh] = bounds(group.total);
          group.cells.forEach((cell, i) => {
            if (cell.count.rule !== 'PRIMARY') return;
            const others = group.cells.filter((_, j) => j !== i).map((o) => bounds(o.count));
            const low = Math.max(1, tLow - others.reduce((s, [, h]) => s + h, 0));
            const high = Math.min(10, tHigh - others.reduce((s, [l]) => s + l, 0));
            expect(high - low, `[${a}, ${b}, ${c}] cell ${i}`).toBeGreaterThanOrEqual(4);
          });
        }
  });

  it('no hidden value can be recomputed from the published ones', () => {
    // Exhaustive over small groups: for every hidden cell, total minus visible siblings must not pin it down alone.
    for (let a = 0; a <= 14; a++)
      for (let b = 0; b <= 14; b++)
        for (let c = 0; c <= 14; c++) {
          const group = publishGroup([{ key: 0, count: a }, { key: 1, count: b }, { key: 2, count: c }], false);
          const hiddenCells = group.cells.filter((cell) => cell.count.suppressed);
          if (hiddenCells.length === 1) expect(group.total.suppressed).toBe(true);
        }
  });
});
