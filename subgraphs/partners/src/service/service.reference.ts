import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { serviceById } from './service.service.js';
import { ServiceType } from './service.type.js';

export const serviceReference = {
  Service: {
    __resolveReference: async (reference: { id: string }, ctx: SubgraphContext): Promise<ServiceType | null> => {
      const service = await serviceById(ctx, reference.id);
      return service ? ServiceType.from(service) : null;
    },
  },
};
