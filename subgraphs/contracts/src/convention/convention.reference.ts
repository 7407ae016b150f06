import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { conventionById } from './convention.service.js';
import type { Convention } from './convention.entity.js';
import { occupancyReference } from './occupancy.service.js';
import type { ConventionOccupancyType } from './occupancy.type.js';

export const conventionReference = {
  Convention: {
    /** Keeps the fields other subgraphs sent (`activeCaseload` for `caseloadAlert`). */
    __resolveReference: async (reference: { id: string; activeCaseload?: number | null }, ctx: SubgraphContext): Promise<(Convention & { activeCaseload?: number | null }) | null> => {
      const convention = await conventionById(ctx, reference.id);
      return convention && 'activeCaseload' in reference ? Object.assign(Object.create(Object.getPrototypeOf(convention) as object) as Convention, convention, { activeCaseload: reference.activeCaseload }) : convention;
    },
  },
  ConventionOccupancy: {
    /** Computed again from its key; keeps the active caseload beneficiaries sent (for `rate`). */
    __resolveReference: (reference: { key: string; activeCaseload?: number | null }, ctx: SubgraphContext): Promise<ConventionOccupancyType> => occupancyReference(ctx, reference),
  },
};
