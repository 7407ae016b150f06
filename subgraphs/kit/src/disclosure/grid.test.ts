import { describe, expect, it } from 'vitest';
import { gridPeriodKind, isGridDay, narrowsReach, parsePublishedDay, parsePublishedPeriod, publishedYearOfReach } from './grid.js';

const TODAY = '2026-11-15';

describe('the publication grid of periods (ADR 0023)', () => {
  it('recognises calendar months, quarters and years, the longest kind first', () => {
    expect(gridPeriodKind({ from: '2025-02-01', to: '2025-02-28' }, TODAY)).toBe('MONTH');
    expect(gridPeriodKind({ from: '2024-02-01', to: '2024-02-29' }, TODAY)).toBe('MONTH');
    expect(gridPeriodKind({ from: '2025-04-01', to: '2025-06-30' }, TODAY)).toBe('QUARTER');
    expect(gridPeriodKind({ from: '2025-01-01', to: '2025-12-31' }, TODAY)).toBe('YEAR');
    // January is a month, and the first quarter starts on its first day too.
    expect(gridPeriodKind({ from: '2025-01-01', to: '2025-01-31' }, TODAY)).toBe('MONTH');
    expect(gridPeriodKind({ from: '2025-01-01', to: '2025-03-31' }, TODAY)).toBe('QUARTER');
  });

  it('accepts the current month, quarter or year cut at today, and no other cut', () => {
    expect(gridPeriodKind({ from: '2026-01-01', to: TODAY }, TODAY)).toBe('YEAR');
    expect(gridPeriodKind({ from: '2026-10-01', to: TODAY }, TODAY)).toBe('QUARTER');
    expect(gridPeriodKind({ from: '2026-11-01', to: TODAY }, TODAY)).toBe('MONTH');
    expect(gridPeriodKind({ from: '2026-01-01', to: '2026-11-14' }, TODAY)).toBeNull();
    // A past period cannot end « today ».
    expect(gridPeriodKind({ from: '2026-09-01', to: TODAY }, TODAY)).toBeNull();
  });

  it('refuses periods that differ from a grid period by a few days or months', () => {
    for (const [from, to] of [
      ['2025-01-01', '2025-12-30'],
      ['2025-01-01', '2025-07-31'],
      ['2025-03-04', '2025-03-31'],
      ['2025-02-01', '2025-04-30'],
      ['2025-01-01', '2026-06-30'],
      ['2025-03-15', '2025-03-15'],
    ] as const) {
      expect(gridPeriodKind({ from, to }, TODAY), `${from}..${to}`).toBeNull();
    }
  });

  it('lets administrators ask any period and says to the others which argument is off the grid and why', () => {
    expect(parsePublishedPeriod({ from: '2025-01-01', to: '2025-07-31' }, { exact: true, today: TODAY })).toEqual({ from: '2025-01-01', to: '2025-07-31' });
    expect(() => parsePublishedPeriod({ from: '2025-01-01', to: '2025-07-31' }, { exact: false, today: TODAY })).toThrow(
      /^period must be a calendar month, quarter or year .*statistical secrecy, ADR 0023\)\. Got 2025-01-01\.\.2025-07-31\.$/,
    );
    expect(() => parsePublishedPeriod({ from: '2025-02-30', to: '2025-03-31' }, { exact: true, today: TODAY })).toThrow('period.from must be a date');
  });

  it('publishes stocks on the last day of a month or today only', () => {
    expect(isGridDay('2025-02-28', TODAY)).toBe(true);
    expect(isGridDay('2024-02-28', TODAY)).toBe(false);
    expect(isGridDay('2025-12-31', TODAY)).toBe(true);
    expect(isGridDay(TODAY, TODAY)).toBe(true);
    expect(parsePublishedDay('2025-06-15', { exact: true, argument: 'date', today: TODAY })).toBe('2025-06-15');
    expect(() => parsePublishedDay('2025-06-15', { exact: false, argument: 'date', today: TODAY })).toThrow(/^date must be the last day of a month or today/);
  });

  it('publishes the aggregates outside the publication over a closed calendar year of the whole reach only', () => {
    const year = { from: '2025-01-01', to: '2025-12-31' };
    expect(publishedYearOfReach({ exact: false, period: year, scopeChosen: false, today: TODAY })).toBe(true);
    // The current year, cut at today or whole, is not closed: it would grow from one day to the next.
    expect(publishedYearOfReach({ exact: false, period: { from: '2026-01-01', to: TODAY }, scopeChosen: false, today: TODAY })).toBe(false);
    expect(publishedYearOfReach({ exact: false, period: { from: '2026-01-01', to: '2026-12-31' }, scopeChosen: false, today: TODAY })).toBe(false);
    // A year is closed once its December is (10 days after its end).
    expect(publishedYearOfReach({ exact: false, period: year, scopeChosen: false, today: '2026-01-10' })).toBe(false);
    expect(publishedYearOfReach({ exact: false, period: year, scopeChosen: false, today: '2026-01-11' })).toBe(true);
    // Those who see exact counts read the current year cut at today.
    expect(publishedYearOfReach({ exact: true, period: { from: '2026-01-01', to: TODAY }, scopeChosen: false, today: TODAY })).toBe(true);
    expect(publishedYearOfReach({ exact: false, period: { from: '2025-04-01', to: '2025-06-30' }, scopeChosen: false, today: TODAY })).toBe(false);
    expect(publishedYearOfReach({ exact: false, period: year, scopeChosen: true, today: TODAY })).toBe(false);
    expect(publishedYearOfReach({ exact: true, period: { from: '2025-04-03', to: '2025-04-09' }, scopeChosen: true, today: TODAY })).toBe(true);
  });

  it('tells a scope that chooses part of the reach from one that names the whole of it', () => {
    const operator = { territoryIds: [], operatorId: 'own' };
    const oneTerritory = { territoryIds: ['62-arras'] };
    const department = { territoryIds: [] };
    expect(narrowsReach(operator, { operatorId: 'own' })).toBe(false);
    expect(narrowsReach(operator, { operatorId: 'other' })).toBe(true);
    expect(narrowsReach(operator, null)).toBe(false);
    expect(narrowsReach(oneTerritory, { territoryId: '62-arras' })).toBe(false);
    expect(narrowsReach(oneTerritory, { territoryId: '62-lens' })).toBe(true);
    expect(narrowsReach(department, { territoryId: '62-arras' })).toBe(true);
    expect(narrowsReach(department, { programmeId: 'p' })).toBe(true);
    expect(narrowsReach(department, { territoryId: null, programmeId: null, operatorId: null })).toBe(false);
  });
});
