import { describe, expect, it } from 'vitest';
import { LinearAudit, type Fact } from './audit.js';
import { hierarchy, ProtectedCube, type Hierarchy } from './cube.js';

const territories = hierarchy('territory', '62', { '62': ['A', 'B', 'C'] });
const programmes = hierarchy('programme', 'ALL', { ALL: ['P1', 'P2'] });
const year = hierarchy('period', '2025', {
  '2025': ['Q1', 'Q2', 'Q3', 'Q4'],
  Q1: ['01', '02', '03'],
  Q2: ['04', '05', '06'],
  Q3: ['07', '08', '09'],
  Q4: ['10', '11', '12'],
});

/** A small deterministic generator (tests only). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

function leavesOf(dims: readonly Hierarchy[]): string[][] {
  const leaves = (h: Hierarchy): string[] => {
    const out: string[] = [];
    const visit = (n: string): void => {
      const kids = h.children.get(n);
      if (!kids) out.push(n);
      else kids.forEach(visit);
    };
    visit(h.root);
    return out;
  };
  return dims.reduce<string[][]>((acc, h) => acc.flatMap((prefix) => leaves(h).map((l) => [...prefix, l])), [[]]);
}

describe('a protected cube', () => {
  it('adds the leaves up into every total, along every dimension at once', () => {
    const cube = ProtectedCube.protect([territories, programmes], [
      { coords: ['A', 'P1'], count: 40 },
      { coords: ['A', 'P2'], count: 25 },
      { coords: ['B', 'P1'], count: 30 },
      { coords: ['C', 'P2'], count: 50 },
    ]);
    expect(cube.cell(['62', 'ALL'])).toEqual({ value: 145, hiddenBy: null });
    expect(cube.cell(['A', 'ALL'])).toEqual({ value: 65, hiddenBy: null });
    expect(cube.cell(['62', 'P2'])).toEqual({ value: 75, hiddenBy: null });
    expect(cube.cell(['B', 'P2'])).toEqual({ value: 0, hiddenBy: null });
    expect(() => ProtectedCube.protect([territories], [{ coords: ['62'], count: 1 }])).toThrow(/62 is not a leaf/);
  });

  it('hides a small count and, in each relation it belongs to, a partner — the smallest other count, or the total', () => {
    const cube = ProtectedCube.protect([territories, programmes], [
      { coords: ['A', 'P1'], count: 4 },
      { coords: ['A', 'P2'], count: 25 },
      { coords: ['B', 'P1'], count: 30 },
      { coords: ['B', 'P2'], count: 20 },
      { coords: ['C', 'P1'], count: 50 },
      { coords: ['C', 'P2'], count: 60 },
    ]);
    expect(cube.cell(['A', 'P1'])).toEqual({ value: null, hiddenBy: 'PRIMARY' });
    // Its row (A: 4 + 25) and its column (P1: 4 + 30 + 50) each get a second hidden cell…
    expect(cube.cell(['A', 'P2']).hiddenBy).toBe('SECONDARY');
    expect(cube.cell(['B', 'P1']).hiddenBy).toBe('SECONDARY');
    // …which closes a rectangle: B-P2 hides too; the margins stay published.
    expect(cube.cell(['B', 'P2']).hiddenBy).toBe('SECONDARY');
    expect(cube.cell(['62', 'ALL'])).toEqual({ value: 189, hiddenBy: null });
    expect(cube.cell(['A', 'ALL'])).toEqual({ value: 29, hiddenBy: null });
    expect(cube.hiddenCounts()).toEqual({ primary: 1, secondary: 3, cells: 12 });
  });

  it('leaves no relation with exactly one hidden cell, on random cubes of territories × programmes × months, and decides the same each time', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const next = random(seed);
      const dims = [territories, programmes, year];
      const leaves = leavesOf(dims).map((coords) => ({ coords, count: next() < 0.3 ? 0 : Math.floor(next() * (next() < 0.5 ? 8 : 40)) }));
      const cube = ProtectedCube.protect(dims, leaves);
      for (const { total, children } of cube.relations()) {
        const hidden = [total, ...children].filter((c) => cube.cell(c).value === null).length;
        if (hidden === 1) throw new Error(`seed ${seed}: ${JSON.stringify({ total, children })} has one hidden cell`);
      }
      for (const c of cube.cells()) {
        if (c.count >= 1 && c.count <= 10) expect(c.hiddenBy).toBe('PRIMARY');
        if (c.hiddenBy === 'PRIMARY') expect(c.count >= 1 && c.count <= 10).toBe(true);
      }
      const again = ProtectedCube.protect(dims, leaves);
      expect([...again.cells()]).toEqual([...cube.cells()]);
    }
  });

  it('gives administrators every count as it is', () => {
    const cube = ProtectedCube.protect([territories, programmes], [{ coords: ['A', 'P1'], count: 4 }], true);
    expect(cube.cell(['A', 'P1'])).toEqual({ value: 4, hiddenBy: null });
    expect(cube.hiddenCounts().primary).toBe(0);
  });

  it('re-suppresses, when audited, what the fixpoint rule alone leaves an LP attacker to pin down', async () => {
    // A = 2 is hidden (« < 11 »); the fixpoint hides its smallest partner, B = 11 (« secret
    // secondaire », so ≥ 11). With C = 30 and the total 43 published, A + B = 13, so A ≤ 2: A is in
    // [1, 2], narrower than ±2. The audit finds it and hides one more of the figures that bound rests
    // on, the largest: the total (hidden, it is only known to be ≥ 11), so A + B is no longer known
    // and A may be anywhere in [1, 10].
    const leaves = [
      { coords: ['A'], count: 2 },
      { coords: ['B'], count: 11 },
      { coords: ['C'], count: 30 },
    ];
    const boundsOfA = async (cube: ProtectedCube): Promise<{ lower: number; upper: number }> => {
      const facts: Fact[] = [...cube.cells()].map((cell) => {
        const terms = cell.coords[0] === '62' ? { A: 1, B: 1, C: 1 } : { [cell.coords[0]!]: 1 };
        const source = cell.coords.join(' × ');
        if (cell.hiddenBy === null) return { source, terms, lower: cell.count, upper: cell.count };
        return cell.hiddenBy === 'PRIMARY' ? { source, terms, lower: 1, upper: 10 } : { source, terms, lower: 11, upper: Infinity };
      });
      const audit = await LinearAudit.of(facts);
      try {
        const { lower, upper } = audit.interval({ A: 1 });
        return { lower, upper };
      } finally {
        audit.dispose();
      }
    };

    const fixpoint = ProtectedCube.protect([territories], leaves);
    expect([fixpoint.cell(['A']).hiddenBy, fixpoint.cell(['B']).hiddenBy, fixpoint.cell(['C']).hiddenBy]).toEqual(['PRIMARY', 'SECONDARY', null]);
    expect(await boundsOfA(fixpoint)).toEqual({ lower: 1, upper: 2 });

    const audited = await ProtectedCube.protectAudited([territories], leaves, { protection: 2 });
    expect([audited.cell(['A']).hiddenBy, audited.cell(['B']).hiddenBy, audited.cell(['62']).hiddenBy]).toEqual(['PRIMARY', 'SECONDARY', 'SECONDARY']);
    expect(audited.hiddenCounts()).toEqual({ primary: 1, secondary: 2, cells: 4 });
    expect(await boundsOfA(audited)).toEqual({ lower: 1, upper: 10 });
  });
});
