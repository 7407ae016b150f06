import { closingCaseloadPayload, internalHandler, serviceContext, type ClosingCaseloads } from '@passerelles/subgraph-kit';
import { caseloadOn } from './convention.service.js';

/**
 * `POST /internal/closing-caseload`, from funding only (ADR 0021): the active caseload of each
 * convention on a day (its last day), exact — by the function every page's occupancy uses — which
 * funding records with the final report as the balance rule's basis.
 */
export const closingCaseloadHandler = internalHandler({
  from: ['funding'],
  payload: closingCaseloadPayload,
  handle: async (event): Promise<ClosingCaseloads> => {
    const ctx = serviceContext(event);
    return Promise.all(
      event.payload.items.map(async (item) => ({
        conventionId: item.conventionId,
        activeCaseload: (await caseloadOn(ctx, { date: item.date, territoryIds: null, conventionIds: [item.conventionId] })).value ?? 0,
      })),
    );
  },
});
