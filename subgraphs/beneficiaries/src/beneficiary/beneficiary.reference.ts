import type { SubgraphContext } from '@passerelles/subgraph-kit';
import type { Beneficiary } from './beneficiary.entity.js';
import { beneficiaryById } from './beneficiary.service.js';

export const beneficiaryReference = {
  Beneficiary: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<Beneficiary | null> =>
      beneficiaryById(ctx, reference.id),
  },
};
