import type { SubgraphContext } from '@passerelles/subgraph-kit';
import type { Territory } from './territory.entity.js';
import { territoryById } from './territory.service.js';

export const territoryReference = {
  Territory: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<Territory | null> =>
      territoryById(ctx, reference.id),
  },
};
