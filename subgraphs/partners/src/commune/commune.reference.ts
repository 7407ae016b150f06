import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { communeByCode } from './commune.service.js';
import { CommuneType } from './commune.type.js';

export const communeReference = {
  Commune: {
    __resolveReference: async (reference: { code: string }, ctx: SubgraphContext): Promise<CommuneType | null> => {
      const commune = await communeByCode(ctx, reference.code);
      return commune ? CommuneType.from(commune) : null;
    },
  },
};
