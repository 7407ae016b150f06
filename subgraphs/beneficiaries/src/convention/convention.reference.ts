/** Conventions belong to `contracts`; the representation (id, and `places` when required) is all the fields here need. */
export const conventionReference = {
  Convention: {
    __resolveReference: <T extends { id: string }>(reference: T): T => reference,
  },
};
