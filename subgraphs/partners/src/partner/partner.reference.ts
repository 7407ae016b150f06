import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { partnerById } from './partner.service.js';
import { PartnerType } from './partner.type.js';

export const partnerReference = {
  Partner: {
    __resolveReference: async (reference: { id: string }, ctx: SubgraphContext): Promise<PartnerType | null> => {
      const partner = await partnerById(ctx, reference.id);
      return partner ? PartnerType.from(partner) : null;
    },
  },
};
