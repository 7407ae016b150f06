import { demoId, type AccompanyingConvention, type ReferralTarget } from '@passerelles/db';
import type pg from 'pg';

/** A commune of the COG (`ref.commune`) with what the derivation needs. */
export interface CogCommune {
  code: string;
  epciCode: string | null;
  population: number;
}

/** A territory the loader derives when a Département has none in `db/reference/territories/`. */
export interface SyntheticTerritory {
  id: string;
  name: string;
  communeCodes: string[];
}

/** What every derived territory says about itself in `ref.territory` (kind and source). */
export const SYNTHETIC_KIND = 'SYNTHETIC';
export const SYNTHETIC_SOURCE =
  'synthetic: derived by the population loader (npm run population) from the COG — whole EPCI, in code order, packed into territories of about equal population; not a real perimeter';

/** How many territories a Département of this many inhabitants gets: one per 150 000, from 3 to 12 (Pas-de-Calais has 9 for 1.46 M). */
export function syntheticTerritoryCount(inhabitants: number, groups: number): number {
  return Math.max(1, Math.min(groups, 12, Math.max(3, Math.round(inhabitants / 150_000))));
}

/**
 * Territories derived deterministically from a Département's communes: the communes are grouped by
 * EPCI (a commune in none is a group of its own), the groups taken in code order and packed, whole,
 * into `syntheticTerritoryCount` territories of about equal population. Same communes, same
 * territories, on every machine. Ids are `<dep>-synthetic-<n>`.
 */
export function deriveTerritories(departmentCode: string, communes: readonly CogCommune[]): SyntheticTerritory[] {
  const groups = new Map<string, CogCommune[]>();
  for (const c of [...communes].sort((a, b) => a.code.localeCompare(b.code))) {
    const key = c.epciCode ?? `commune:${c.code}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
  const weight = (g: CogCommune[]): number => g.reduce((s, c) => s + Math.max(c.population, 1), 0);
  const total = ordered.reduce((s, g) => s + weight(g), 0);
  const count = syntheticTerritoryCount(total, ordered.length);
  const territories: SyntheticTerritory[] = [];
  let current: string[] = [];
  let cumulated = 0;
  ordered.forEach((group, i) => {
    current.push(...group.map((c) => c.code));
    cumulated += weight(group);
    const remainingGroups = ordered.length - i - 1;
    const remainingTerritories = count - territories.length - 1;
    // Close the territory once it reaches its share, or when each territory left needs one of the groups left.
    if (remainingTerritories > 0 && (cumulated >= (total * (territories.length + 1)) / count || remainingGroups === remainingTerritories)) {
      territories.push({ id: `${departmentCode}-synthetic-${territories.length + 1}`, name: `Territoire synthétique ${territories.length + 1}`, communeCodes: current });
      current = [];
    }
  });
  if (current.length) territories.push({ id: `${departmentCode}-synthetic-${territories.length + 1}`, name: `Territoire synthétique ${territories.length + 1}`, communeCodes: current });
  return territories;
}

/**
 * Gives a Département without territories its synthetic ones in `ref.territory` and
 * `ref.territory_commune` (in the caller's transaction; needs write access to `ref`, i.e. the
 * database owner), so that every page and indicator by territory works there. Returns how many it
 * created (0 when the Département already has territories). The reference load (`prepareDatabase`) replaces them
 * with the reference files' territories when its sources change.
 */
export async function ensureTerritories(client: pg.ClientBase, departmentCode: string): Promise<number> {
  const existing = await client.query<{ n: number }>('select count(*)::int as n from ref.territory where department_code = $1', [departmentCode]);
  if (existing.rows[0]!.n > 0) return 0;
  const communes = await client.query<{ code: string; epci_code: string | null; population: number | null }>(
    'select code, epci_code, population from ref.commune where department_code = $1',
    [departmentCode],
  );
  if (communes.rows.length === 0) throw new Error(`Département ${departmentCode} has no commune in ref.commune`);
  const territories = deriveTerritories(
    departmentCode,
    communes.rows.map((r) => ({ code: r.code, epciCode: r.epci_code, population: r.population ?? 0 })),
  );
  await client.query(
    `insert into ref.territory (id, department_code, name, kind, source) select id, $2, name, $3, $4 from unnest($1::text[], $5::text[]) as t(id, name)`,
    [territories.map((t) => t.id), departmentCode, SYNTHETIC_KIND, SYNTHETIC_SOURCE, territories.map((t) => t.name)],
  );
  const links = territories.flatMap((t) => t.communeCodes.map((c) => [t.id, c] as const));
  await client.query(
    `insert into ref.territory_commune (department_code, territory_id, commune_code) select $1, t, c from unnest($2::text[], $3::text[]) as x(t, c)`,
    [departmentCode, links.map((l) => l[0]), links.map((l) => l[1])],
  );
  return territories.length;
}

/**
 * The conventions people are accompanied under: the demo's (Pas-de-Calais, Doubs) when the
 * Département has some, else one synthetic programme with one convention (and operator) per
 * territory. Synthetic ones exist only as ids on the accompaniments: contracts and funding know
 * nothing of them.
 */
export function accompanyingConventions(departmentCode: string, demo: AccompanyingConvention[], territoryIds: readonly string[]): AccompanyingConvention[] {
  if (demo.length) return demo;
  const programmeId = demoId(`synthetic-programme:${departmentCode}`);
  return territoryIds.map((territoryId) => ({
    id: demoId(`synthetic-convention:${territoryId}`),
    programmeId,
    operatorId: demoId(`synthetic-operator:${territoryId}`),
    startsOn: '2000-01-01',
    endsOn: '2100-12-31',
    territoryIds: [territoryId],
  }));
}

/** Referral targets: the demo's services when the Département has some, else 12 synthetic (partner, service) ids. */
export function referralTargets(departmentCode: string, demo: ReferralTarget[]): ReferralTarget[] {
  if (demo.length) return demo;
  return Array.from({ length: 12 }, (_, i) => ({
    partnerId: demoId(`synthetic-partner:${departmentCode}:${i % 6}`),
    serviceId: demoId(`synthetic-service:${departmentCode}:${i}`),
  }));
}
