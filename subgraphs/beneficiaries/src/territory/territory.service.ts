import { countsByKeys, type SubgraphContext } from '@passerelles/subgraph-kit';
import { BeneficiaryRepository } from '../beneficiary/beneficiary.repository.js';

const activeCaseloads = Symbol('activeCaseloads');

/** People currently accompanied in a territory of the caller's Département (batched per request). */
export function activeBeneficiaries(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(activeCaseloads, async (ids) =>
      countsByKeys(ids, await new BeneficiaryRepository(ctx.em).activeCaseloadByTerritory(department, ids)),
    )
    .load(territoryId);
}
