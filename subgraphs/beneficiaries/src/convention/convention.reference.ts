/** Conventions and their occupancy belong to `contracts`; the representation (id; the day, conventions and territories of an occupancy) is all the fields here need. */
export const conventionReference = {
  Convention: {
    __resolveReference: <T extends { id: string }>(reference: T): T => reference,
  },
  ConventionOccupancy: {
    __resolveReference: <T extends { key: string }>(reference: T): T => reference,
  },
};
