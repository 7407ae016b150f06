import { describe, expect, it, vi } from 'vitest';
import type { PilotageComparisonPlacesQuery, PilotageComparisonQuery, PilotageContractsQuery, PilotageDelaysQuery, PilotageFundingQuery, PilotageIndicatorsQuery } from '../graphql/operations.ts';
import { loadPilotage, parseFilters, pilotageView, type PilotageData } from './pilotage';
import type { Publication } from '../publication.ts';

// The view is built from panels already loaded: nothing here talks to the gateway.
vi.mock('./env', () => ({ serverEnv: { gatewayUrl: 'http://gateway.test/graphql', persistedOperations: false } }));

/** What the gateway gives with a user of this role (`/auth/me`, from the access catalogue): here, whether it reads the money of conventions and exact counts. */
const viewer = (role: 'ADMIN' | 'STEERING' | 'OPERATOR'): { actions: string[] } => ({
  actions: role === 'OPERATOR' ? [] : role === 'ADMIN' ? ['funding:readConventions', 'counts:readExact'] : ['funding:readConventions'],
});

const n = (value: number) => ({ value, suppressed: false, rule: null });
const HIDDEN = { value: null, suppressed: true, rule: 'PRIMARY' as const };
const ok = <T>(data: T) => ({ ok: true as const, data, partial: false });
const down = (part: string) => ({ ok: false as const, message: `Les données « ${part} » sont momentanément indisponibles.` });

const indicators: PilotageIndicatorsQuery['indicators'] = {
  peopleWelcomed: n(40),
  peopleAccompanied: n(50),
  activeCaseload: n(45),
  exitsTotal: n(15),
  stabilisations: n(12),
  pathEvolutions: HIDDEN,
  durationDays: { mean: 120.5, median: 100, counted: n(15) },
  exitsByReason: [
    { reason: 'STABILISATION', count: n(12) },
    { reason: 'EVOLUTION', count: HIDDEN },
    { reason: 'MOVED', count: HIDDEN },
  ],
  psychologicalDifficulties: [{ difficulty: 'ANXIETY', count: n(20) }],
  delayToFirstInterview: { meanDays: 20, medianDays: 18, shareUnder30Days: 0.8, counted: n(40) },
  appointmentAdherence: { honoured: n(30), closed: n(40), leftOpen: n(0), rate: 0.75 },
  referralDecision: { sent: n(20), answered: n(15), expired: n(3), medianDays: 6.5, p90Days: 12 },
  monthly: [{ month: '2025-03', peopleWelcomed: n(40), activeCaseload: n(45), exits: n(15) }],
};
const contracts: PilotageContractsQuery['contractIndicators'] = {
  cerSigned: n(20),
  cerActive: n(18),
  cerRenewed: n(0),
  objectivesDone: n(12),
  objectivesDonePercent: 40,
  byTerritory: [{ territoryId: 't1', cerSigned: n(20) }],
};
const conventions: PilotageFundingQuery['conventionIndicators'] = {
  conventionCount: 1,
  placesContracted: 90,
  placesInForceAtEnd: 90,
  occupancyAtEnd: { date: '2025-12-31', places: 90, caseload: n(45), rate: 0.5 },
  funding: {
    committedCents: 10_000_000,
    paidCents: 5_000_000,
    balanceDueCents: 5_000_000,
    toRecoverCents: 0,
    perPlaceContractedCents: 111_111,
    overdueFinalReportCount: 0,
    cofundingSplit: [{ funder: 'FSE_REACT_EU', amountCents: 10_000_000, shareBasisPoints: 10_000 }],
  },
};
const placesByTerritory: PilotageComparisonPlacesQuery['conventionIndicators']['territories'] = [
  { territoryId: 't1', occupancyAtEnd: { date: '2025-12-31', places: 90, caseload: n(45), rate: 0.5 }, funding: { committedCents: 10_000_000 } },
];
const comparison: PilotageComparisonQuery['indicatorsByTerritory'] = [
  { territoryId: 't1', territory: { name: 'Arrageois' }, peopleWelcomed: n(40), peopleAccompanied: n(50), activeCaseload: n(45), exitsTotal: n(15), stabilisations: n(12), pathEvolutions: HIDDEN },
  { territoryId: 't2', territory: null, peopleWelcomed: HIDDEN, peopleAccompanied: HIDDEN, activeCaseload: HIDDEN, exitsTotal: n(0), stabilisations: n(0), pathEvolutions: n(0) },
];

const delayChain: PilotageDelaysQuery['indicators']['delayChain'] = {
  definitionVersion: '2025-01',
  definitionLabel: 'Loi pour le plein emploi (n° 2023-1196), décret n° 2024-1244 du 30 décembre 2024',
  steps: [
    { step: 'ORIENTATION_DECIDED', counted: n(30), medianDays: 28.5, p90Days: 44.1, shareWithinTarget: 0.8667, targetDays: 42, targetMonths: null },
    { step: 'ORIENTATION_NOTIFIED', counted: HIDDEN, medianDays: null, p90Days: null, shareWithinTarget: null, targetDays: null, targetMonths: null },
    { step: 'CONTRACT_SIGNED', counted: n(20), medianDays: 21, p90Days: 40.2, shareWithinTarget: 0.65, targetDays: null, targetMonths: 1 },
  ],
};

function data(overrides: Partial<PilotageData> = {}): PilotageData {
  return {
    filters: parseFilters(new URL('http://x/pilotage?du=2025-01-01&au=2025-12-31'), { actions: [] }),
    programmes: ok({ programmes: [{ id: 'p', name: 'Référent spécifique santé' }] }),
    filterLists: ok({
      territories: [{ id: 't1', name: 'Arrageois' }],
      partners: { nodes: [{ id: 'o1', name: 'Croix-Rouge', conventions: [{ id: 'c' }] }, { id: 'o2', name: 'MDPH', conventions: [] }] },
    }),
    indicators: ok({ indicators }),
    comparison: ok({ indicatorsByTerritory: comparison }),
    comparisonContracts: ok({ contractIndicators: { byTerritory: contracts.byTerritory } }),
    comparisonPlaces: ok({ conventionIndicators: { territories: placesByTerritory } }),
    contracts: ok({ contractIndicators: contracts }),
    funding: ok({ conventionIndicators: conventions }),
    delays: ok({ indicators: { delayChain } }),
    ...overrides,
  };
}

const tableOf = (view: ReturnType<typeof pilotageView>, id: string) => view.tables.find((t) => t.id === id)!;
const figure = (view: ReturnType<typeof pilotageView>, label: string) => [...(view.accompaniments.ok ? view.accompaniments.figures : []), ...(view.funding.ok ? view.funding.figures : [])].find((f) => f.label === label);

describe('pilotageView', () => {
  it('labels enumerations in French and keeps « < 11 » in tables', () => {
    const view = pilotageView(data(), viewer('STEERING'));
    expect(tableOf(view, 'sorties').rows).toEqual([
      ['Stabilisation du parcours de vie', 12],
      ['Évolution de parcours', '< 11'],
      ['Déménagement', '< 11'],
    ]);
    expect(tableOf(view, 'difficultes').rows).toEqual([['Troubles anxieux', 20]]);
    expect(tableOf(view, 'mensuel').rows).toEqual([['mars 2025', 40, 45, 15]]);
    expect(tableOf(view, 'cofinancement').rows).toEqual([['FSE / REACT-EU', 100_000, 100]]);
    expect(view.suppressed).toBe(true);
    // Only the partners holding a convention are operators.
    expect(view.options.operators).toEqual([{ id: 'o1', name: 'Croix-Rouge' }]);
  });

  it('offers the filters of the viewer’s reach, and says what « all » means for it', () => {
    const lists = ok({
      territories: [{ id: 't1', name: 'Arrageois' }, { id: 't2', name: 'Audomarois' }, { id: 't3', name: 'Boulonnais' }],
      partners: { nodes: [{ id: 'o1', name: 'Croix-Rouge', conventions: [{ id: 'c' }] }, { id: 'o2', name: 'CCAS d’Arras', conventions: [{ id: 'd' }] }] },
    });
    const whole = pilotageView(data({ filterLists: lists }), viewer('STEERING')).options;
    expect(whole).toMatchObject({ everyTerritory: 'Tout le Département', everyOperator: 'Tous les opérateurs' });
    expect([whole.territories.length, whole.operators.length]).toEqual([3, 2]);
    // An operator reads its own structure only: « all » is it, and no other operator is offered (it would read nothing).
    const operator = pilotageView(data({ filterLists: lists }), { ...viewer('OPERATOR'), role: 'OPERATOR', partnerId: 'o2' }).options;
    expect(operator).toMatchObject({ everyOperator: 'Votre structure (CCAS d’Arras)', operators: [], everyTerritory: 'Tout le Département' });
    // A referent limited to one territory: that territory is « all »; to several: those only.
    const one = pilotageView(data({ filterLists: lists }), { ...viewer('STEERING'), territoryIds: ['t2'] }).options;
    expect(one).toMatchObject({ everyTerritory: 'Votre territoire (Audomarois)', territories: [] });
    const two = pilotageView(data({ filterLists: lists }), { ...viewer('STEERING'), territoryIds: ['t1', 't3'] }).options;
    expect(two).toMatchObject({ everyTerritory: 'Vos territoires (Arrageois, Boulonnais)', territories: [{ id: 't1', name: 'Arrageois' }, { id: 't3', name: 'Boulonnais' }] });
  });

  it('computes occupancy and unit costs from published figures only', () => {
    const view = pilotageView(data(), viewer('ADMIN'));
    expect(figure(view, 'Taux d’occupation des places')).toMatchObject({ value: 50, shown: '50\u00a0%' });
    expect(figure(view, 'Coût par personne accompagnée')).toMatchObject({ value: 2000, shown: '2\u202f000\u00a0€' });
    expect(figure(view, 'Coût par place conventionnée')).toMatchObject({ value: 1111.11 });
    const row = tableOf(view, 'territoires').rows;
    expect(row[0]).toEqual(['Arrageois', 40, 50, 45, 90, 45, 50, 15, 12, '< 11', 20, 100_000]);
    // A territory with no convention has no places and no money: no rate.
    expect(row[1]).toEqual(['t2', '< 11', '< 11', '< 11', 0, null, null, 0, 0, 0, 0, 0]);

    // A hidden count: neither the occupancy nor the cost per person would keep it hidden.
    const hidden = pilotageView(
      data({
        indicators: ok({ indicators: { ...indicators, activeCaseload: HIDDEN, peopleAccompanied: HIDDEN } }),
        funding: ok({ conventionIndicators: { ...conventions, occupancyAtEnd: { ...conventions.occupancyAtEnd, caseload: HIDDEN, rate: null } } }),
      }),
      viewer('STEERING'),
    );
    expect(figure(hidden, 'Taux d’occupation des places')).toMatchObject({ value: '< 11', shown: '< 11' });
    expect(figure(hidden, 'Coût par personne accompagnée')).toMatchObject({ value: null, shown: '—' });
  });

  describe('CER (contracts): by calendar year, for the whole Département, to callers without exact counts', () => {
    const filtered = (query: string, actions: string[] = []): PilotageData => data({ filters: parseFilters(new URL(`http://x/pilotage?${query}`), { actions }, '2026-12-06') });
    const cerLabels = (view: ReturnType<typeof pilotageView>): string[] => (view.accompaniments.ok ? view.accompaniments.figures.map((f) => f.label).filter((l) => l.includes('CER')) : []);

    it('shows a steering user the year’s CER without the CER in force at the end (never published to them), and no CER per territory', () => {
      const view = pilotageView(data(), viewer('STEERING'));
      expect(view.contractsNotice).toBeNull();
      expect(cerLabels(view)).toEqual(['CER signés', 'CER renouvelés', 'Objectifs des CER atteints']);
      expect(figure(view, 'CER signés')).toEqual({ label: 'CER signés', value: 20, shown: '20', suppressed: false });
      const territories = tableOf(view, 'territoires');
      expect(territories.rows.map((r) => r[10])).toEqual(['non publié par territoire', 'non publié par territoire']);
      expect(territories.note).toContain('Les CER ne sont pas publiés par territoire');
      expect(view.comparison).toEqual({ ok: true, notices: [] });
      // Even when contracts' answer for the territories is missing: it is not « indisponible », it is not published.
      expect(pilotageView(data({ comparisonContracts: down('CER par territoire') }), viewer('STEERING')).comparison).toEqual({ ok: true, notices: [] });
    });

    it('says once why there are no CER cards for a month, a quarter, a territory or an operator, and keeps them for an administrator', () => {
      for (const query of ['periode=2025-T3', 'periode=2025-03', 'periode=2025&territoire=t1', 'periode=2025&operateur=o1']) {
        const view = pilotageView(filtered(query), viewer('STEERING'));
        expect(view.contractsNotice, query).toBe(
          'Les chiffres des contrats (CER) ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans territoire ni opérateur, pour les voir.',
        );
        expect(cerLabels(view), query).toEqual([]);
        expect(tableOf(view, 'indicateurs').note, query).toMatch(/^Les chiffres des contrats \(CER\) ne sont publiés que par année civile/);
        // The rest of the section stays.
        expect(figure(view, 'Personnes accueillies'), query).toBeDefined();
      }
      // A programme does not apply to CER: a year of the Département with a programme keeps them.
      const programme = pilotageView(filtered('periode=2025&programme=p'), viewer('STEERING'));
      expect(programme.contractsNotice).toBeNull();
      expect(cerLabels(programme)).toHaveLength(3);

      const admin = pilotageView(filtered('periode=2025-T3&territoire=t1', ['counts:readExact']), viewer('ADMIN'));
      expect(admin.contractsNotice).toBeNull();
      expect(figure(admin, 'CER signés')).toMatchObject({ shown: '20', detail: '18 en cours en fin de période' });
      expect(tableOf(admin, 'territoires').rows[0]![10]).toBe(20);
      expect(tableOf(admin, 'territoires').note).not.toContain('Les CER ne sont pas publiés par territoire');
    });

    it('says why the share of objectives done is hidden, rather than « — »', () => {
      const hidden = { ...contracts, objectivesDone: { value: null, suppressed: true, rule: 'SECONDARY' as const }, objectivesDonePercent: null };
      const view = pilotageView(data({ contracts: ok({ contractIndicators: hidden }) }), viewer('STEERING'));
      expect(figure(view, 'Objectifs des CER atteints')).toMatchObject({ shown: 'secret secondaire', value: 'secret secondaire', suppressed: true });
      // No objective at all: nothing hidden, « — ».
      const none = { ...contracts, objectivesDone: n(0), objectivesDonePercent: null };
      expect(figure(pilotageView(data({ contracts: ok({ contractIndicators: none }) }), viewer('STEERING')), 'Objectifs des CER atteints')).toMatchObject({ shown: '—', suppressed: false });
    });
  });

  describe('delays, difficulties, partners’ replies, appointments and legal delays: by calendar year, without filter, to callers without exact counts', () => {
    const filtered = (query: string, actions: string[] = []): PilotageData => data({ filters: parseFilters(new URL(`http://x/pilotage?${query}`), { actions }, '2026-12-06') });
    const SENTENCE =
      'Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans filtre, pour les voir.';
    const STATISTICS = ['Délai moyen avant le premier entretien', 'Premiers entretiens sous 30 jours', 'Rendez-vous honorés', 'Orientations vers les partenaires', 'Délai de réponse des partenaires'];
    const statisticTables = (view: ReturnType<typeof pilotageView>): string[] => view.tables.map((t) => t.id).filter((id) => id === 'difficultes' || id === 'delais');
    const statisticLabels = (view: ReturnType<typeof pilotageView>): string[] => (view.accompaniments.ok ? view.accompaniments.figures.map((f) => f.label).filter((l) => STATISTICS.includes(l)) : []);

    it('shows a steering user the year’s statistics of the whole Département', () => {
      const view = pilotageView(filtered('periode=2025'), viewer('STEERING'));
      expect(view.statisticsNotice).toBeNull();
      expect(statisticLabels(view)).toEqual(STATISTICS);
      expect(statisticTables(view)).toEqual(['difficultes', 'delais']);
      expect(tableOf(view, 'indicateurs').note).not.toContain('par année civile');
    });

    it('says once, instead of their cards, the difficulties and the legal delays, that a month, a quarter or any filter is not published', () => {
      for (const query of ['periode=2025-T3', 'periode=2025-03', 'periode=2025&territoire=t1', 'periode=2025&programme=p', 'periode=2025&operateur=o1']) {
        const view = pilotageView(filtered(query), viewer('STEERING'));
        expect(view.statisticsNotice, query).toBe(SENTENCE);
        expect(statisticLabels(view), query).toEqual([]);
        // No table of « non publié à ce niveau »: neither the difficulties nor the legal delays, in the page, the review or the exports.
        expect(statisticTables(view), query).toEqual([]);
        // Not asked (loadPilotage): no section « Délais légaux », nothing « indisponible ».
        expect(view.delays, query).toBeNull();
        // The review and the exports say it in the indicators' note, after the CER's when both are missing.
        expect(tableOf(view, 'indicateurs').note, query).toContain(SENTENCE);
        // The counts stay.
        expect(figure(view, 'Personnes accueillies'), query).toBeDefined();
        expect(figure(view, 'Sorties'), query).toBeDefined();
      }
      // A quarter misses both the CER and the statistics: each sentence once, in the note too.
      const quarter = pilotageView(filtered('periode=2025-T3'), viewer('STEERING'));
      expect(quarter.contractsNotice).not.toBeNull();
      expect(tableOf(quarter, 'indicateurs').note).toMatch(/^Les chiffres des contrats \(CER\)[^]* Les délais \(dont les délais légaux\)[^]* « < 11 » : /);
      // A programme keeps the CER of the year, not the statistics.
      const programme = pilotageView(filtered('periode=2025&programme=p'), viewer('STEERING'));
      expect(programme.contractsNotice).toBeNull();
      expect(tableOf(programme, 'indicateurs').note).toMatch(/^Les délais \(dont les délais légaux\)/);
    });

    it('shows an operator filtered on its own structure the statistics and CER of its year, as the API does (its whole reach)', () => {
      const operator = { ...viewer('OPERATOR'), role: 'OPERATOR' as const, partnerId: 'o1', territoryIds: [] };
      const own = pilotageView(filtered('periode=2025&operateur=o1'), operator);
      expect(own.statisticsNotice).toBeNull();
      expect(own.contractsNotice).toBeNull();
      expect(statisticLabels(own)).toEqual(STATISTICS);
      expect(statisticTables(own)).toEqual(['difficultes', 'delais']);
      expect(figure(own, 'CER signés')).toBeDefined();
      // Another structure, or a quarter: not its whole year.
      for (const query of ['periode=2025&operateur=o2', 'periode=2025-T3&operateur=o1']) {
        const view = pilotageView(filtered(query), operator);
        expect(view.statisticsNotice, query).toBe(SENTENCE);
        expect(statisticLabels(view), query).toEqual([]);
      }
      // A grid of the Département only does not hold an operator's structure: said once, not as cards.
      const publication = { asOf: '2026-12-06', throughMonth: '2026-10', gridName: 'Département par trimestre', crossings: 0, finest: ['QUARTER'] };
      const offGrid = pilotageView({ ...filtered('periode=2025&operateur=o1'), publication, delays: null }, operator);
      expect(offGrid.statisticsNotice).toMatch(/^Les délais \(dont les délais légaux\)[^]* ne sont pas publiés pour votre périmètre/);
      expect(statisticLabels(offGrid)).toEqual([]);
      expect(offGrid.delays).toBeNull();
      expect(figure(offGrid, 'CER signés')).toBeDefined();
    });

    it('shows no statistic card when the API did not answer them (not asked), rather than cards « — »', () => {
      const { psychologicalDifficulties: _d, delayToFirstInterview: _i, appointmentAdherence: _a, referralDecision: _r, ...counts } = indicators;
      const view = pilotageView(data({ indicators: ok({ indicators: counts }) }), viewer('STEERING'));
      expect(statisticLabels(view)).toEqual([]);
      expect(figure(view, 'Personnes accueillies')).toBeDefined();
    });

    it('keeps every statistic for an administrator, whatever the period and scope', () => {
      const admin = pilotageView(filtered('periode=2025-03&territoire=t1&programme=p&operateur=o1', ['counts:readExact']), viewer('ADMIN'));
      expect(admin.statisticsNotice).toBeNull();
      expect(statisticLabels(admin)).toEqual(STATISTICS);
      expect(statisticTables(admin)).toEqual(['difficultes', 'delais']);
      expect(tableOf(admin, 'indicateurs').note).not.toContain('par année civile');
    });
  });

  describe('time: callers without exact counts read closed periods only', () => {
    const TODAY = '2026-12-06';
    const publication = (finest: string[]): Publication => ({ asOf: TODAY, throughMonth: '2026-10', gridName: 'Département', crossings: 1, finest });
    const parsed = (query: string, actions: string[], p?: Publication | null): ReturnType<typeof parseFilters> => parseFilters(new URL(`http://x/pilotage?${query}`), { actions }, TODAY, p);

    it('defaults a steering user to the latest closed period of the grid’s finest level for the Département, an administrator to this year so far', () => {
      expect(parsed('', [], publication(['MONTH', 'QUARTER']))).toMatchObject({ period: '2026-10', from: '2026-10-01', to: '2026-10-31' });
      expect(parsed('', [], publication(['QUARTER', 'YEAR']))).toMatchObject({ period: '2026-T3', from: '2026-07-01', to: '2026-09-30' });
      expect(parsed('territoire=t1', [], publication(['YEAR']))).toMatchObject({ period: '2025', from: '2025-01-01', to: '2025-12-31', territoryId: 't1' });
      // Before the first run (or not read): the last closed year.
      expect(parsed('', [], null)).toMatchObject({ period: '2025', to: '2025-12-31' });
      expect(parsed('', [])).toMatchObject({ period: '2025' });
      // A period asked keeps its own, even not closed (the page says so).
      expect(parsed('periode=2026', [], publication(['QUARTER']))).toMatchObject({ period: '2026', from: '2026-01-01', to: TODAY });
      expect(parsed('du=2025-01-01&au=2025-12-31', [], publication(['QUARTER']))).toMatchObject({ period: '2025' });
      // Administrators: exact figures, live: this year so far.
      expect(parsed('', ['counts:readExact'], publication(['MONTH']))).toMatchObject({ period: '2026', from: '2026-01-01', to: TODAY });
    });

    it('says a year not closed yet is not published yet for the CER and the statistics, and shows them once closed', () => {
      const view = pilotageView(data({ filters: parsed('periode=2026', []), contracts: null, delays: null }), viewer('STEERING'), TODAY);
      expect(view.contractsNotice).toBe(
        'Les chiffres des contrats (CER) de 2026 ne sont pas encore publiés : une année civile l’est une fois close, dix jours après la fin de décembre (secret statistique). Choisissez une année terminée pour les voir.',
      );
      expect(view.statisticsNotice).toMatch(/^Les délais \(dont les délais légaux\)[^]* de 2026 ne sont pas encore publiés : /);
      expect(view.delays).toBeNull();
      // On 2027-01-11, 2026 is closed: published (the publication holding December).
      const closed = pilotageView(data({ filters: parsed('periode=2026', []), publication: { ...publication(['QUARTER']), throughMonth: '2026-12' } }), viewer('STEERING'), '2027-01-11');
      expect(closed.contractsNotice).toBeNull();
      expect(closed.statisticsNotice).toBeNull();
      // An administrator reads the year so far.
      const admin = pilotageView(data({ filters: parsed('periode=2026', ['counts:readExact']) }), viewer('ADMIN'), TODAY);
      expect([admin.contractsNotice, admin.statisticsNotice]).toEqual([null, null]);
    });
  });

  it('keeps the rest when a panel is missing, and says which part', () => {
    const view = pilotageView(
      data({ contracts: down('contrats d’engagement'), funding: down('conventions et financements'), comparisonContracts: down('CER par territoire'), comparisonPlaces: down('places et financements par territoire') }),
      viewer('ADMIN'),
    );
    expect(view.accompaniments).toMatchObject({ ok: true, notices: ['Les données « contrats d’engagement » sont momentanément indisponibles.'] });
    expect(figure(view, 'CER signés')).toBeUndefined();
    expect(figure(view, 'Taux d’occupation des places')).toBeUndefined();
    expect(view.funding).toEqual({ ok: false, message: 'Les données « conventions et financements » sont momentanément indisponibles.' });
    expect(view.comparison).toEqual({ ok: true, notices: ['Les CER par territoire sont momentanément indisponibles.', 'Les places et financements par territoire sont momentanément indisponibles.'] });
    expect(tableOf(view, 'territoires').rows[0]).toEqual(['Arrageois', 40, 50, 45, null, null, null, 15, 12, '< 11', null, null]);
    expect(view.tables.map((t) => t.id)).toEqual(['indicateurs', 'mensuel', 'sorties', 'difficultes', 'territoires', 'delais']);

    // Money refused to an operator: the places stay, the amounts say why they are missing.
    const operator = pilotageView(data({ funding: ok({ conventionIndicators: { ...conventions, funding: null } }) }), viewer('OPERATOR'));
    expect(operator.funding).toMatchObject({ ok: true, notices: [expect.any(String), 'Votre rôle ne donne pas accès aux montants des conventions.'] });
    expect(figure(operator, 'Engagé')).toBeUndefined();
    expect(figure(operator, 'Places conventionnées')).toMatchObject({ value: 90 });

    // Without contracts' answer, every partner is offered as an operator.
    const partners = pilotageView(data({ filterLists: ok({ territories: [], partners: { nodes: [{ id: 'o1', name: 'Croix-Rouge', conventions: null }, { id: 'o2', name: 'MDPH', conventions: null }] } }) }), viewer('ADMIN'));
    expect(partners.options.operators.map((o) => o.id)).toEqual(['o1', 'o2']);
    const noLists = pilotageView(data({ filterLists: down('territoires et opérateurs') }), viewer('ADMIN'));
    expect(noLists.filterNotices).toEqual(['Les données « territoires et opérateurs » sont momentanément indisponibles. Les filtres « territoire » et « opérateur » sont limités à « tous ».']);
    expect(noLists.options).toMatchObject({ territories: [], operators: [] });
  });

  it('says when the period holds nothing', () => {
    const zero = n(0);
    const empty = { ...indicators, peopleWelcomed: zero, peopleAccompanied: zero, exitsTotal: zero };
    expect(pilotageView(data({ indicators: ok({ indicators: empty }) }), viewer('ADMIN')).empty).toBe(true);
    expect(pilotageView(data(), viewer('ADMIN')).empty).toBe(false);
  });

  it('lists the legal delays per step, with the version of the definitions in the table’s note', () => {
    const view = pilotageView(data(), viewer('STEERING'));
    const delays = tableOf(view, 'delais');
    expect(delays.title).toBe('Délais légaux');
    expect(delays.rows).toEqual([
      ['Orientation décidée (depuis l’ouverture du droit)', 30, 28.5, 44.1, '42 jours', 86.7],
      ['Orientation notifiée (depuis la décision)', '< 11', null, null, null, null],
      ['Contrat signé (depuis la notification)', 20, 21, 40.2, '1 mois', 65],
    ]);
    expect(delays.note).toContain('Définitions : version 2025-01 (Loi pour le plein emploi');
    expect(view.delays).toEqual({ ok: true, definitions: `Définitions : version 2025-01 (${delayChain.definitionLabel})` });
    const missing = pilotageView(data({ delays: down('délais légaux') }), viewer('ADMIN'));
    expect(missing.delays).toEqual({ ok: false, message: 'Les données « délais légaux » sont momentanément indisponibles.' });
    expect(missing.tables.find((t) => t.id === 'delais')).toBeUndefined();
  });
});

describe('the operations the page sends', () => {
  /** A gateway that records each operation asked, with its variables, and answers the CER panel with `contracts` (the others with a field). */
  function recordingGateway(): { asked: { operation: string; scope: unknown }[]; fetch: typeof globalThis.fetch } {
    const asked: { operation: string; scope: unknown }[] = [];
    const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { query: string; variables: { scope?: unknown } };
      const operation = /query (\w+)/.exec(body.query)?.[1] ?? 'anonymous';
      asked.push({ operation, scope: body.variables.scope });
      const data = operation === 'PilotageContracts' ? { contractIndicators: contracts } : { answered: true };
      return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    return { asked, fetch };
  }
  const admin = { ...viewer('ADMIN'), role: 'ADMIN' as const };

  it('asks the CER per territory once when no territory is chosen, and twice (the territory, then every territory) when one is', async () => {
    const whole = recordingGateway();
    const data = await loadPilotage(whole.fetch, parseFilters(new URL('http://x/pilotage?periode=2025'), admin, '2026-12-06'), admin);
    expect(whole.asked.filter((a) => a.operation === 'PilotageContracts' || a.operation === 'PilotageComparisonContracts')).toEqual([
      { operation: 'PilotageContracts', scope: { territoryId: null, operatorId: null } },
    ]);
    // The comparison's CER column reads the same answer as the CER cards.
    expect(data.comparisonContracts).toEqual(data.contracts);
    expect(data.comparisonContracts).toEqual({ ok: true, data: { contractIndicators: contracts }, partial: false });

    const one = recordingGateway();
    await loadPilotage(one.fetch, parseFilters(new URL('http://x/pilotage?periode=2025&territoire=t1'), admin, '2026-12-06'), admin);
    expect(one.asked.filter((a) => a.operation === 'PilotageContracts' || a.operation === 'PilotageComparisonContracts')).toEqual(
      expect.arrayContaining([
        { operation: 'PilotageContracts', scope: { territoryId: 't1', operatorId: null } },
        { operation: 'PilotageComparisonContracts', scope: { territoryId: null, operatorId: null } },
      ]),
    );
    expect(one.asked.length).toBe(whole.asked.length + 1);
  });
});
