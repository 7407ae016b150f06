import type { SubgraphContext } from '@passerelles/subgraph-kit';
import type { Programme } from './programme.entity.js';
import { programmeById } from './programme.service.js';

export const programmeReference = {
  Programme: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<Programme | null> => programmeById(ctx, reference.id),
  },
};
