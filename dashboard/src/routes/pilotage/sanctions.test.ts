import { describe, expect, it, vi } from 'vitest';
import type { Filters } from '#lib/server/pilotage.ts';
import { loadSanctionFigures } from './sanctions.ts';

vi.mock('#lib/server/env.ts', () => ({ serverEnv: { gatewayUrl: 'http://gateway.test/graphql', persistedOperations: false } }));

const count = (value: number) => ({ value, suppressed: false, rule: null });
const ANSWER = { data: { sanctionIndicators: { opened: count(40), decided: count(30), suspended: count(20), lifted: count(12), medianDurationMonths: 2, medianDaysToLift: 45.5 } } };

function gateway(): { fetch: typeof globalThis.fetch; calls: number } {
  const state = { calls: 0, fetch: (async () => {
    state.calls += 1;
    return new Response(JSON.stringify(ANSWER), { headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch };
  return state;
}

const filters = (period: string | null, scope: Partial<Filters> = {}): Filters => ({ programmeId: null, territoryId: null, operatorId: null, from: '2025-01-01', to: '2025-12-31', period, ...scope });
const STEERING = ['sanctionIndicators:read'];
const ADMIN = ['sanctionIndicators:read', 'counts:readExact'];

describe('the sanction figures of Pilotage', () => {
  it('shows a steering user the figures of a year of the whole Département', async () => {
    const g = gateway();
    const figures = await loadSanctionFigures(g.fetch, filters('2025'), STEERING);
    expect(figures).toMatchObject({ ok: true, notice: null });
    expect(figures?.ok && figures.figures.map((f) => [f.label, f.shown])).toContainEqual(['Procédures ouvertes', '40']);
    expect(g.calls).toBe(1);
  });

  it('says once, without asking the API, that a month, a quarter or a filter is not published to a steering user', async () => {
    for (const [period, scope] of [['2025-T3', {}], ['2025-03', {}], ['2025', { territoryId: 't1' }], ['2025', { programmeId: 'p' }], ['2025', { operatorId: 'o1' }]] as const) {
      const g = gateway();
      expect(await loadSanctionFigures(g.fetch, filters(period, scope), STEERING), period).toEqual({
        ok: true,
        figures: [],
        notice: 'Les chiffres des sanctions ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans programme, territoire ni opérateur, pour les voir.',
      });
      expect(g.calls).toBe(0);
    }
  });

  it('shows an administrator every period and scope, and nothing to the roles that do not read them', async () => {
    const g = gateway();
    expect(await loadSanctionFigures(g.fetch, filters(null, { territoryId: 't1' }), ADMIN)).toMatchObject({ ok: true, notice: null });
    expect(await loadSanctionFigures(g.fetch, filters('2025'), [])).toBeNull();
  });
});
