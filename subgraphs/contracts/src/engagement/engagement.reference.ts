import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { contractById } from './engagement.service.js';
import type { EngagementContractType } from './engagement.type.js';

export const engagementContractReference = {
  EngagementContract: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<EngagementContractType | null> => contractById(ctx, reference.id),
  },
};
