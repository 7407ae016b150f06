/** Territories belong to `partners`; the representation (id and the `conventionPlaces` required from `contracts`) is all the fields above need. */
export const territoryReference = {
  Territory: {
    __resolveReference: <T extends { id: string }>(reference: T): T => reference,
  },
};
