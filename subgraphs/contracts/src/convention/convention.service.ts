import { byKeys, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { Convention } from './convention.entity.js';
import { ConventionRepository, type TerritoryConventionPlaces } from './convention.repository.js';

const conventionsById = Symbol('conventionsById');
const placesByTerritory = Symbol('placesByTerritory');

/** A convention of the caller's Département, batched. */
export function conventionById(ctx: SubgraphContext, id: string): Promise<Convention | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Convention | null>(conventionsById, async (ids) =>
      byKeys(ids, await new ConventionRepository(ctx.em).byIds(department, ids), (c) => c.id),
    )
    .load(id);
}

/** Places of the conventions in force today in a territory, one entry per convention (batched). */
export function conventionPlaces(ctx: SubgraphContext, territoryId: string): Promise<TerritoryConventionPlaces[]> {
  const department = ctx.caller.departmentCode;
  const today = new Date().toISOString().slice(0, 10);
  return ctx.loaders
    .get<string, TerritoryConventionPlaces[]>(placesByTerritory, async (ids) => {
      const rows = await new ConventionRepository(ctx.em).placesInForce(department, ids, today);
      return ids.map((id) => rows.filter((r) => r.territoryId === id));
    })
    .load(territoryId);
}

export async function placesContracted(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const places = await conventionPlaces(ctx, territoryId);
  return places.reduce((sum, p) => sum + p.territoryPlaces, 0);
}
