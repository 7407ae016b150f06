import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { territoryById } from './territory.service.js';
import { TerritoryType } from './territory.type.js';

export const territoryReference = {
  Territory: {
    // The representation may carry fields of other subgraphs that `@requires` asks for (the need count of coverage): keep them.
    __resolveReference: async (reference: { id: string; peopleOnRsa?: number | null }, ctx: SubgraphContext): Promise<TerritoryType | null> => {
      const territory = await territoryById(ctx, reference.id);
      return territory ? TerritoryType.from(territory, reference.peopleOnRsa) : null;
    },
  },
};
