import { countsByKeys, byKeys, departmentScope, type SubgraphContext } from '@passerelles/subgraph-kit';
import { PartnerRepository } from '../partner/partner.repository.js';
import type { Territory } from './territory.entity.js';
import { TerritoryRepository } from './territory.repository.js';

const territoriesById = Symbol('territoriesById');
const communeCounts = Symbol('communeCounts');
const partnerCounts = Symbol('partnerCounts');

/** Territories of the caller's Département (none when another Département is asked for). */
export async function listTerritories(ctx: SubgraphContext, department: string | null | undefined): Promise<Territory[]> {
  const scope = departmentScope(ctx.caller, department);
  return scope ? new TerritoryRepository(ctx.em).inDepartment(scope) : [];
}

/** One territory by id, batched; `null` when unknown or outside the caller's Département. */
export function territoryById(ctx: SubgraphContext, id: string): Promise<Territory | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Territory | null>(territoriesById, async (ids) =>
      byKeys(ids, await new TerritoryRepository(ctx.em).byIds(department, ids), (t) => t.id),
    )
    .load(id);
}

export function communeCount(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(communeCounts, async (ids) =>
      countsByKeys(ids, await new TerritoryRepository(ctx.em).communeCounts(department, ids)),
    )
    .load(territoryId);
}

/** Number of partner structures located in the territory's communes. */
export function partnerCount(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(partnerCounts, async (ids) =>
      countsByKeys(ids, await new PartnerRepository(ctx.em).countsByTerritory(department, ids)),
    )
    .load(territoryId);
}
