import { describe, expect, it, vi } from 'vitest';
import { LinearAudit, type Fact } from './audit.js';
import { LinkedPublication } from './linked.js';
import { leafKey, monthsBetween, operatorOfLeaf, publicationFigures, publicationKey, type PublicationGrid } from './publication.js';

/** A small deterministic generator (tests only). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** The audit itself, kept before a test watches its calls. */
const realAudit = LinearAudit.prototype.audit;

const grid: PublicationGrid = { territories: ['A', 'B'], programmes: ['P'], operators: ['O'], reasons: ['STABILISATION', 'MOVED'], months: monthsBetween('2024-07', '2024-12') };

/** Territory A large, B small: some of B's months and reasons are 1 to 10, A's are not. */
function leaves(seed: number): Map<string, number> {
  const next = random(seed);
  const counts = new Map<string, number>();
  for (const month of grid.months) {
    counts.set(leafKey('S', 'A', 'P', 'O', month), 40 + Math.floor(next() * 20));
    counts.set(leafKey('X', 'A', 'P', 'O', month, 'STABILISATION'), 15 + Math.floor(next() * 10));
    counts.set(leafKey('X', 'A', 'P', 'O', month, 'MOVED'), 12 + Math.floor(next() * 5));
    counts.set(leafKey('S', 'B', 'P', 'O', month), 12 + Math.floor(next() * 8));
    counts.set(leafKey('X', 'B', 'P', 'O', month, 'STABILISATION'), 1 + Math.floor(next() * 6));
    counts.set(leafKey('X', 'B', 'P', 'O', month, 'MOVED'), next() < 0.5 ? 0 : 1 + Math.floor(next() * 3));
  }
  return counts;
}

describe('LinkedPublication', () => {
  it('hides, over every measure at once, enough figures that no small count can be narrowed below ±2 by linear programming', async () => {
    const counts = leaves(5);
    const figures = [...publicationFigures(grid)];
    const publication = await LinkedPublication.protect(counts, figures, { protection: 2 });
    expect(publication.report.primary).toBeGreaterThan(5);
    expect(publication.report.secondary).toBeGreaterThan(0);
    expect(publication.report.exposed).toBe(0);

    // The attacker: every figure as published, bounds as the rules say.
    const facts: Fact[] = [];
    const targets: { name: string; terms: Record<string, number> }[] = [];
    const terms = new Map(figures.map((f) => [f.key, f.terms]));
    for (const f of publication.figures()) {
      const t = terms.get(f.key)!;
      facts.push({ source: f.key, terms: t, ...(f.hiddenBy === null ? { lower: f.value, upper: f.value } : f.hiddenBy === 'PRIMARY' ? { lower: 1, upper: 10 } : { lower: 11, upper: Infinity }) });
      if (f.hiddenBy === 'PRIMARY') targets.push({ name: f.key, terms: t });
    }
    for (const [leaf, n] of counts) if (n >= 1 && n <= 10) targets.push({ name: leaf, terms: { [leaf]: 1 } });
    const audit = await LinearAudit.of(facts, counts.keys());
    try {
      const exposed = audit.audit(
        targets.map((t) => t.terms),
        2,
      ).flatMap((v, i) => (v.exposed ? [`${targets[i]!.name} ∈ [${v.finding!.lower}, ${v.finding!.upper}]`] : []));
      expect(targets.length).toBeGreaterThan(10);
      expect(exposed).toEqual([]);
    } finally {
      audit.dispose();
    }

    // The Département's large figures stay published.
    expect(publication.figure(publicationKey('welcomed', {}, '2024')).hiddenBy).toBeNull();
    expect(publication.figure(publicationKey('active', {}, '2024-12')).hiddenBy).toBeNull();
  }, 60_000);

  it('audits again, in later rounds, only the small counts a round found exposed: hiding only loosens what the attacker knows', async () => {
    const counts = leaves(5);
    const figures = [...publicationFigures(grid)];
    // Each audit's targets, as the rounds ask them (the real audit runs: only its calls are watched).
    const calls: { targets: string[]; exposed: string[] }[] = [];
    const audit = vi.spyOn(LinearAudit.prototype, 'audit');
    audit.mockImplementation(function (this: LinearAudit, targets, protection) {
      const verdicts = realAudit.call(this, targets, protection);
      calls.push({ targets: targets.map((t) => JSON.stringify(t)), exposed: targets.flatMap((t, i) => (verdicts[i]!.exposed ? [JSON.stringify(t)] : [])) });
      return verdicts;
    });
    let publication: LinkedPublication;
    try {
      publication = await LinkedPublication.protect(counts, figures, { protection: 2 });
    } finally {
      audit.mockRestore();
    }
    // The outsider's rounds (no insider here): several, each auditing only what the one before found exposed.
    expect(publication.report.rounds).toBeGreaterThan(1);
    expect(calls).toHaveLength(publication.report.rounds);
    for (let round = 1; round < calls.length; round++) expect(calls[round]!.targets, `round ${round + 1}`).toEqual(calls[round - 1]!.exposed);
    // Here 21 targets, exposed in every one of the first rounds, then fewer and fewer: the last rounds audit a few.
    expect(calls.at(-1)!.targets.length).toBeLessThan(calls[0]!.targets.length / 2);
    // The report still counts every target, and the result is the one every test here checks is safe.
    expect(publication.report).toMatchObject({ audited: calls[0]!.targets.length, exposed: 0 });
  }, 60_000);

  it('is deterministic, and figures with the same terms share one value and rule', async () => {
    const figures = [...publicationFigures(grid)];
    const [a, b] = await Promise.all([LinkedPublication.protect(leaves(9), figures), LinkedPublication.protect(leaves(9), figures)]);
    expect([...a.figures()]).toEqual([...b.figures()]);
    // One programme and one operator: a territory's figure is its programme's and operator's too.
    expect(a.figure(publicationKey('exits', { territoryId: 'B' }, '2024-Q3', 'MOVED'))).toEqual(a.figure(publicationKey('exits', { territoryId: 'B', programmeId: 'P', operatorId: 'O' }, '2024-Q3', 'MOVED')));
  }, 60_000);

  it('says when a small count stays exposed because nothing is left to hide for it', async () => {
    // Everyone knows x is 1 or 2 (the knowledge), and the only figure over it is x itself.
    const publication = await LinkedPublication.protect(new Map([['x', 1]]), [{ key: 'x alone', terms: { x: 1 } }], { knowledge: [{ terms: { x: 1 }, lower: 1, upper: 2 }] });
    expect(publication.figure('x alone')).toEqual({ value: null, hiddenBy: 'PRIMARY' });
    expect(publication.report.exposed).toBe(1);
  });

  it('is restored from what was stored, figure by figure', async () => {
    const publication = await LinkedPublication.protect(leaves(5), [...publicationFigures(grid)]);
    const stored = [...publication.figures()];
    const restored = LinkedPublication.restore(new Map(stored.map((f) => [f.key, f.value])), new Map(stored.flatMap((f) => (f.hiddenBy ? [[f.key, f.hiddenBy] as const] : []))));
    expect([...restored.figures()]).toEqual(stored);
  });

  it('picks the finest grid that can be protected, skipping those made mostly of small counts', async () => {
    const counts = leaves(5);
    // Territory B's exits by month: mostly 1 to 10.
    const mostlySmall = { name: 'B by month', figures: () => [...publicationFigures(grid)].filter((f) => /\|B\|/.test(f.key) && f.key.startsWith('exits|')) };
    // Every crossing by month needs secondary suppression: one round of it is not enough.
    const fine = { name: 'every crossing by month', figures: () => publicationFigures(grid) };
    const coarse = { name: 'Département by quarter', figures: () => publicationFigures({ ...grid, crossings: 0, finest: ['QUARTER'] }) };
    const chosen = await LinkedPublication.firstProtectable(counts, [mostlySmall, fine, coarse], { maxRounds: 1 });
    expect(chosen?.grid.name).toBe('Département by quarter');
    expect(chosen?.tried.map((t) => t.outcome)).toEqual([expect.stringMatching(/^skipped: \d+ of \d+ non-zero figures are 1 to 10$/), expect.stringMatching(/^\d+ small counts still exposed$/), 'protected']);
    expect(chosen?.publication.report.exposed).toBe(0);
    expect(await LinkedPublication.firstProtectable(counts, [mostlySmall, fine], { maxRounds: 1 })).toBeNull();
  });

  it('refuses a figure that does not sum to a count', async () => {
    await expect(LinkedPublication.protect(new Map([['x', 2]]), [{ key: 'odd', terms: { x: -1 } }])).rejects.toThrow(/odd sums to -2/);
  });

  describe('with operators as insiders', () => {
    // The Département by month, each territory, programme and operator by year. Operator O1 is
    // large; O2 small: its months are 1 to 10, and are no figure of the grid.
    const twoOperators: PublicationGrid = { territories: ['A', 'B'], programmes: ['P'], operators: ['O1', 'O2'], reasons: ['STABILISATION'], months: monthsBetween('2024-07', '2024-12'), crossings: 1, finest: ['MONTH', 'YEAR'] };
    const counts = (): Map<string, number> => {
      const next = random(11);
      const c = new Map<string, number>();
      for (const month of twoOperators.months)
        for (const t of twoOperators.territories) {
          c.set(leafKey('S', t, 'P', 'O1', month), 30 + Math.floor(next() * 20));
          c.set(leafKey('X', t, 'P', 'O1', month, 'STABILISATION'), 12 + Math.floor(next() * 8));
          c.set(leafKey('S', t, 'P', 'O2', month), 1 + Math.floor(next() * 4));
          c.set(leafKey('X', t, 'P', 'O2', month, 'STABILISATION'), Math.floor(next() * 2));
        }
      return c;
    };
    const insiders = twoOperators.operators.map((o) => ({ name: o, owns: (leaf: string) => operatorOfLeaf(leaf) === o }));

    /** Each operator, knowing its own leaves, bounds the others' part of every figure and every other leaf of 1 to 10 (exposed: narrower than ±2, and above 0). */
    async function insiderExposures(publication: LinkedPublication, leaves: ReadonlyMap<string, number>): Promise<string[]> {
      const terms = new Map([...publicationFigures(twoOperators)].map((f) => [f.key, f.terms]));
      const exposed: string[] = [];
      for (const operator of twoOperators.operators) {
        const own = (leaf: string): boolean => operatorOfLeaf(leaf) === operator;
        const facts: Fact[] = [...leaves.keys()].filter(own).map((leaf) => ({ source: `own ${leaf}`, terms: { [leaf]: 1 }, lower: leaves.get(leaf)!, upper: leaves.get(leaf)! }));
        const targets: { name: string; terms: Record<string, number> }[] = [];
        for (const f of publication.figures()) {
          const t = terms.get(f.key)!;
          facts.push({ source: f.key, terms: t, ...(f.hiddenBy === null ? { lower: f.value, upper: f.value } : f.hiddenBy === 'PRIMARY' ? { lower: 1, upper: 10 } : { lower: 11, upper: Infinity }) });
          const others = Object.fromEntries(Object.entries(t).filter(([leaf]) => !own(leaf)));
          const value = Object.entries(others).reduce((sum, [leaf, a]) => sum + a * (leaves.get(leaf) ?? 0), 0);
          if (value >= 1 && value <= 10) targets.push({ name: `${f.key} without ${operator}`, terms: others });
        }
        for (const [leaf, n] of leaves) if (!own(leaf) && n >= 1 && n <= 10) targets.push({ name: leaf, terms: { [leaf]: 1 } });
        const audit = await LinearAudit.of(facts, leaves.keys());
        // What the mentions alone tell: the hidden figures' rules, the zeros, its own leaves, and that every count is ≥ 0.
        const mentionsOnly = await LinearAudit.of(
          facts.map((f) => (f.lower < f.upper || f.upper === 0 || f.source.startsWith('own ') ? f : { ...f, lower: 0, upper: Infinity })),
          leaves.keys(),
        );
        try {
          audit.audit(
            targets.map((t) => t.terms),
            2,
          ).forEach((v, i) => {
            // Exposed: narrower than ±2, at least one of the others proven to be there, and narrower than the mentions alone make it.
            if (!v.exposed || v.finding!.lower < 1) return;
            const alone = mentionsOnly.interval(targets[i]!.terms, false);
            if (alone.lower !== v.finding!.lower || alone.upper !== v.finding!.upper) exposed.push(`${operator} knows ${targets[i]!.name} ∈ [${v.finding!.lower}, ${v.finding!.upper}]`);
          });
        } finally {
          audit.dispose();
          mentionsOnly.dispose();
        }
      }
      return exposed;
    }

    it('lets an operator that takes its own people out of the Département’s months recompute the other operator’s, when audited as an outsider only', async () => {
      const leaves = counts();
      const outsider = await LinkedPublication.protect(leaves, publicationFigures(twoOperators));
      expect(outsider.report.exposed).toBe(0);
      const exposed = await insiderExposures(outsider, leaves);
      expect(exposed.some((e) => e.startsWith('O1 knows welcomed|*|*|*|2024-'))).toBe(true);
    }, 60_000);

    it('hides, with the insiders, enough that no operator narrows another’s small count below ±2, and keeps the Département’s year', async () => {
      const leaves = counts();
      const publication = await LinkedPublication.protect(leaves, publicationFigures(twoOperators), { insiders });
      expect(publication.report.exposed).toBe(0);
      expect(await insiderExposures(publication, leaves)).toEqual([]);
      expect(publication.figure(publicationKey('welcomed', {}, '2024')).hiddenBy).toBeNull();
      // The Département's months, each O1's plus a few of O2's, are what had to go.
      expect(publication.figure(publicationKey('welcomed', {}, '2024-09')).hiddenBy).toBe('SECONDARY');
    }, 60_000);
  });

  describe('with a prescriber as insider', () => {
    // One operator; territory B small. Prescriber Q oriented nearly everyone of B (all but 3 over
    // the half-year) and half of A: it knows a part of leaves, not whole ones.
    const oneOperator: PublicationGrid = { territories: ['A', 'B'], programmes: ['P'], operators: ['O'], reasons: ['STABILISATION'], months: monthsBetween('2024-07', '2024-12'), crossings: 1, finest: ['MONTH', 'YEAR'] };
    const next = random(17);
    const leaves = new Map<string, number>();
    const part = new Map<string, number>();
    oneOperator.months.forEach((month, i) => {
      const [a, b] = [40 + Math.floor(next() * 20), 12 + Math.floor(next() * 4)];
      leaves.set(leafKey('S', 'A', 'P', 'O', month), a);
      leaves.set(leafKey('S', 'B', 'P', 'O', month), b);
      leaves.set(leafKey('X', 'A', 'P', 'O', month, 'STABILISATION'), 15 + Math.floor(next() * 5));
      part.set(leafKey('S', 'A', 'P', 'O', month), Math.floor(a / 2));
      part.set(leafKey('S', 'B', 'P', 'O', month), b - (i % 2 === 0 ? 1 : 0));
    });
    const prescriber = { name: 'Q', knows: part };

    /** What the prescriber, knowing its part of each leaf, learns of the others' part of every figure and leaf (exposed: narrower than ±2, above 0, narrower than the mentions alone). */
    async function prescriberExposures(publication: LinkedPublication): Promise<string[]> {
      const terms = new Map([...publicationFigures(oneOperator)].map((f) => [f.key, f.terms]));
      const knownOf = (t: Record<string, number>): number => Object.entries(t).reduce((sum, [leaf, a]) => sum + a * (part.get(leaf) ?? 0), 0);
      const valueOf = (t: Record<string, number>): number => Object.entries(t).reduce((sum, [leaf, a]) => sum + a * (leaves.get(leaf) ?? 0), 0);
      // Its own people are in the leaves: each leaf holds at least its part.
      const facts: Fact[] = [...part].map(([leaf, n]) => ({ source: `mine ${leaf}`, terms: { [leaf]: 1 }, lower: n, upper: Infinity }));
      const targets: { name: string; terms: Record<string, number>; known: number }[] = [];
      for (const f of publication.figures()) {
        const t = terms.get(f.key)!;
        facts.push({ source: f.key, terms: t, ...(f.hiddenBy === null ? { lower: f.value, upper: f.value } : f.hiddenBy === 'PRIMARY' ? { lower: 1, upper: 10 } : { lower: 11, upper: Infinity }) });
        const others = valueOf(t) - knownOf(t);
        if (others >= 1 && others <= 10) targets.push({ name: `${f.key} without Q's`, terms: t, known: knownOf(t) });
      }
      for (const [leaf, n] of leaves) if (n - (part.get(leaf) ?? 0) >= 1 && n - (part.get(leaf) ?? 0) <= 10) targets.push({ name: `${leaf} without Q's`, terms: { [leaf]: 1 }, known: part.get(leaf) ?? 0 });
      const audit = await LinearAudit.of(facts, leaves.keys());
      const mentionsOnly = await LinearAudit.of(
        facts.map((f) => (f.source.startsWith('mine ') || f.lower < f.upper || f.upper === 0 ? f : { ...f, lower: 0, upper: Infinity })),
        leaves.keys(),
      );
      const exposed: string[] = [];
      try {
        audit.audit(
          targets.map((t) => t.terms),
          2,
        ).forEach((v, i) => {
          const known = targets[i]!.known;
          if (!v.exposed || v.finding!.lower - known < 1) return;
          const alone = mentionsOnly.interval(targets[i]!.terms, false);
          if (alone.lower !== v.finding!.lower || alone.upper !== v.finding!.upper) exposed.push(`Q knows ${targets[i]!.name} ∈ [${v.finding!.lower - known}, ${v.finding!.upper - known}]`);
        });
      } finally {
        audit.dispose();
        mentionsOnly.dispose();
      }
      return exposed;
    }

    it('lets the prescriber take the people it oriented out of a territory’s year and count the others, when not audited as an insider', async () => {
      const publication = await LinkedPublication.protect(leaves, publicationFigures(oneOperator), { insiders: [] });
      expect(publication.report.exposed).toBe(0);
      expect(publication.figure(publicationKey('welcomed', { territoryId: 'B' }, '2024')).hiddenBy).toBeNull();
      expect(await prescriberExposures(publication)).toContain(`Q knows ${publicationKey('welcomed', { territoryId: 'B' }, '2024')} without Q's ∈ [3, 3]`);
    }, 60_000);

    it('hides, with the prescriber as insider, enough that it narrows no count of the people it did not orient', async () => {
      const publication = await LinkedPublication.protect(leaves, publicationFigures(oneOperator), { insiders: [prescriber] });
      expect(publication.report.exposed).toBe(0);
      expect(await prescriberExposures(publication)).toEqual([]);
      expect(publication.figure(publicationKey('welcomed', { territoryId: 'B' }, '2024')).hiddenBy).toBe('SECONDARY');
      expect(publication.figure(publicationKey('welcomed', {}, '2024')).hiddenBy).toBeNull();
    }, 60_000);
  });
});
