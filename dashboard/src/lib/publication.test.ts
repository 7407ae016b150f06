import { describe, expect, it } from 'vitest';
import { gridYears } from './periods.ts';
import {
  closedThrough,
  closedYear,
  CONTRACTS_BY_YEAR,
  contractsNotice,
  contractsPublished,
  defaultPublishedPeriod,
  DEPARTMENT_REACH,
  granularityOf,
  lastMonthOf,
  latestClosed,
  NOT_YET_PUBLISHED,
  operatorBeyondReach,
  PERIOD_NOT_CLOSED,
  publicationLimits,
  publishedPeriods,
  reachOf,
  SANCTIONS_BY_YEAR,
  sanctionsNotice,
  sanctionsPublished,
  scopeChosen,
  scopeRead,
  STATISTICS_BY_YEAR,
  STATISTICS_NOT_ON_GRID,
  statisticsNotice,
  statisticsPublished,
  yearOnGrid,
  type Publication,
} from './publication.ts';

const GRID: Publication = { asOf: '2026-12-05', throughMonth: '2026-10', gridName: 'Département par trimestre, un territoire, programme ou opérateur par an', crossings: 1, finest: ['QUARTER', 'YEAR'] };
const DEPARTMENT = { territoryId: null, programmeId: null, operatorId: null };

describe('what the publication grid lets a caller without exact counts see', () => {
  it('names the grid and its date, and says nothing of a scope and period it publishes', () => {
    const limits = publicationLimits(GRID, DEPARTMENT, '2025-T3', false);
    expect(limits).toEqual({
      notice:
        'Chiffres arrêtés à fin octobre 2026, publiés le 5 décembre 2026, selon la grille : Département par trimestre, un territoire, programme ou opérateur par an. Les chiffres plus fins sont « non publié à ce niveau » (secret statistique). Une période n’est publiée qu’une fois close, dix jours après la fin de son dernier mois, et ce qui est enregistré ensuite sur un mois clos ne l’est pas : ces chiffres peuvent donc différer de ceux d’un administrateur. Les effectifs publiés comptent des accompagnements : une personne accompagnée deux fois sur la période compte deux fois.',
      warnings: [],
      finest: 'QUARTER',
      nothingPublished: false,
      throughMonth: '2026-10',
      periodOpen: false,
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
    expect(publicationLimits({ asOf: '2026-12-05', throughMonth: '2026-10', gridName: null, crossings: null, finest: [] }, DEPARTMENT, '2025', false)).toEqual({
      notice: 'Aucun chiffre n’a pu être publié sans risque pour ce Département : les effectifs sont affichés « non publié à ce niveau ».',
      warnings: [],
      finest: null,
      nothingPublished: true,
      throughMonth: '2026-10',
      periodOpen: false,
    });
    expect(publicationLimits(GRID, DEPARTMENT, '2025-03', true)).toBeNull();
    expect(publicationLimits(null, DEPARTMENT, '2025-03', true)).toBeNull();
  });

  it('says that nothing is published yet before the job’s first run, whatever the scope and period, offering every period', () => {
    for (const [scope, period] of [
      [DEPARTMENT, '2025'],
      [{ territoryId: 't', programmeId: 'p', operatorId: 'o' }, '2025-03'],
    ] as const) {
      const limits = publicationLimits(null, scope, period, false, DEPARTMENT_REACH, '2026-12-06');
      // The periods offered: those closed today (the first publication will hold them).
      expect(limits).toEqual({ notice: NOT_YET_PUBLISHED, warnings: [], finest: null, nothingPublished: true, throughMonth: '2026-10', periodOpen: false });
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

  it('offers only the periods closed by the publication’s last month, keeping the one selected', () => {
    const [current, previous] = publishedPeriods(gridYears('2026-12-06', 2), 'QUARTER', null, '2026-10');
    // 2026: the first three quarters; not the year nor its fourth quarter (December, November are not closed).
    expect(current!.options.map((o) => o.value)).toEqual(['2026-T1', '2026-T2', '2026-T3']);
    expect(previous!.options.map((o) => o.value)).toEqual(['2025', '2025-T1', '2025-T2', '2025-T3', '2025-T4']);
    // By month: up to October.
    expect(publishedPeriods(gridYears('2026-12-06', 1), 'MONTH', null, '2026-10')[0]!.options.map((o) => o.value).at(-1)).toBe('2026-10');
    // A later period asked by its address stays shown.
    expect(publishedPeriods(gridYears('2026-12-06', 1), 'QUARTER', '2026', '2026-10')[0]!.options.map((o) => o.value)).toEqual(['2026', '2026-T1', '2026-T2', '2026-T3']);
    // A year with nothing closed offered is left out (on 2027-01-05 by year: neither 2027 nor 2026, whose December is not closed).
    const byYear = publishedPeriods(gridYears('2027-01-05', 3), 'YEAR', null, '2026-11');
    expect(byYear.map((y) => [y.year, y.options.map((o) => o.value)])).toEqual([[2025, ['2025']]]);
  });

  it('says a period not closed yet is not published, instead of counts « non publié à ce niveau »', () => {
    for (const period of ['2026', '2026-T4', '2026-11', '2026-12']) {
      const limits = publicationLimits(GRID, DEPARTMENT, period, false);
      expect(limits?.periodOpen, period).toBe(true);
      expect(limits?.warnings[0], period).toBe(PERIOD_NOT_CLOSED);
    }
    expect(PERIOD_NOT_CLOSED).toMatch(/^Cette période n’est pas encore close : ses chiffres seront publiés dix jours après la fin de son dernier mois \(secret statistique\)\./);
    for (const period of ['2026-T3', '2026-10', '2025']) expect(publicationLimits(GRID, DEPARTMENT, period, false)?.periodOpen, period).toBe(false);
    // With the others: said first.
    expect(publicationLimits(GRID, DEPARTMENT, '2026-11', false)?.warnings).toEqual([PERIOD_NOT_CLOSED, 'Pour ce périmètre, les chiffres sont publiés par trimestre ou par an : choisissez un trimestre ou une année.']);
    expect(publicationLimits(GRID, DEPARTMENT, null, false)?.periodOpen).toBe(false);
  });
});

describe('time: only closed periods are published', () => {
  it('closes a month ten days after its end, as the API does', () => {
    expect(closedThrough('2026-12-06')).toBe('2026-10');
    expect(closedThrough('2026-12-10')).toBe('2026-10');
    expect(closedThrough('2026-12-11')).toBe('2026-11');
    expect(closedThrough('2027-01-10')).toBe('2026-11');
    expect(closedThrough('2027-01-11')).toBe('2026-12');
    expect(closedThrough('2026-03-10')).toBe('2026-01');
    expect(closedThrough('2026-03-11', 0)).toBe('2026-02');
    expect(closedThrough('2026-03-01', 0)).toBe('2026-02');
  });

  it('names a period’s last month and the latest period closed by a month', () => {
    expect(['2026', '2026-T1', '2026-T4', '2026-07'].map(lastMonthOf)).toEqual(['2026-12', '2026-03', '2026-12', '2026-07']);
    expect(latestClosed('MONTH', '2026-10')).toBe('2026-10');
    expect(['2026-10', '2026-09', '2026-02', '2026-03'].map((m) => latestClosed('QUARTER', m))).toEqual(['2026-T3', '2026-T3', '2025-T4', '2026-T1']);
    expect(['2026-10', '2026-12', '2027-01'].map((m) => latestClosed('YEAR', m))).toEqual(['2025', '2026', '2026']);
  });

  it('defaults to the latest closed period of the grid’s finest level for the Département', () => {
    const grid = (finest: string[]): Publication => ({ ...GRID, finest });
    expect(defaultPublishedPeriod(grid(['MONTH', 'QUARTER']), '2026-12-06')).toBe('2026-10');
    expect(defaultPublishedPeriod(grid(['QUARTER', 'YEAR']), '2026-12-06')).toBe('2026-T3');
    expect(defaultPublishedPeriod(grid(['YEAR']), '2026-12-06')).toBe('2025');
    expect(defaultPublishedPeriod({ ...grid(['QUARTER']), throughMonth: '2026-12' }, '2027-01-12')).toBe('2026-T4');
    // Before the first run, or nothing published: the last closed year (the CER, sanctions and statistics are published for it).
    expect(defaultPublishedPeriod(null, '2026-12-06')).toBe('2025');
    expect(defaultPublishedPeriod(undefined, '2027-01-11')).toBe('2026');
    expect(defaultPublishedPeriod({ ...GRID, gridName: null, crossings: null, finest: [] }, '2026-12-06')).toBe('2025');
  });
});

describe('contracts (CER) and sanctions: published by calendar year, for the whole reach', () => {
  const territory = { ...DEPARTMENT, territoryId: 't1' };
  const operator = { ...DEPARTMENT, operatorId: 'o1' };
  const programme = { ...DEPARTMENT, programmeId: 'p' };

  it('publishes CER to a caller without exact counts for a year of the whole Département only; a programme does not apply to them', () => {
    expect(contractsPublished('2025', DEPARTMENT, false)).toBe(true);
    expect(contractsPublished('2025', programme, false)).toBe(true);
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

  it('publishes them to callers without exact counts for a closed year only (its December closed ten days after its end), as the API does', () => {
    expect(closedYear('2025', '2026-12-06')).toBe(true);
    expect(closedYear('2026', '2026-12-06')).toBe(false);
    expect(closedYear('2026', '2027-01-10')).toBe(false);
    expect(closedYear('2026', '2027-01-11')).toBe(true);
    expect(closedYear('2025-T4', '2026-12-06')).toBe(false);
    expect(contractsPublished('2026', DEPARTMENT, false, DEPARTMENT_REACH, '2026-12-06')).toBe(false);
    expect(contractsPublished('2026', DEPARTMENT, false, DEPARTMENT_REACH, '2027-01-11')).toBe(true);
    expect(sanctionsPublished('2026', DEPARTMENT, false, DEPARTMENT_REACH, '2027-01-10')).toBe(false);
    expect(sanctionsPublished('2026', DEPARTMENT, false, DEPARTMENT_REACH, '2027-01-11')).toBe(true);
    expect(statisticsPublished('2026', DEPARTMENT, false, DEPARTMENT_REACH, undefined, '2026-12-06')).toBe(false);
    // Administrators: any period, live figures.
    expect(contractsPublished('2026', DEPARTMENT, true, DEPARTMENT_REACH, '2026-12-06')).toBe(true);
    expect(statisticsPublished('2026', DEPARTMENT, true, DEPARTMENT_REACH, undefined, '2026-12-06')).toBe(true);
    // The publication must hold the year's December: its last month published, not the day it ran.
    expect(yearOnGrid(GRID, DEPARTMENT, DEPARTMENT_REACH, '2026-12-31')).toBe(false);
    expect(yearOnGrid({ ...GRID, asOf: '2027-01-05', throughMonth: '2026-11' }, DEPARTMENT, DEPARTMENT_REACH, '2026-12-31')).toBe(false);
    expect(yearOnGrid({ ...GRID, asOf: '2027-01-11', throughMonth: '2026-12' }, DEPARTMENT, DEPARTMENT_REACH, '2026-12-31')).toBe(true);
    expect(statisticsPublished('2026', DEPARTMENT, false, DEPARTMENT_REACH, { publication: { ...GRID, throughMonth: '2026-11' }, to: '2026-12-31' }, '2027-01-11')).toBe(false);

    // A year not closed: the sentence says when, not « choisissez une année ».
    const open = 'de 2026 ne sont pas encore publiés : une année civile l’est une fois close, dix jours après la fin de décembre (secret statistique). Choisissez une année terminée pour les voir.';
    expect(contractsNotice('2026', '2026-12-06')).toBe(`Les chiffres des contrats (CER) ${open}`);
    expect(sanctionsNotice('2026', '2026-12-06')).toBe(`Les chiffres des sanctions ${open}`);
    expect(statisticsNotice('2026', DEPARTMENT, false, DEPARTMENT_REACH, GRID, '2026-12-06', '2026-12-06')).toBe(
      `Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ${open}`,
    );
    expect(contractsNotice('2026-T3', '2026-12-06')).toBe(CONTRACTS_BY_YEAR);
    expect(sanctionsNotice('2025', '2026-12-06')).toBe(SANCTIONS_BY_YEAR);
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
