import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { conventionIndicators, decodeKey } from './convention-indicators.service.js';
import type { ConventionIndicatorsType } from './convention-indicators.type.js';

/** A ConventionIndicators reference is computed again from its key (scope and period), for the caller. */
export const conventionIndicatorsReference = {
  ConventionIndicators: {
    __resolveReference: (reference: { key: string }, ctx: SubgraphContext): Promise<ConventionIndicatorsType> => {
      const { scope, period } = decodeKey(reference.key);
      return conventionIndicators(ctx, scope, period);
    },
  },
};
