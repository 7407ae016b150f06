import { countsByKeys, todayIso, type SubgraphContext } from '@passerelles/subgraph-kit';
import { CommitmentRepository } from '../commitment/commitment.repository.js';

const committedByTerritory = Symbol('committedByTerritory');

/**
 * Money committed to the conventions in force today that serve a territory, prorated by the places
 * each holds there — from funding's own copy of contracts' places (ADR 0028), so that the figure
 * needs no `@requires` hop through contracts. Batched: one query for all territories.
 */
export function fundingCommitted(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  const today = todayIso();
  return ctx.loaders
    .get<string, number>(committedByTerritory, async (ids) =>
      countsByKeys(ids, await new CommitmentRepository(ctx.em).committedByTerritory(department, ids, today)),
    )
    .load(territoryId);
}
