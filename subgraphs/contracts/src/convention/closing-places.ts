import { closingPlacesPayload, internalHandler, serviceContext, type ClosingPlaces } from '@passerelles/subgraph-kit';
import { ConventionRepository } from './convention.repository.js';
import { conventionAccess } from './convention.service.js';
import { conventionOccupancyOn } from './occupancy.service.js';

/**
 * `POST /internal/closing-places`, from funding only (ADR 0021): each convention's last day and
 * the places in force that day — the places of `Convention.closingOccupancy`, by the same
 * function — which funding records with the final report as the balance rule's basis.
 */
export const closingPlacesHandler = internalHandler({
  from: ['funding'],
  payload: closingPlacesPayload,
  handle: async (event): Promise<ClosingPlaces> => {
    const ctx = serviceContext(event);
    const conventions = await new ConventionRepository(ctx.em).byIds(conventionAccess(ctx.caller), event.payload.conventionIds);
    return Promise.all(conventions.map(async (c) => ({ conventionId: c.id, endsOn: c.endsOn, places: (await conventionOccupancyOn(ctx, c.id, c.endsOn)).places })));
  },
});
