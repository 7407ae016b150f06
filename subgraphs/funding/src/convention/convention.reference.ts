/** Conventions belong to `contracts`; the representation (id and the fields required from other subgraphs) is all the fields here need. */
export const conventionReference = {
  Convention: {
    __resolveReference: <T extends { id: string }>(reference: T): T => reference,
  },
};
