import { describe, expect, it } from 'vitest';
import { gridYears } from './periods.ts';
import { CONTRACTS_BY_YEAR, contractsPublished, DEPARTMENT_REACH, granularityOf, NOT_YET_PUBLISHED, operatorBeyondReach, publicationLimits, publishedPeriods, reachOf, sanctionsPublished, scopeChosen, scopeRead, STATISTICS_BY_YEAR, STATISTICS_NOT_ON_GRID, statisticsNotice, statisticsPublished, yearOnGrid, type Publication } from './publication.ts';

const GRID: Publication = { asOf: '2026-12-05', gridName: 'Département par trimestre, un territoire, programme ou opérateur par an', crossings: 1, finest: ['QUARTER', 'YEAR'] };
const DEPARTMENT = { territoryId: null, programmeId: null, operatorId: null };

describe('what the publication grid lets a caller without exact counts see', () => {
  it('names the grid and its date, and says nothing of a scope and period it publishes', () => {
    const limits = publicationLimits(GRID, DEPARTMENT, '2025-T3', false);
    expect(limits).toEqual({
      notice:
        'Chiffres publiés au 5 décembre 2026 selon la grille : Département par trimestre, un territoire, programme ou opérateur par an. Les chiffres plus fins sont « non publié à ce niveau » (secret statistique). Les effectifs publiés comptent des accompagnements : une personne accompagnée deux fois sur la période compte deux fois.',
      warnings: [],
      finest: 'QUARTER',
      nothingPublished: false,
    });
    expect(publicationLimits(GRID, { ...DEPARTMENT, territoryId: 't' }, '2025', false)?.warnings).toEqual([]);
  });

  it('says when the crossing or the period is finer than the grid', () => {
    expect(publicationLimits(GRID, DEPARTMENT, '2025-03', false)?.warnings).toEqual(['Pour ce périmètre, les chiffres sont publiés par trimestre ou par an : choisissez un trimestre ou une année.']);
    const crossed = publicationLimits(GRID, { territoryId: 't', programmeId: null, operatorId: 'o' }, '2025-T1', false);
    expect(crossed?.warnings).toEqual([
      'Ce croisement n’est pas publié : choisissez au plus un filtre parmi territoire, programme et opérateur.',
      'Pour ce périmètre, les chiffres sont publiés par an : choisissez une année.',
    ]);
    expect(crossed?.finest).toBe('YEAR');
    const departmentOnly: Publication = { ...GRID, gridName: 'Département par an', crossings: 0, finest: ['YEAR'] };
    expect(publicationLimits(departmentOnly, { ...DEPARTMENT, programmeId: 'p' }, '2025', false)?.warnings).toEqual([
      'Ce périmètre n’est pas publié : seuls les chiffres du Département entier le sont (tous les territoires, programmes et opérateurs).',
    ]);
  });

  it('says the warnings of the scope the caller reads (its reach and the filters), the same with and without the filter of its reach', () => {
    const operator = { operatorId: 'o1', territoryIds: [] };
    const territories = { operatorId: null, territoryIds: ['t1', 't2'] };
    const departmentOnly: Publication = { ...GRID, gridName: 'Département par trimestre', crossings: 0, finest: ['QUARTER'] };
    const operatorOff =
      'Ce périmètre n’est pas publié : vos chiffres sont ceux de votre structure, et la grille du Département ne publie que le Département entier (secret statistique). Les chiffres du Département entier sont publiés au comité de pilotage ; les effectifs exacts de vos conventions sont sur la page Conventions & financements.';
    // An operator reads its own structure: not on a grid of the Département only, with or without its filter, and no filter helps.
    for (const scope of [DEPARTMENT, { ...DEPARTMENT, operatorId: 'o1' }, { ...DEPARTMENT, territoryId: 't1' }]) {
      expect(publicationLimits(departmentOnly, scope, '2025-T3', false, operator)?.warnings, JSON.stringify(scope)).toEqual([operatorOff]);
    }
    // Users limited to territories: one, or several (their union), on the Département only.
    expect(publicationLimits(departmentOnly, DEPARTMENT, '2025', false, territories)?.warnings).toEqual([
      'Ce périmètre n’est pas publié : vos chiffres sont ceux de vos territoires, et la grille du Département ne publie que le Département entier (secret statistique). Les chiffres du Département entier sont publiés au comité de pilotage.',
    ]);
    expect(publicationLimits(departmentOnly, { ...DEPARTMENT, territoryId: 't1' }, '2025', false, territories)?.warnings).toEqual(
      publicationLimits(departmentOnly, DEPARTMENT, '2025', false, territories)?.warnings,
    );
    expect(publicationLimits(departmentOnly, DEPARTMENT, '2025', false, { operatorId: null, territoryIds: ['t1'] })?.warnings).toEqual([
      'Ce périmètre n’est pas publié : vos chiffres sont ceux de votre territoire, et la grille du Département ne publie que le Département entier (secret statistique). Les chiffres du Département entier sont publiés au comité de pilotage.',
    ]);

    // A grid of one dimension: an operator's structure is on it, by year; another dimension is a crossing, with or without its own filter.
    expect(publicationLimits(GRID, DEPARTMENT, '2025', false, operator)).toMatchObject({ warnings: [], finest: 'YEAR' });
    expect(publicationLimits(GRID, DEPARTMENT, '2025-T3', false, operator)?.warnings).toEqual(['Pour ce périmètre, les chiffres sont publiés par an : choisissez une année.']);
    for (const scope of [{ ...DEPARTMENT, territoryId: 't1' }, { ...DEPARTMENT, territoryId: 't1', operatorId: 'o1' }]) {
      expect(publicationLimits(GRID, scope, '2025', false, operator)?.warnings, JSON.stringify(scope)).toEqual([
        'Ce croisement n’est pas publié : la grille publie votre structure sans autre filtre ; ne choisissez ni territoire ni programme.',
      ]);
    }
    // Several territories together are no scope of the grid: one of them is.
    expect(publicationLimits(GRID, DEPARTMENT, '2025', false, territories)?.warnings).toEqual([
      'Vos territoires ensemble ne sont pas publiés : la grille du Département publie un territoire à la fois (secret statistique). Choisissez l’un d’eux dans le filtre Territoire.',
    ]);
    expect(publicationLimits(GRID, { ...DEPARTMENT, territoryId: 't2' }, '2025', false, territories)).toMatchObject({ warnings: [], finest: 'YEAR' });
    expect(publicationLimits(GRID, { ...DEPARTMENT, territoryId: 't2', programmeId: 'p' }, '2025', false, territories)?.warnings).toEqual([
      'Ce croisement n’est pas publié : la grille publie chacun de vos territoires sans autre filtre ; ne choisissez ni programme ni opérateur.',
    ]);
    // The whole Département's reach: the filters alone, as before.
    expect(publicationLimits(GRID, { ...DEPARTMENT, operatorId: 'o1' }, '2025', false, DEPARTMENT_REACH)).toMatchObject({ warnings: [], finest: 'YEAR' });
  });

  it('reads the filters narrowed to the reach, as the API does', () => {
    expect(scopeRead(DEPARTMENT, DEPARTMENT_REACH)).toEqual(DEPARTMENT);
    expect(scopeRead(DEPARTMENT, { operatorId: 'o1', territoryIds: ['t1'] })).toEqual({ territoryId: 't1', programmeId: null, operatorId: 'o1' });
    expect(scopeRead(DEPARTMENT, { operatorId: null, territoryIds: ['t1', 't2'] })).toBeNull();
    expect(scopeRead({ ...DEPARTMENT, territoryId: 't2' }, { operatorId: null, territoryIds: ['t1', 't2'] })).toEqual({ ...DEPARTMENT, territoryId: 't2' });
  });

  it('says when nothing could be published, and nothing to administrators', () => {
    expect(publicationLimits({ asOf: '2026-12-05', gridName: null, crossings: null, finest: [] }, DEPARTMENT, '2025', false)).toEqual({
      notice: 'Aucun chiffre n’a pu être publié sans risque pour ce Département : les effectifs sont affichés « non publié à ce niveau ».',
      warnings: [],
      finest: null,
      nothingPublished: true,
    });
    expect(publicationLimits(GRID, DEPARTMENT, '2025-03', true)).toBeNull();
    expect(publicationLimits(null, DEPARTMENT, '2025-03', true)).toBeNull();
  });

  it('says that nothing is published yet before the job’s first run, whatever the scope and period, offering every period', () => {
    for (const [scope, period] of [
      [DEPARTMENT, '2025'],
      [{ territoryId: 't', programmeId: 'p', operatorId: 'o' }, '2025-03'],
    ] as const) {
      const limits = publicationLimits(null, scope, period, false);
      expect(limits).toEqual({ notice: NOT_YET_PUBLISHED, warnings: [], finest: null, nothingPublished: true });
    }
    expect(NOT_YET_PUBLISHED).toMatch(/^Les chiffres de ce Département ne sont pas encore publiés\. /);
    expect(NOT_YET_PUBLISHED).toContain('chaque nuit et au démarrage');
    expect(NOT_YET_PUBLISHED).toContain('les administrateurs du Département voient, eux, les chiffres exacts');
  });

  it('offers the periods no finer than the grid, keeping the one selected', () => {
    expect(['2025', '2025-T4', '2025-11'].map(granularityOf)).toEqual(['YEAR', 'QUARTER', 'MONTH']);
    const [year] = publishedPeriods(gridYears('2025-12-31', 1), 'QUARTER', '2025-06');
    expect(year!.options.map((o) => o.value)).toEqual(['2025', '2025-T1', '2025-T2', '2025-T3', '2025-T4', '2025-06']);
    expect(publishedPeriods(gridYears('2025-12-31', 1), 'YEAR', '2025')[0]!.options.map((o) => o.value)).toEqual(['2025']);
    expect(publishedPeriods(gridYears('2025-12-31', 1), null, '2025')[0]!.options).toHaveLength(17);
  });
});

describe('contracts (CER) and sanctions: published by calendar year, for the whole reach', () => {
  const territory = { ...DEPARTMENT, territoryId: 't1' };
  const operator = { ...DEPARTMENT, operatorId: 'o1' };
  const programme = { ...DEPARTMENT, programmeId: 'p' };

  it('publishes CER to a caller without exact counts for a year of the whole Département only; a programme does not apply to them', () => {
    expect(contractsPublished('2025', DEPARTMENT, false)).toBe(true);
    expect(contractsPublished('2026', programme, false)).toBe(true);
    for (const period of ['2025-T3', '2025-03', null]) expect(contractsPublished(period, DEPARTMENT, false), String(period)).toBe(false);
    expect(contractsPublished('2025', territory, false)).toBe(false);
    expect(contractsPublished('2025', operator, false)).toBe(false);
  });

  it('publishes sanctions for a year with no filter at all, a programme included', () => {
    expect(sanctionsPublished('2025', DEPARTMENT, false)).toBe(true);
    for (const scope of [territory, operator, programme]) expect(sanctionsPublished('2025', scope, false)).toBe(false);
    expect(sanctionsPublished('2025-T3', DEPARTMENT, false)).toBe(false);
    // A user limited to one territory naming it reads its whole reach, as the API decides (`narrowsReach`).
    expect(sanctionsPublished('2025', territory, false, { operatorId: null, territoryIds: [territory.territoryId!] })).toBe(true);
    expect(sanctionsPublished('2025', territory, false, { operatorId: null, territoryIds: ['another'] })).toBe(false);
  });

  it('publishes delays, difficulties, partners’ replies, appointments and legal delays for a year with no filter at all', () => {
    expect(statisticsPublished('2025', DEPARTMENT, false)).toBe(true);
    for (const scope of [territory, operator, programme]) expect(statisticsPublished('2025', scope, false)).toBe(false);
    for (const period of ['2025-T3', '2025-03', null]) expect(statisticsPublished(period, DEPARTMENT, false), String(period)).toBe(false);
    expect(statisticsPublished('2025-03', { territoryId: 't1', programmeId: 'p', operatorId: 'o1' }, true)).toBe(true);
  });

  it('counts an operator’s own structure as its whole reach (the API’s scopeChosen), another one’s as a filter', () => {
    const reach = reachOf({ role: 'OPERATOR', partnerId: 'o1', territoryIds: [] });
    expect(reach).toEqual({ operatorId: 'o1', territoryIds: [] });
    expect(reachOf({ role: 'STEERING', partnerId: null, territoryIds: [] })).toEqual(DEPARTMENT_REACH);
    expect(scopeChosen(operator, reach)).toBe(false);
    expect(scopeChosen(DEPARTMENT, reach)).toBe(false);
    expect(scopeChosen({ ...DEPARTMENT, operatorId: 'o2' }, reach)).toBe(true);
    expect(scopeChosen({ ...operator, programmeId: 'p' }, reach)).toBe(true);
    expect(scopeChosen(operator, DEPARTMENT_REACH)).toBe(true);
    // A user limited to one territory: that territory is its whole reach.
    expect(scopeChosen(territory, { operatorId: null, territoryIds: ['t1'] })).toBe(false);
    expect(scopeChosen(territory, { operatorId: null, territoryIds: ['t1', 't2'] })).toBe(true);
    expect(statisticsPublished('2025', operator, false, reach)).toBe(true);
    expect(statisticsPublished('2025-T3', operator, false, reach)).toBe(false);
    // The contracts are asked without the own structure (the same rows): published.
    expect(operatorBeyondReach('o1', reach)).toBeNull();
    expect(operatorBeyondReach('o2', reach)).toBe('o2');
    expect(contractsPublished('2025', operator, false, reach)).toBe(true);
    expect(contractsPublished('2025', { ...DEPARTMENT, operatorId: 'o2' }, false, reach)).toBe(false);
  });

  it('publishes the statistics of a year of the reach only where the publication holds that reach (the API’s covers)', () => {
    const reach = reachOf({ role: 'OPERATOR', partnerId: 'o1', territoryIds: [] });
    const departmentOnly: Publication = { ...GRID, gridName: 'Département par trimestre', crossings: 0, finest: ['QUARTER'] };
    expect(yearOnGrid(GRID, DEPARTMENT, reach, '2025-12-31')).toBe(true);
    expect(yearOnGrid(departmentOnly, DEPARTMENT, reach, '2025-12-31')).toBe(false);
    expect(yearOnGrid(departmentOnly, DEPARTMENT, DEPARTMENT_REACH, '2025-12-31')).toBe(true);
    // A user limited to several territories reads their union, which no grid holds.
    expect(yearOnGrid(GRID, DEPARTMENT, { operatorId: null, territoryIds: ['t1', 't2'] }, '2025-12-31')).toBe(false);
    // Not read, or not computed yet: the API decides (the page says « pas encore publiés » first).
    expect(yearOnGrid(undefined, DEPARTMENT, reach, '2025-12-31')).toBe(true);
    expect(yearOnGrid(null, DEPARTMENT, reach, '2025-12-31')).toBe(true);
    expect(statisticsPublished('2025', operator, false, reach, { publication: departmentOnly, to: '2025-12-31' })).toBe(false);
    expect(statisticsNotice('2025', operator, false, reach, departmentOnly, '2025-12-31')).toBe(STATISTICS_NOT_ON_GRID);
    expect(statisticsNotice('2025', operator, false, reach, GRID, '2025-12-31')).toBeNull();
    expect(statisticsNotice('2025-T3', operator, false, reach, GRID, '2025-09-30')).toBe(STATISTICS_BY_YEAR);
    expect(statisticsNotice('2025-T3', operator, true, reach, departmentOnly, '2025-09-30')).toBeNull();
  });

  it('says so in one sentence of the same pattern as the CER’s', () => {
    expect(STATISTICS_BY_YEAR).toBe(
      'Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans filtre, pour les voir.',
    );
    expect(CONTRACTS_BY_YEAR).toBe(
      'Les chiffres des contrats (CER) ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans territoire ni opérateur, pour les voir.',
    );
  });

  it('publishes everything to an administrator, free dates included', () => {
    expect(contractsPublished(null, territory, true)).toBe(true);
    expect(sanctionsPublished('2025-03', { territoryId: 't1', programmeId: 'p', operatorId: 'o1' }, true)).toBe(true);
  });
});
