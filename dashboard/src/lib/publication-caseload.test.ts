import { describe, expect, it } from 'vitest';
import { CASELOAD_NOT_YET_PUBLISHED, CASELOAD_NOTHING_PUBLISHABLE, territoryCaseloadPublication, type Publication } from './publication.ts';

const publication = (overrides: Partial<Publication> = {}): Publication => ({
  asOf: '2026-12-06',
  throughMonth: '2026-10',
  gridName: 'Territoire par an',
  crossings: 1,
  finest: ['QUARTER', 'YEAR'],
  ...overrides,
});

describe('territoryCaseloadPublication', () => {
  it('reads each territory at the end of the latest closed period of the grid for one territory: 31 December of a closed year', () => {
    expect(territoryCaseloadPublication(publication())).toEqual({
      published: true,
      period: '2025',
      from: '2025-01-01',
      to: '2025-12-31',
      label: 'File active au 31 décembre 2025 (chiffres publiés)',
    });
  });

  it('takes the last closed quarter or month when the grid publishes a territory that finely', () => {
    expect(territoryCaseloadPublication(publication({ finest: ['MONTH', 'QUARTER'] }))).toMatchObject({ period: '2026-T3', from: '2026-07-01', to: '2026-09-30', label: 'File active au 30 septembre 2026 (chiffres publiés)' });
    expect(territoryCaseloadPublication(publication({ finest: ['MONTH', 'MONTH'] }))).toMatchObject({ period: '2026-10', from: '2026-10-01', to: '2026-10-31' });
    // December closed: that year.
    expect(territoryCaseloadPublication(publication({ throughMonth: '2026-12' }))).toMatchObject({ period: '2026', to: '2026-12-31' });
  });

  it('says in one sentence when nothing is published yet, nothing could be, or the grid publishes no territory', () => {
    expect(territoryCaseloadPublication(null)).toEqual({ published: false, sentence: CASELOAD_NOT_YET_PUBLISHED });
    expect(territoryCaseloadPublication(publication({ gridName: null, crossings: null, finest: [] }))).toEqual({ published: false, sentence: CASELOAD_NOTHING_PUBLISHABLE });
    expect(territoryCaseloadPublication(publication({ crossings: 0, finest: ['YEAR'] }))).toEqual({
      published: false,
      sentence: 'Les personnes accompagnées ne sont pas publiées par territoire : la grille du Département ne publie que le Département entier (secret statistique).',
    });
  });

  it('counts an operator’s own structure as one dimension fixed already', () => {
    const reach = { operatorId: 'p1', territoryIds: [] };
    expect(territoryCaseloadPublication(publication(), reach)).toEqual({
      published: false,
      sentence: 'Les personnes accompagnées ne sont pas publiées par territoire pour votre structure : la grille du Département ne croise pas plus d’un de territoire, programme et opérateur (secret statistique).',
    });
    expect(territoryCaseloadPublication(publication({ crossings: 2, finest: ['MONTH', 'QUARTER', 'YEAR'] }), reach)).toMatchObject({ period: '2025' });
    // A user limited to territories fixes the territory the column fixes anyway.
    expect(territoryCaseloadPublication(publication(), { operatorId: null, territoryIds: ['t1'] })).toMatchObject({ period: '2025' });
  });
});
