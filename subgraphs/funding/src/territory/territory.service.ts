import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { CommitmentRepository, type PlacesShare } from '../commitment/commitment.repository.js';

const committedByShares = Symbol('committedByShares');

/**
 * Money committed to the conventions serving a territory, prorated by the places each holds there
 * (the shares come from `contracts` through the gateway). Batched: one query for all territories.
 */
export function fundingCommitted(ctx: SubgraphContext, shares: readonly PlacesShare[]): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<readonly PlacesShare[], number>(committedByShares, (groups) =>
      new CommitmentRepository(ctx.em).proratedTotals(department, groups),
    )
    .load(shares);
}
