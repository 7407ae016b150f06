import { describe, expect, it } from 'vitest';
import { SuppressionRule } from '../suppression.js';
import { leafKey, monthsBetween, publicationKey } from './publication.js';
import { computePublication, PublishedFigures, type GridLevel } from './stored.js';

/** Two territories, large enough by quarter, from March 2025 to a publication read on 2025-11-20. */
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
    { departmentCode: '84', asOf: '2025-11-20', leaves: leaves(), territories: ['A', 'B'], programmes: ['P'], operators: ['O'], reasons: ['STABILISATION', 'MOVED'] },
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
    // The caseload at the end of a quarter, and on the publication's day (the current quarter cut at it).
    expect(figures.caseload({}, '2025-06-30').value).toBe(stored.shown[publicationKey('active', {}, '2025-06')]);
    expect(figures.caseload({}, '2025-11-20').value).toBe(stored.shown[publicationKey('active', {}, '2025-11')]);
    // The year so far, and its quarter so far (named as the longest period they can be).
    expect(figures.count('welcomed', {}, { from: '2025-10-01', to: '2025-11-20' }).value).toBe(stored.shown[publicationKey('welcomed', {}, '2025-Q4')]);
    expect(stored.shown[publicationKey('welcomed', {}, '2025-Q4')]).toBe(37 + 38 + 21 + 22);
    expect(figures.count('welcomed', { territoryId: 'A' }, { from: '2025-01-01', to: '2025-11-20' }).value).toBe(
      stored.shown[publicationKey('welcomed', { territoryId: 'A' }, '2025')],
    );
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
    const none = await computePublication({ departmentCode: '84', asOf: '2025-11-20', leaves: tiny, territories: ['A'], programmes: ['P'], operators: ['O'], reasons: ['MOVED'] }, { ladder });
    expect(none.grid).toBeNull();
    expect(new PublishedFigures(none).count('welcomed', {}, { from: '2025-01-01', to: '2025-12-31' }).rule).toBe(SuppressionRule.NOT_PUBLISHED);
  });
});
