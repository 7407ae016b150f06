import { describe, expect, it } from 'vitest';
import { SuppressionRule } from '../suppression.js';
import { LinearAudit, termsKey, type Fact, type Terms } from './audit.js';
import { finestPeriodOf, leafKey, leavesBy, monthsBetween, publicationFigures, publicationKey, type GridPeriodLevel } from './publication.js';
import { computePublication, PUBLICATION_LADDER, PublishedFigures, type GridLevel, type PublicationInput, type StoredPublication } from './stored.js';

/** Two territories, large enough by quarter, from March to November 2025 (a publication read on 2026-01-15 closes December, empty). */
function leaves(): Map<string, number> {
  const counts = new Map<string, number>();
  monthsBetween('2025-03', '2025-11').forEach((month, i) => {
    counts.set(leafKey('S', 'A', 'P', 'O', month), 30 + i);
    counts.set(leafKey('S', 'B', 'P', 'O', month), 20 + (i % 3));
    if (i > 0) counts.set(leafKey('X', 'A', 'P', 'O', month, 'STABILISATION'), 12 + i);
    if (i > 0) counts.set(leafKey('X', 'B', 'P', 'O', month, 'STABILISATION'), 14);
    // The only move: 3 people in July, a small count in every figure that holds it.
    if (month === '2025-07') counts.set(leafKey('X', 'B', 'P', 'O', month, 'MOVED'), 3);
  });
  return counts;
}

const ladder: GridLevel[] = [
  { name: 'every crossing by month', crossings: 3, finest: ['MONTH', 'MONTH', 'MONTH', 'MONTH'] },
  { name: 'Département by quarter, a territory by year', crossings: 1, finest: ['QUARTER', 'YEAR'] },
];

describe('the stored publication', async () => {
  const stored = await computePublication(
    { departmentCode: '84', asOf: '2026-01-15', leaves: leaves(), territories: ['A', 'B'], programmes: ['P'], operators: ['O'], reasons: ['STABILISATION', 'MOVED'] },
    { ladder },
  );
  const figures = new PublishedFigures(stored);

  it('keeps the finest grid the audit protects, with every figure of it shown or hidden by a rule', () => {
    expect(stored.grid?.crossings).toBe(1);
    expect(stored.tried.at(-1)?.outcome).toBe('protected');
    expect(stored.firstMonth).toBe('2025-03');
    expect(Object.keys(stored.shown).length).toBeGreaterThan(20);
    expect(stored.report?.exposed).toBe(0);
  });

  it('reads a grid figure by measure, scope and calendar period', () => {
    // Welcomed in the Département in 2025-Q2: 30+31+32 + 20+21+22 (months 2025-04..06 are i = 1..3).
    const q2 = figures.count('welcomed', {}, { from: '2025-04-01', to: '2025-06-30' });
    expect(q2).toEqual({ value: 31 + 32 + 33 + 21 + 22 + 20, suppressed: false, rule: null });
    expect(stored.shown[publicationKey('welcomed', {}, '2025-Q2')]).toBe(q2.value);
    // The caseload at the end of a quarter, and at the end of the last month closed.
    expect(stored.throughMonth).toBe('2025-12');
    expect(figures.caseload({}, '2025-06-30').value).toBe(stored.shown[publicationKey('active', {}, '2025-06')]);
    expect(figures.caseload({}, '2025-12-31').value).toBe(stored.shown[publicationKey('active', {}, '2025-12')]);
    // The last quarter and the year, once closed.
    expect(figures.count('welcomed', {}, { from: '2025-10-01', to: '2025-12-31' }).value).toBe(37 + 38 + 21 + 22);
    expect(figures.count('welcomed', { territoryId: 'A' }, { from: '2025-01-01', to: '2025-12-31' }).value).toBe(
      stored.shown[publicationKey('welcomed', { territoryId: 'A' }, '2025')],
    );
  });

  it('publishes no period still open: none cut at a day, none after the last month closed', async () => {
    const off = { value: null, suppressed: true, rule: SuppressionRule.NOT_PUBLISHED };
    expect(figures.count('welcomed', {}, { from: '2026-01-01', to: '2026-01-15' })).toEqual(off);
    expect(figures.count('welcomed', {}, { from: '2025-10-01', to: '2025-11-20' })).toEqual(off);
    expect(figures.caseload({}, '2026-01-15')).toEqual(off);
    // Read on 2025-11-20, the same leaves close October only: no figure of the fourth quarter or of the year 2025.
    const early = await computePublication({ departmentCode: '84', asOf: '2025-11-20', leaves: leaves(), territories: ['A', 'B'], programmes: ['P'], operators: ['O'], reasons: ['STABILISATION', 'MOVED'] }, { ladder });
    expect(early.throughMonth).toBe('2025-10');
    const keys = Object.keys({ ...early.shown, ...early.hidden });
    expect(keys.some((key) => key.endsWith('|2025') || key.endsWith('|2025-Q4') || key.endsWith('|2025-11'))).toBe(false);
    expect(keys).toContain(publicationKey('welcomed', {}, '2025-Q3'));
  });

  it('says « non publié à ce niveau » off the grid: a month, a territory by quarter, a crossing, a period that is no calendar one or is to come', () => {
    const off = { value: null, suppressed: true, rule: SuppressionRule.NOT_PUBLISHED };
    expect(figures.count('welcomed', {}, { from: '2025-05-01', to: '2025-05-31' })).toEqual(off);
    expect(figures.count('exits', { territoryId: 'A' }, { from: '2025-04-01', to: '2025-06-30' })).toEqual(off);
    expect(figures.count('exits', { territoryId: 'A', programmeId: 'P' }, { from: '2025-01-01', to: '2025-12-31' })).toEqual(off);
    expect(figures.count('welcomed', {}, { from: '2025-04-01', to: '2025-06-29' })).toEqual(off);
    expect(figures.count('welcomed', {}, { from: '2026-01-01', to: '2026-03-31' })).toEqual(off);
    expect(figures.caseload({}, '2025-05-31')).toEqual(off);
    expect(figures.caseload({}, '2025-06-15')).toEqual(off);
  });

  it('publishes 0 before the first accompaniment where the grid holds the level, and hides small counts by rule', () => {
    expect(figures.count('exits', {}, { from: '2025-07-01', to: '2025-09-30' }, 'MOVED')).toEqual({ value: null, suppressed: true, rule: SuppressionRule.PRIMARY });
    expect(figures.count('welcomed', {}, { from: '2024-01-01', to: '2024-03-31' })).toEqual({ value: 0, suppressed: false, rule: null });
    expect(figures.caseload({ territoryId: 'B' }, '2024-12-31')).toEqual({ value: 0, suppressed: false, rule: null });
    expect(figures.count('welcomed', { territoryId: 'B' }, { from: '2024-01-01', to: '2024-03-31' }).rule).toBe(SuppressionRule.NOT_PUBLISHED);
    expect(stored.report!.secondary).toBeGreaterThan(0);
    expect(Object.values(stored.hidden).filter((rule) => rule === 'SECONDARY').length).toBeGreaterThan(0);
  });

  it('publishes nothing when no grid of the ladder can be protected', async () => {
    const tiny = new Map([[leafKey('S', 'A', 'P', 'O', '2025-03'), 2]]);
    const none = await computePublication({ departmentCode: '84', asOf: '2026-01-15', leaves: tiny, territories: ['A'], programmes: ['P'], operators: ['O'], reasons: ['MOVED'] }, { ladder });
    expect(none.grid).toBeNull();
    expect(new PublishedFigures(none).count('welcomed', {}, { from: '2025-01-01', to: '2025-12-31' }).rule).toBe(SuppressionRule.NOT_PUBLISHED);
  });
});

/** A small deterministic generator (tests only). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Many small leaves: three territories × two programmes × two operators, from November 2024 (a
 * first quarter and year of two months) to November 2025, published on 2026-01-15 (December
 * closed, empty). Territory C is small, and deaths are rare: many figures
 * are 1 to 10.
 */
function manySmallLeaves(seed: number): PublicationInput {
  const next = random(seed);
  const [territories, programmes, operators, reasons] = [['A', 'B', 'C'], ['P', 'Q'], ['O', 'R'], ['STABILISATION', 'EMPLOI', 'MOVED', 'DECES']];
  const leaves = new Map<string, number>();
  const caseload = new Map<string, number>();
  for (const month of monthsBetween('2024-11', '2025-11'))
    for (const t of territories)
      for (const p of programmes)
        for (const o of operators) {
          const size = t === 'C' ? 1 : 4;
          const started = Math.floor(next() * 3 * size);
          if (started) leaves.set(leafKey('S', t, p, o, month), started);
          // Exits of the month come from the caseload (a caseload is never negative).
          const combo = `${t}|${p}|${o}`;
          let active = (caseload.get(combo) ?? 0) + started;
          for (const r of reasons) {
            const draw = next();
            const ended = Math.min(active, r === 'DECES' ? Number(draw < 0.03) : draw < 0.6 ? Math.floor(next() * (r === 'MOVED' ? 2 : size + 1)) : 0);
            if (ended) leaves.set(leafKey('X', t, p, o, month, r), ended);
            active -= ended;
          }
          caseload.set(combo, active);
        }
  return { departmentCode: '84', asOf: '2026-01-15', leaves, territories, programmes, operators, reasons };
}

/**
 * What an attacker learns from a stored pattern when the unknowns are the leaves by `leafPeriod`:
 * the feasible interval of every hidden figure, and how many of the targets the protection
 * audits (primary cells, leaves of 1 to 10) are narrowed below ±2.
 */
async function attack(input: PublicationInput, stored: StoredPublication, level: GridLevel, leafPeriod: GridPeriodLevel): Promise<{ intervals: Record<string, [number, number]>; exposed: number; leaves: number }> {
  const months = monthsBetween(stored.firstMonth!, stored.throughMonth!);
  const leaves = leavesBy(input.leaves, leafPeriod, stored.throughMonth!);
  const figures = [...publicationFigures({ ...input, months, crossings: level.crossings, finest: level.finest, leafPeriod })];
  const facts: Fact[] = figures.map(({ key, terms }) => {
    const [lower, upper] = key in stored.shown ? [stored.shown[key]!, stored.shown[key]!] : stored.hidden[key] === 'PRIMARY' ? [1, 10] : [11, Infinity];
    return { source: key, terms, lower, upper };
  });
  const leafIds = [...new Set([...leaves.keys(), ...figures.flatMap((f) => Object.keys(f.terms))])];
  const small = (terms: Terms): boolean => {
    const v = Object.entries(terms).reduce((sum, [leaf, a]) => sum + a * (leaves.get(leaf) ?? 0), 0);
    return v >= 1 && v <= 10;
  };
  const targets = [...new Map([...figures.map((f) => f.terms), ...leafIds.map((leaf) => ({ [leaf]: 1 }))].filter(small).map((t) => [termsKey(t), t])).values()];
  const audit = await LinearAudit.of(facts, leafIds);
  try {
    const round = (x: number): number => Math.round(x * 1e6) / 1e6;
    const intervals = Object.fromEntries(
      figures
        .filter((f) => f.key in stored.hidden)
        .map((f): [string, [number, number]] => {
          const finding = audit.interval(f.terms);
          return [f.key, [round(finding.lower), round(finding.upper)]];
        }),
    );
    return { intervals, exposed: audit.audit(targets, 2).filter((v) => v.exposed).length, leaves: leafIds.length };
  } finally {
    audit.dispose();
  }
}

describe('the coarse grids, audited on leaves by quarter or year', () => {
  const input = manySmallLeaves(7);

  it.each(PUBLICATION_LADDER.slice(2).map((level, i) => [i + 3, level] as const))(
    'protect grid %i as on month leaves: the same figures and small counts, the same intervals, no small month narrowed, fewer leaves',
    async (_, level) => {
      const options = { ladder: [level], maxPrimaryShare: 1 };
      const byMonth = await computePublication(input, { ...options, leavesByMonth: true });
      const coarse = await computePublication(input, options);
      const period = finestPeriodOf(level);
      expect(period).not.toBe('MONTH');
      expect(byMonth.grid?.name).toBe(level.name);
      expect(coarse.grid).toEqual(byMonth.grid);
      // The same keys with the same values (the stock at the end of a quarter keyed by its last
      // month), and the same small counts hidden.
      const keys = (p: StoredPublication): string[] => [...Object.keys(p.shown), ...Object.keys(p.hidden)].sort();
      expect(keys(coarse)).toEqual(keys(byMonth));
      expect(keys(coarse)).toContain(publicationKey('active', {}, '2025-12'));
      for (const [key, value] of Object.entries(coarse.shown)) if (key in byMonth.shown) expect(value, key).toBe(byMonth.shown[key]);
      const primary = (p: StoredPublication): string[] => Object.keys(p.hidden).filter((key) => p.hidden[key] === 'PRIMARY');
      expect(primary(coarse)).toEqual(primary(byMonth));
      expect(primary(coarse).length).toBeGreaterThan(0);
      expect(Object.values(coarse.hidden)).toContain('SECONDARY');
      expect(coarse.report!.exposed).toBe(0);
      // The secondary cells may differ (the small leaves audited are quarters or years, and the
      // greedy choice follows them), not the protection: whatever the unknowns, every hidden
      // figure of the pattern has the same feasible interval, and no small count — a figure, a
      // month's leaf or a quarter's — is narrowed below ±2.
      const [onMonths, onPeriods] = [await attack(input, coarse, level, 'MONTH'), await attack(input, coarse, level, period)];
      expect(onPeriods.intervals).toEqual(onMonths.intervals);
      expect(Object.keys(onMonths.intervals).length).toBe(Object.keys(coarse.hidden).length);
      expect(onMonths.exposed).toBe(0);
      expect(onPeriods.exposed).toBe(0);
      // On fewer leaves: a third (a twelfth) of the months, minus the partial first and last periods.
      expect(coarse.report!.leaves).toBe(onPeriods.leaves);
      expect(byMonth.report!.leaves).toBe(onMonths.leaves);
      expect(coarse.report!.leaves! * (period === 'QUARTER' ? 2 : 5)).toBeLessThan(byMonth.report!.leaves!);
    },
    120_000,
  );
});

describe('publications over time (ADR 0023, « time »)', () => {
  const input = manySmallLeaves(11);
  const level = PUBLICATION_LADDER[2]!;
  const options = { ladder: [level], maxPrimaryShare: 1 };

  /** Everything two publications tell together, as the attacker who kept both: small counts narrowed below ±2. */
  async function exposedByBoth(first: StoredPublication, second: StoredPublication): Promise<string[]> {
    const leaves = new Map([...input.leaves].filter(([leaf]) => leaf.slice(leaf.lastIndexOf('|') + 1) <= second.throughMonth!));
    const facts: Fact[] = [];
    const targets = new Map<string, { name: string; terms: Terms }>();
    for (const p of [first, second]) {
      const months = monthsBetween(p.firstMonth!, p.throughMonth!);
      for (const { key, terms } of publicationFigures({ ...input, months, crossings: p.grid!.crossings, finest: p.grid!.finest })) {
        // A figure neither shown nor hidden by a rule was withheld (« non publié à ce niveau »): no fact.
        if (!(key in p.shown) && !(key in p.hidden)) continue;
        const [lower, upper] = key in p.shown ? [p.shown[key]!, p.shown[key]!] : p.hidden[key] === 'PRIMARY' ? [1, 10] : [11, Infinity];
        facts.push({ source: `${p.throughMonth}:${key}`, terms, lower, upper });
        if (p.hidden[key] === 'PRIMARY') targets.set(termsKey(terms), { name: key, terms });
      }
    }
    for (const [leaf, n] of leaves) if (n >= 1 && n <= 10) targets.set(leaf, { name: leaf, terms: { [leaf]: 1 } });
    const audit = await LinearAudit.of(facts, leaves.keys());
    try {
      const list = [...targets.values()];
      return audit.audit(list.map((t) => t.terms), 2).flatMap((v, i) => (v.exposed ? [`${list[i]!.name} ∈ [${v.finding!.lower}, ${v.finding!.upper}]`] : []));
    } finally {
      audit.dispose();
    }
  }

  it('audits each publication with everything released before: what was shown stays shown, and both together narrow no small count', async () => {
    const november = await computePublication({ ...input, asOf: '2025-12-15' }, options);
    expect(november.throughMonth).toBe('2025-11');
    const january = await computePublication({ ...input, asOf: '2026-01-15', released: november.released }, options);
    expect(january.throughMonth).toBe('2025-12');
    expect(january.report!.exposed).toBe(0);
    // A figure once shown is never withdrawn nor revised.
    for (const [key, value] of Object.entries(november.shown)) expect(january.shown[key], key).toBe(value);
    expect(Object.keys(january.released).length).toBeGreaterThan(Object.keys(november.released).length);
    expect(await exposedByBoth(november, january)).toEqual([]);
    // Computed alone, January's publication would hide other figures than November's, and the two
    // together would narrow small counts: what the released figures are for.
    const alone = await computePublication({ ...input, asOf: '2026-01-15' }, options);
    expect(Object.keys(november.shown).filter((key) => !(key in alone.shown)).length).toBeGreaterThan(0);
    expect((await exposedByBoth(november, alone)).length).toBeGreaterThan(0);
    // The same run the next night, nothing new closed: the same publication.
    const again = await computePublication({ ...input, asOf: '2026-01-16', released: january.released }, options);
    expect(again.shown).toEqual(january.shown);
    expect(again.hidden).toEqual(january.hidden);
  }, 240_000);

  it('refuses to publish when a month already published no longer holds what it did (leaves not frozen)', async () => {
    const november = await computePublication({ ...input, asOf: '2025-12-15' }, options);
    const key = Object.keys(november.shown).find((k) => k.startsWith('welcomed|*|*|*|2025-Q'))!;
    const changed = new Map(input.leaves);
    const leaf = [...changed.keys()].find((k) => k.startsWith('S|') && k.endsWith(`|2025-0${3 * Number(key.at(-1)) }`))!;
    changed.set(leaf, changed.get(leaf)! + 1);
    await expect(computePublication({ ...input, leaves: changed, asOf: '2026-01-15', released: november.released }, options)).rejects.toThrow(/must not change/);
  }, 240_000);
});
