import type { SubgraphContext } from '@passerelles/subgraph-kit';
import type { Partner } from './partner.entity.js';
import { partnerById } from './partner.service.js';

export const partnerReference = {
  Partner: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<Partner | null> => partnerById(ctx, reference.id),
  },
};
