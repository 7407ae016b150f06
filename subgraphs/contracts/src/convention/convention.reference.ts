import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { conventionById } from './convention.service.js';
import type { Convention } from './convention.entity.js';

export const conventionReference = {
  Convention: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<Convention | null> =>
      conventionById(ctx, reference.id),
  },
};
