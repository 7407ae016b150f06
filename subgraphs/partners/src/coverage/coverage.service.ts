import { assertCan, scopeOf, UserFacingError, withinTerritories, type SubgraphContext } from '@passerelles/subgraph-kit';
import { CommuneType } from '../commune/commune.type.js';
import { serviceById } from '../service/service.service.js';
import type { Service } from '../service/service.entity.js';
import { fromEnumName, toEnumName } from '../directory/vocabulary.js';
import { territoryById } from '../territory/territory.service.js';
import type { Territory } from '../territory/territory.entity.js';
import { TerritoryRepository } from '../territory/territory.repository.js';
import { CommuneCoverageType, TerritoryCoverageType } from './coverage.type.js';
import { CoverageRepository, type CoverageArea, type CoverageRow } from './coverage.repository.js';

const coverages = Symbol('coverages');
const SEPARATOR = '\u0000';

/** Coverage is about the offer, not about people: every role of the Département may read it. */

function inScope(ctx: SubgraphContext, territoryId: string): boolean {
  return withinTerritories(scopeOf(ctx.caller, 'coverage:read'), territoryId);
}

/** Places per 1 000 people on the RSA, to two decimals; null without places or people. */
export function placesPer1000(places: number | null, people: number | null): number | null {
  if (places === null || people === null || people <= 0) return null;
  return Math.round((places * 100_000) / people) / 100;
}

async function computeCoverage(ctx: SubgraphContext, theme: string, area: CoverageArea): Promise<Map<string, TerritoryCoverageType>> {
  const department = ctx.caller.departmentCode;
  const repository = new CoverageRepository(ctx.em);
  const slug = fromEnumName(theme);
  const rows = await repository.rows(department, slug, area);
  const byArea = new Map<string, CoverageRow[]>();
  for (const row of rows) {
    const list = byArea.get(row.area_id);
    if (list) list.push(row);
    else byArea.set(row.area_id, [row]);
  }
  const ids = 'territoryIds' in area ? area.territoryIds : [department];
  const result = new Map<string, TerritoryCoverageType>();
  for (const id of ids) {
    const areaRows = byArea.get(id) ?? [];
    const communes = areaRows.map((r) =>
      Object.assign(new CommuneCoverageType(), {
        commune: CommuneType.from({
          code: r.code,
          name: r.name,
          departmentCode: r.department_code,
          epciCode: r.epci_code,
          population: r.population,
          latitude: r.latitude,
          longitude: r.longitude,
        }),
        servicesEligible: r.services_eligible,
        nearestServiceKm: r.nearest_km,
        covered: r.services_eligible > 0,
      }),
    );
    const servicesEligible = areaRows[0]?.area_eligible ?? 0;
    const uncovered = communes.filter((c) => !c.covered).map((c) => c.commune);
    result.set(
      id,
      Object.assign(new TerritoryCoverageType(), {
        territoryId: 'territoryIds' in area ? id : null,
        theme: toEnumName(slug),
        servicesEligible,
        places: areaRows[0]?.area_places ?? null,
        peopleOnRsa: null,
        placesPer1000Rsa: null,
        communeCount: communes.length,
        uncoveredCommuneCount: uncovered.length,
        covered: servicesEligible > 0,
        communes,
        uncoveredCommunes: uncovered,
      }),
    );
  }
  return result;
}

/**
 * Coverage of one territory for one theme, batched: all the territories asked for in a request
 * cost one SQL statement per theme (plus the territories' lookup). `peopleOnRsa` comes from the beneficiaries subgraph through
 * the gateway (`@requires`), never from its schema.
 */
export async function territoryCoverage(ctx: SubgraphContext, territoryId: string, theme: string, peopleOnRsa: number | null): Promise<TerritoryCoverageType | null> {
  assertCan(ctx.caller, 'coverage:read');
  if (!inScope(ctx, territoryId)) return null;
  const coverage = await ctx.loaders
    .get<string, TerritoryCoverageType | null>(coverages, async (keys) => {
      const byTheme = new Map<string, string[]>();
      for (const key of keys) {
        const [t, id] = key.split(SEPARATOR) as [string, string];
        byTheme.set(t, [...(byTheme.get(t) ?? []), id]);
      }
      const computed = new Map<string, TerritoryCoverageType>();
      for (const [t, ids] of byTheme) {
        const known = await new TerritoryRepository(ctx.em).byIds(ctx.caller.departmentCode, ids);
        if (known.length === 0) continue;
        for (const [id, value] of await computeCoverage(ctx, t, { territoryIds: known.map((k) => k.id) })) computed.set(`${t}${SEPARATOR}${id}`, value);
      }
      return keys.map((k) => computed.get(k) ?? null);
    })
    .load(`${theme}${SEPARATOR}${territoryId}`);
  if (!coverage) return null;
  return Object.assign(new TerritoryCoverageType(), coverage, { peopleOnRsa, placesPer1000Rsa: placesPer1000(coverage.places, peopleOnRsa) });
}

/** Coverage of a territory, or of the whole Département (its people on the RSA are not known here). */
export async function coverage(ctx: SubgraphContext, theme: string, territoryId: string | null | undefined): Promise<TerritoryCoverageType | null> {
  const reach = assertCan(ctx.caller, 'coverage:read')!;
  if (territoryId) {
    const territory = await territoryById(ctx, territoryId);
    return territory ? territoryCoverage(ctx, territory.id, theme, null) : null;
  }
  if (reach.territoryIds.length > 0) {
    throw new UserFacingError('Your access is limited to some territories: pass a territoryId.', 'BAD_USER_INPUT', { argument: 'territoryId' });
  }
  return (await computeCoverage(ctx, theme, { department: true })).get(ctx.caller.departmentCode) ?? null;
}

/** Territories of the caller's Département where no service of the theme is eligible, by name. */
export async function uncoveredTerritories(ctx: SubgraphContext, theme: string): Promise<Territory[]> {
  assertCan(ctx.caller, 'coverage:read');
  const territories = (await new TerritoryRepository(ctx.em).inDepartment(ctx.caller.departmentCode)).filter((t) => inScope(ctx, t.id));
  if (territories.length === 0) return [];
  const computed = await computeCoverage(ctx, theme, { territoryIds: territories.map((t) => t.id) });
  return territories.filter((t) => computed.get(t.id)?.covered === false);
}

/**
 * Live services of the theme eligible in an area (a territory, or the Département when
 * `territoryId` is null), by name, at most `first`: the offer the coverage counts. Batched: every
 * coverage of a request costs one statement per theme and size, then one lookup of the services.
 */
export async function servicesEligibleIn(ctx: SubgraphContext, theme: string, territoryId: string | null, first: number): Promise<Service[]> {
  assertCan(ctx.caller, 'coverage:read');
  if (territoryId !== null && !inScope(ctx, territoryId)) return [];
  const department = ctx.caller.departmentCode;
  const ids = await ctx.loaders
    .get<string, string[]>(Symbol.for(`eligibleServices:${theme}:${first}`), async (areaIds) => {
      const territoryIds = areaIds.filter((id) => id !== department);
      const rows = [
        ...(territoryIds.length > 0 ? await new CoverageRepository(ctx.em).eligibleServiceIds(department, fromEnumName(theme), { territoryIds }, first) : []),
        ...(areaIds.includes(department) ? await new CoverageRepository(ctx.em).eligibleServiceIds(department, fromEnumName(theme), { department: true }, first) : []),
      ];
      return areaIds.map((id) => rows.filter((r) => r.area_id === id).map((r) => r.id));
    })
    .load(territoryId ?? department);
  const services = await Promise.all(ids.map((id) => serviceById(ctx, id)));
  return services.filter((s): s is Service => s !== null);
}
