import { assertPageSize, byKeys, countsByKeys, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { Commune } from './commune.entity.js';
import { CommuneRepository } from './commune.repository.js';

const communesByCode = Symbol('communesByCode');
const communesOfTerritories = Symbol('communesOfTerritories');
const populationsOfTerritories = Symbol('populationsOfTerritories');

/** A commune of the caller's Département, batched; `null` elsewhere. */
export function communeByCode(ctx: SubgraphContext, code: string): Promise<Commune | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Commune | null>(communesByCode, async (codes) => byKeys(codes, await new CommuneRepository(ctx.em).byCodes(department, codes), (c) => c.code))
    .load(code);
}

/** Communes of a territory, by name, batched over territories. */
export function communesOfTerritory(ctx: SubgraphContext, territoryId: string): Promise<Commune[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Commune[]>(communesOfTerritories, async (ids) => {
      const rows = await new CommuneRepository(ctx.em).ofTerritories(department, ids);
      return ids.map((id) => rows.filter((r) => r.territory_id === id));
    })
    .load(territoryId);
}

/** Municipal population of a territory (sum over its communes), batched. */
export function populationOfTerritory(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(populationsOfTerritories, async (ids) =>
      countsByKeys(
        ids,
        (await new CommuneRepository(ctx.em).populations(department, ids)).map((r) => ({ key: r.key, count: r.count ?? 0 })),
      ),
    )
    .load(territoryId);
}

/** Communes of the caller's Département whose name starts with the text (reference data: any role). */
export function findCommunes(ctx: SubgraphContext, text: string, first: number): Promise<Commune[]> {
  assertPageSize(first);
  return new CommuneRepository(ctx.em).byNamePrefix(ctx.caller.departmentCode, text.slice(0, 100), first);
}
