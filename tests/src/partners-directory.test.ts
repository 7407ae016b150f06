import { DEMO_PASSWORD, demoIdOf } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

/**
 * The partner directory through the gateway, on the demo data of Pas-de-Calais: search for
 * référents, and coverage whose need count comes from the beneficiaries subgraph (`@requires`).
 */
let system: TestSystem;
let token: string;

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: true, withDashboard: false });
  token = await login(system, 'admin.62@demo.passerelles.fr', DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('partner directory through the gateway', () => {
  it('finds the référent spécifique santé eligible in Arras first, with its structure and capacity', async () => {
    const result = await gatewayQuery<{
      searchServices: { edges: { service: { name: string; capacity: { places: number; fte: number } }; partner: { id: string; name: string }; distanceKm: number }[] };
    }>(system, token,
      `{ searchServices(query: "referent sante", eligibleFor: "62041", near: { communeCode: "62041" }, first: 5) {
          edges { service { name capacity { places fte } } partner { id name } distanceKm } } }`,
    );
    expect(result.errors).toEqual([]);
    const edges = result.data!.searchServices.edges;
    // Only the Arrageois référent is eligible in Arras; the other eight serve their own SLAI.
    expect(edges.map((e) => e.partner.id)).toEqual([demoIdOf.partner('croix-rouge-62')]);
    expect(edges[0]).toMatchObject({ service: { name: 'Référent spécifique santé', capacity: { places: 90, fte: 1 } }, distanceKm: 0 });
  });

  it('gives places per 1 000 people from the beneficiaries subgraph, and the white zones of addiction care', async () => {
    const result = await gatewayQuery<{
      territories: { id: string; peopleOnRsa: number; coverage: { places: number; peopleOnRsa: number; placesPer1000Rsa: number | null; servicesEligible: number } }[];
      uncoveredTerritories: { id: string }[];
    }>(system, token,
      `{ territories { id peopleOnRsa coverage(theme: SANTE__SANTE_MENTALE) { places peopleOnRsa placesPer1000Rsa servicesEligible } }
         uncoveredTerritories(theme: SANTE__ADDICTIONS) { id } }`,
    );
    expect(result.errors).toEqual([]);
    const territories = result.data!.territories.filter((t) => !t.id.includes('-test-'));
    expect(territories).toHaveLength(9);
    for (const t of territories) {
      // Each SLAI has its référent (90 places) located in one of its communes.
      expect(t.coverage.peopleOnRsa).toBe(t.peopleOnRsa);
      expect(t.coverage.places).toBe(90);
      expect(t.coverage.placesPer1000Rsa).toBe(t.peopleOnRsa > 0 ? Math.round((90 * 100_000) / t.peopleOnRsa) / 100 : null);
    }
    // Addiction services of the demo serve Lens-Liévin (CSAPA) and the Calaisis (CAARUD) only.
    expect(result.data!.uncoveredTerritories.map((t) => t.id).filter((id) => !id.includes('-test-'))).toEqual(
      ['62-arrageois', '62-artois', '62-audomarois', '62-boulonnais', '62-henin-carvin', '62-montreuillois', '62-ternois'],
    );
  });

  it('exports the demo listings in the data·inclusion format', async () => {
    const result = await gatewayQuery<{ exportDataInclusion: { structureCount: number; services: string } }>(system, token, '{ exportDataInclusion { structureCount services } }');
    expect(result.errors).toEqual([]);
    expect(result.data!.exportDataInclusion.structureCount).toBe(16);
    const services = JSON.parse(result.data!.exportDataInclusion.services) as { id: string; structure_id: string }[];
    expect(services.find((s) => s.id === 'rss-62-arrageois')?.structure_id).toBe('croix-rouge-62');
  });
});
