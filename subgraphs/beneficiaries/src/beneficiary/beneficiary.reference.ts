import type { SubgraphContext } from '@passerelles/subgraph-kit';
import type { BeneficiaryRecord } from './beneficiary.entity.js';
import { beneficiaryById } from './beneficiary.service.js';

/** `Beneficiary` references, batched: N people cost one query (and one audit line), whatever N. */
export const beneficiaryReference = {
  Beneficiary: {
    __resolveReference: (reference: { id: string }, ctx: SubgraphContext): Promise<BeneficiaryRecord | null> => beneficiaryById(ctx, reference.id),
  },
};
