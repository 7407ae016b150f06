import { describe, expect, it } from 'vitest';
import { INDICATOR_PARTS, otherErrors, totals, unavailableIndicators } from './indicators';
import type { TerritoryOverviewTerritory } from './territoires.types';

function territory(overrides: Partial<TerritoryOverviewTerritory> = {}): TerritoryOverviewTerritory {
  return {
    id: 't',
    name: 'Territoire',
    kind: 'SLAI',
    communeCount: 10,
    partnerCount: 2,
    activeBeneficiaries: 100,
    placesContracted: 20,
    fundingCommitted: 1_000_000,
    ...overrides,
  };
}

describe('unavailableIndicators', () => {
  it('is empty when everything is there', () => {
    expect(unavailableIndicators([territory(), territory({ id: 'u' })], [])).toEqual([]);
  });

  it('names the indicators that errors point at, in column order', () => {
    const errors = [
      { message: 'funding down', path: ['territories', 1, 'fundingCommitted'] },
      { message: 'partners down', path: ['territories', 0, 'partnerCount'] },
    ];
    const missing = unavailableIndicators([territory({ partnerCount: null, fundingCommitted: null })], errors);
    expect(missing).toEqual(['partnerCount', 'fundingCommitted']);
    expect(missing.map((indicator) => INDICATOR_PARTS[indicator])).toEqual(['offre partenaire', 'financements']);
  });

  it('also counts null values that come without an error', () => {
    expect(unavailableIndicators([territory({ placesContracted: null })], [])).toEqual(['placesContracted']);
  });

  it('counts an error even when no territory is affected', () => {
    expect(unavailableIndicators([], [{ message: 'x', path: ['territories', 0, 'activeBeneficiaries'] }])).toEqual([
      'activeBeneficiaries',
    ]);
  });
});

describe('otherErrors', () => {
  it('keeps the errors that are not about an indicator', () => {
    const other = { message: 'no path' };
    const department = { message: 'department down', path: ['department'] };
    const indicator = { message: 'partners down', path: ['territories', 0, 'partnerCount'] };
    expect(otherErrors([other, department, indicator])).toEqual([other, department]);
  });
});

describe('totals', () => {
  it('sums every column', () => {
    const rows = [territory(), territory({ communeCount: 5, partnerCount: 3, fundingCommitted: 250 })];
    expect(totals(rows)).toEqual({
      communeCount: 15,
      partnerCount: 5,
      activeBeneficiaries: 200,
      placesContracted: 40,
      fundingCommitted: 1_000_250,
    });
  });

  it('has no total for a column with a missing value', () => {
    const result = totals([territory(), territory({ activeBeneficiaries: null })]);
    expect(result.activeBeneficiaries).toBeNull();
    expect(result.partnerCount).toBe(4);
  });

  it('is zero for no territory', () => {
    expect(totals([])).toEqual({
      communeCount: 0,
      partnerCount: 0,
      activeBeneficiaries: 0,
      placesContracted: 0,
      fundingCommitted: 0,
    });
  });
});
