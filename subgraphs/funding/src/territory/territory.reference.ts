/** Territories belong to `partners`; the id is all the field above needs (funding keeps its own copy of the places, ADR 0028). */
export const territoryReference = {
  Territory: {
    __resolveReference: (reference: { id: string }): { id: string } => ({ id: reference.id }),
  },
};
